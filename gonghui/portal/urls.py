from django.urls import path

from gonghui.portal import urls_hardship
from gonghui.portal.accounts import urls as accounts_urls
from gonghui.portal.members import urls as members_urls
from gonghui.portal.views import case_follow, case_request

app_name = "portal"

# All of /portal/ is public to the cadre login middleware; each view here that is not the login or
# the join landing demands the portal's own session (session.worker_required).
urlpatterns = [
    *accounts_urls.urlpatterns,
    *members_urls.urlpatterns,
    # 维权服务 (12351): the hub, the request form and 查询进度 are open to guests, who prove the phone
    # by an SMS code on the page; a case's own page needs the proved phone it was filed with.
    path("cases/", case_follow.case_hub, name="cases"),
    path("cases/new/", case_request.case_request, name="case_request"),
    path("cases/follow/", case_follow.case_follow_view, name="case_follow"),
    path("cases/<str:number>/", case_follow.case_detail, name="case_detail"),
    path("cases/<str:number>/rate/", case_follow.case_rate_view, name="case_rate"),
    path("cases/<str:number>/reopen/", case_follow.case_reopen_view, name="case_reopen"),
]

# 困难帮扶: the self-check, the application and one's own file, aid and mutual-aid cover.
urlpatterns += urls_hardship.urlpatterns

from django.urls import path

from gonghui.portal import urls_hardship
from gonghui.portal.accounts import urls as accounts_urls
from gonghui.portal.views import case_follow, case_request, join, pages

app_name = "portal"

# All of /portal/ is public to the cadre login middleware; each view here that is not the login or
# the join landing demands the portal's own session (session.worker_required).
urlpatterns = [
    path("", pages.home, name="home"),
    *accounts_urls.urlpatterns,
    path("join/<str:token>/", join.join, name="join"),
    path("join/<str:token>/transfer/", join.join_transfer, name="join_transfer"),
    path("applications/<int:pk>/", pages.application, name="application"),
    path("applications/<int:pk>/withdraw/", pages.application_withdraw_view, name="application_withdraw"),
    path("transfer/", pages.transfers, name="transfers"),
    path("transfer/<int:pk>/cancel/", pages.transfer_cancel, name="transfer_cancel"),
    path("transfer/<int:pk>/confirm/", pages.transfer_answer, {"answer": "confirm"}, name="transfer_confirm"),
    path("transfer/<int:pk>/decline/", pages.transfer_answer, {"answer": "decline"}, name="transfer_decline"),
    path("card/", pages.card, name="card"),
    path("card/claim/", pages.card_claim, name="card_claim"),
    path("card/<int:member_pk>/qr/", pages.card_qr, name="card_qr"),
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

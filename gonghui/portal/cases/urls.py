"""Portal routes of 维权服务 (12351): asking for help, following a case, rating it, asking for it again;
included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.cases.views import ask, follow

urlpatterns: list[URLPattern] = [
    # 维权服务 (12351): the hub, the request form and 查询进度 are open to guests, who prove the phone
    # by an SMS code on the page; a case's own page needs the proved phone it was filed with.
    path("cases/", follow.case_hub, name="cases"),
    path("cases/new/", ask.case_request, name="case_request"),
    path("cases/follow/", follow.case_follow_view, name="case_follow"),
    path("cases/<str:number>/", follow.case_detail, name="case_detail"),
    path("cases/<str:number>/rate/", follow.case_rate_view, name="case_rate"),
    path("cases/<str:number>/reopen/", follow.case_reopen_view, name="case_reopen"),
]

"""Portal routes of 求职: postings open to anyone; applying and 我的求职 for members signed in;
included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.jobs import views

urlpatterns: list[URLPattern] = [
    path("jobs/", views.posting_list, name="jobs"),
    path("jobs/mine/", views.mine, name="jobs_mine"),
    path("jobs/<int:pk>/", views.posting_detail, name="jobs_posting"),
    path("jobs/<int:pk>/apply/", views.apply, name="jobs_apply"),
    path("jobs/applications/<int:pk>/withdraw/", views.withdraw, name="jobs_withdraw"),
]

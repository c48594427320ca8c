"""Portal routes of 工会活动 (members and phone-verified guests signed in); included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.activities import views

urlpatterns: list[URLPattern] = [
    path("activities/", views.activity_list, name="activities"),
    path("activities/mine/", views.my_activities, name="activities_mine"),
    path("activities/<int:pk>/", views.activity_page, name="activity"),
    path("activities/<int:pk>/sign-up/", views.activity_sign_up, name="activity_sign_up"),
    path("activities/<int:pk>/checkin/<str:token>/", views.check_in, name="activity_checkin"),
    path("activities/signups/<int:pk>/cancel/", views.signup_cancel_view, name="activity_signup_cancel"),
]

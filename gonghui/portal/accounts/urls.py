"""Portal routes of the worker's login (phone, then the SMS code) and logout; included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.accounts import views

urlpatterns: list[URLPattern] = [
    path("login/", views.login_phone, name="login"),
    path("login/code/", views.login_code, name="login_code"),
    path("logout/", views.logout_view, name="logout"),
]

"""The portal's home page (办事大厅), open to visitors; included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.home import views

urlpatterns: list[URLPattern] = [
    path("", views.home, name="home"),
    path("join/", views.join_help, name="join_help"),
]

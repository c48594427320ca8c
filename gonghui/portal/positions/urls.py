"""Portal routes of 附近的服务站点 and 扫码签到: open to anyone; included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.positions import views

urlpatterns: list[URLPattern] = [
    path("positions/", views.nearby, name="positions_nearby"),
    path("positions/checkin/<str:token>/", views.checkin, name="positions_checkin"),
    path("positions/checkin/<str:token>/done/", views.checked_in, name="positions_checked_in"),
]

"""Portal routes of the honours 公示: open to anyone (a 公示 is published); included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.honours import views

urlpatterns: list[URLPattern] = [
    path("honours/", views.notice_list, name="honour_notices"),
    path("honours/objected/", views.objection_done, name="honour_objection_done"),
    path("honours/<int:pk>/", views.notice_detail, name="honour_notice"),
    path("honours/<int:pk>/object/<int:entry>/", views.objection_new, name="honour_objection"),
]

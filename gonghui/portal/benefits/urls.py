"""Portal routes of 会员普惠 (members signed in only); included by portal/urls.py."""

from django.urls import URLPattern, path

from gonghui.portal.benefits import views

urlpatterns: list[URLPattern] = [
    path("benefits/", views.my_benefits, name="benefits"),
    path("benefits/offers/<int:pk>/claim/", views.claim, name="benefits_claim"),
    path("benefits/vouchers/<int:pk>/", views.voucher_page, name="benefits_voucher"),
]

"""Console routes and navigation entries of 会员普惠 (merchants, offers, vouchers, figures); included by
web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.benefits import views
from gonghui.web.benefits.views import PERMS

urlpatterns: list[URLPattern] = [
    path("benefits/", views.offer_list_page, name="benefits_offers"),
    path("benefits/offers/new/", views.offer_new_page, name="benefits_offer_new"),
    path("benefits/offers/<int:pk>/", views.offer_page, name="benefits_offer"),
    path("benefits/offers/<int:pk>/edit/", views.offer_edit_page, name="benefits_offer_edit"),
    path("benefits/offers/<int:pk>/do/<str:action>/", views.offer_act, name="benefits_offer_act"),
    path("benefits/merchants/", views.merchant_list_page, name="benefits_merchants"),
    path("benefits/merchants/new/", views.merchant_new_page, name="benefits_merchant_new"),
    path("benefits/merchants/<int:pk>/", views.merchant_page, name="benefits_merchant"),
    path("benefits/merchants/<int:pk>/edit/", views.merchant_edit_page, name="benefits_merchant_edit"),
    path("benefits/merchants/<int:pk>/do/<str:action>/", views.merchant_act, name="benefits_merchant_act"),
    path("benefits/vouchers/", views.voucher_list_page, name="benefits_vouchers"),
    path("benefits/vouchers/<int:pk>/void/", views.voucher_void_page, name="benefits_voucher_void"),
    path("benefits/figures/", views.figures_page, name="benefits_figures"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("会员普惠"), "", PERMS, ""),
    ("web:benefits_offers", _("普惠优惠"), "✿", PERMS, "/benefits/$"),
    ("web:benefits_merchants", _("普惠商户"), "⌂", PERMS, "/benefits/merchants/"),
    ("web:benefits_vouchers", _("会员优惠券"), "▤", PERMS, "/benefits/vouchers/"),
    ("web:benefits_figures", _("普惠统计"), "▥", PERMS, "/benefits/figures/"),
]

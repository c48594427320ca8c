"""Console routes and navigation entries of 集体合同; included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.web.contracts.views.comparison import contract_comparison_page
from gonghui.web.contracts.views.detail import contract_act, contract_attachment, contract_detail_page
from gonghui.web.contracts.views.figures import contract_figures_page
from gonghui.web.contracts.views.lists import contract_list_page, contract_new_page
from gonghui.web.contracts.views.settings import contract_settings_page

urlpatterns: list[URLPattern] = [
    path("contracts/", contract_list_page, name="contract_list"),
    path("contracts/new/", contract_new_page, name="contract_new"),
    path("contracts/figures/", contract_figures_page, name="contract_figures"),
    path("contracts/comparison/", contract_comparison_page, name="contract_comparison"),
    path("contracts/settings/", contract_settings_page, name="contract_settings"),
    path("contracts/<int:pk>/", contract_detail_page, name="contract_detail"),
    path("contracts/<int:pk>/do/<str:action>/", contract_act, name="contract_act"),
    path("contracts/<int:pk>/attachments/<int:attachment_pk>/", contract_attachment, name="contract_attachment"),
]

CONTRACT_PERMS = (Perm.CONTRACT_VIEW, Perm.CONTRACT_MANAGE)
# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("集体协商"), "", CONTRACT_PERMS, ""),
    ("web:contract_list", _("集体合同"), "✎", CONTRACT_PERMS, "/contracts/$"),
    ("web:contract_new", _("发起要约"), "＋", Perm.CONTRACT_MANAGE, "/contracts/new/"),
    ("web:contract_figures", _("合同统计"), "▥", CONTRACT_PERMS, "/contracts/figures/"),
    ("web:contract_comparison", _("条款对比"), "⇆", CONTRACT_PERMS, "/contracts/comparison/"),
    ("web:contract_settings", _("种类与最低工资"), "⚙", Perm.CONTRACT_MANAGE, "/contracts/settings/"),
]

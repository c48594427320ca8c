"""Console routes and navigation entries of the hardship registry (困难职工档案);
included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.web.hardship.views.actions import file_act, file_document, file_reveal
from gonghui.web.hardship.views.dashboard import dashboard_page
from gonghui.web.hardship.views.detail import file_detail_page
from gonghui.web.hardship.views.household import household_page
from gonghui.web.hardship.views.lists import due_list_page, file_list_page
from gonghui.web.hardship.views.printing import file_print_page
from gonghui.web.hardship.views.rules import rules_page
from gonghui.web.hardship.views.survey import survey_page

urlpatterns: list[URLPattern] = [
    path("hardship/", file_list_page, name="hardship_list"),
    path("hardship/new/", survey_page, name="hardship_survey"),
    path("hardship/due/", due_list_page, name="hardship_due"),
    path("hardship/dashboard/", dashboard_page, name="hardship_dashboard"),
    path("hardship/rules/", rules_page, name="hardship_rules"),
    path("hardship/<int:pk>/", file_detail_page, name="hardship_detail"),
    path("hardship/<int:pk>/household/", household_page, name="hardship_household"),
    path("hardship/<int:pk>/do/<str:action>/", file_act, name="hardship_act"),
    path("hardship/<int:pk>/print/", file_print_page, name="hardship_print"),
    path("hardship/<int:pk>/reveal/", file_reveal, name="hardship_reveal"),
    path("hardship/<int:pk>/documents/<int:document_pk>/", file_document, name="hardship_document"),
]

# 困难帮扶: the registry's own group; aid and mutual aid follow under headings of their own (urls_aid.NAV).
HARDSHIP_PERMS = (Perm.HARDSHIP_VIEW, Perm.HARDSHIP_EDIT, Perm.HARDSHIP_APPROVE, Perm.HARDSHIP_REVEAL)

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("困难帮扶"), "", HARDSHIP_PERMS, ""),
    ("web:hardship_list", _("困难职工档案"), "♡", HARDSHIP_PERMS, "/hardship/$"),
    ("web:hardship_survey", _("摸底登记"), "✚", Perm.HARDSHIP_EDIT, "/hardship/new/"),
    ("web:hardship_due", _("回头看"), "↻", HARDSHIP_PERMS, "/hardship/due/"),
    ("web:hardship_dashboard", _("帮扶统计"), "▥", Perm.HARDSHIP_VIEW, "/hardship/dashboard/"),
    ("web:hardship_rules", _("认定标准"), "≡", HARDSHIP_PERMS, "/hardship/rules/"),
]

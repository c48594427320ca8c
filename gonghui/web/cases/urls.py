"""Console routes and navigation entries of 维权 (12351): intake, queues, the case page and its actions, 督办,
figures, 办结时限; included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.web.cases.views.dashboard import case_dashboard, sla_page
from gonghui.web.cases.views.detail import case_act, case_attachment, case_by_number, case_detail_page, case_union_pick
from gonghui.web.cases.views.intake import case_intake_page, case_intake_suggest
from gonghui.web.cases.views.printing import case_dispatch_print, case_intake_print
from gonghui.web.cases.views.queues import case_queue_page, supervision_board

urlpatterns: list[URLPattern] = [
    path("cases/", case_queue_page, name="case_queue"),
    path("cases/intake/", case_intake_page, name="case_intake"),
    path("cases/intake/suggest/", case_intake_suggest, name="case_intake_suggest"),
    path("cases/find/", case_by_number, name="case_by_number"),
    path("cases/board/", supervision_board, name="case_board"),
    path("cases/dashboard/", case_dashboard, name="case_dashboard"),
    path("cases/sla/", sla_page, name="case_sla"),
    path("cases/<int:pk>/", case_detail_page, name="case_detail"),
    path("cases/<int:pk>/do/<str:action>/", case_act, name="case_act"),
    path("cases/<int:pk>/unions/", case_union_pick, name="case_union_pick"),
    path("cases/<int:pk>/print/intake/", case_intake_print, name="case_print_intake"),
    path("cases/<int:pk>/print/dispatch/", case_dispatch_print, name="case_print_dispatch"),
    path("cases/<int:pk>/attachments/<int:attachment_pk>/", case_attachment, name="case_attachment"),
]

# 维权服务: a group of its own, headed by its label, for those holding a case permission.
CASE_PERMS = (Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE)
# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("维权服务"), "", CASE_PERMS, ""),
    ("web:case_intake", _("受理"), "☎", Perm.CASE_INTAKE, "/cases/intake/"),
    ("web:case_queue", _("维权案件"), "⚖", CASE_PERMS, "/cases/$"),
    ("web:case_board", _("督办看板"), "⚑", (Perm.CASE_SUPERVISE, Perm.CASE_VIEW), "/cases/board/"),
    ("web:case_dashboard", _("维权统计"), "▥", Perm.CASE_VIEW, "/cases/dashboard/"),
    ("web:case_sla", _("办结时限设置"), "⏱", Perm.CALENDAR_MANAGE, "/cases/sla/"),
]

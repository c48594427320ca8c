"""Console routes and navigation entries of the metric pages (指标说明 and one page per metric)."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.web.reports import dashboard_views
from gonghui.web.reports import metrics_views as views

urlpatterns: list[URLPattern] = [
    path("reports/dashboard/", dashboard_views.dashboard_page, name="reports_dashboard"),
    path("reports/metrics/", views.metric_glossary_page, name="metric_glossary"),
    path("reports/metrics/<str:name>/", views.metric_page, name="metric"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
# The glossary is for every cadre: no permission needed.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    ("web:reports_dashboard", _("统计总览"), "▥", Perm.STATS_VIEW, "/reports/dashboard/"),
    ("web:metric_glossary", _("指标说明"), "ⓘ", None, "/reports/metrics/"),
]

"""Console routes and navigation entries of 统计与报表; included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.web.reports import risk_views

urlpatterns: list[URLPattern] = [
    path("reports/risk/", risk_views.radar_page, name="risk_radar"),
    path("reports/risk/alerts/", risk_views.alert_list_page, name="risk_alerts"),
    path("reports/risk/alerts/<int:pk>/", risk_views.alert_page, name="risk_alert"),
    path("reports/risk/employers/<int:pk>/list/", risk_views.list_employer_page, name="risk_list_employer"),
    path("reports/risk/rules/", risk_views.rules_page, name="risk_rules"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("统计与报表"), "", Perm.STATS_VIEW, ""),
    ("web:risk_radar", _("风险雷达"), "◎", Perm.STATS_VIEW, "/reports/risk/$"),
    ("web:risk_alerts", _("风险预警"), "⚠", Perm.STATS_VIEW, "/reports/risk/alerts/"),
]

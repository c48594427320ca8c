"""Console routes and navigation of the 统计年报 (reporting status, a union's return, export, print);
included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.reports import stats_bulk_views as bulk_views
from gonghui.web.reports import stats_views as views
from gonghui.web.reports.stats_views import PERMS

urlpatterns: list[URLPattern] = [
    path("reports/stats/", views.status_page, name="stats_status"),
    path("reports/stats/open/", views.open_return, name="stats_open"),
    path("reports/stats/prefill/", bulk_views.prefill_returns, name="stats_prefill"),
    path("reports/stats/sign-on-behalf/", bulk_views.sign_on_behalf, name="stats_sign_on_behalf"),
    path("reports/stats/export/", views.export_returns, name="stats_export"),
    path("reports/stats/<int:pk>/", views.return_page, name="stats_return"),
    path("reports/stats/<int:pk>/print/", views.print_page, name="stats_print"),
    path("reports/stats/<int:pk>/do/<str:action>/", views.return_act, name="stats_act"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    ("web:stats_status", _("统计年报"), "▦", PERMS, "/reports/stats/"),
]

"""Console routes and navigation entries of 工作报告; included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.reports import work_report_views as views

urlpatterns: list[URLPattern] = [
    path("reports/work-report/", views.work_report_list_page, name="work_report_list"),
    path("reports/work-report/templates/", views.work_report_templates_page, name="work_report_templates"),
    path("reports/work-report/<int:pk>/", views.work_report_page, name="work_report"),
    path("reports/work-report/<int:pk>/regenerate/", views.work_report_regenerate, name="work_report_regenerate"),
    path("reports/work-report/<int:pk>/docx/", views.work_report_download, name="work_report_docx"),
]

PERMS = (views.READ, views.WRITE)
# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    ("web:work_report_list", _("工作报告"), "✎", PERMS, "/reports/work-report/"),
]

"""Console routes and navigation entries of 就业服务 (招聘岗位, 岗位审核, 招聘会, 就业服务统计);
included by web/urls.py and web/context.py. The to-do lines (jobs/todos.py) link to these names."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.jobs.views import fairs, grants, postings
from gonghui.web.jobs.views.common import PERMS

urlpatterns: list[URLPattern] = [
    path("jobs/postings/", postings.posting_list_page, name="jobs_posting_list"),
    path("jobs/postings/new/", postings.posting_create_page, name="jobs_posting_create"),
    path("jobs/postings/review/", postings.review_queue_page, name="jobs_review_queue"),
    path("jobs/partner-grants/", grants.grant_list_page, name="jobs_partner_grants"),
    path("jobs/partner-grants/<int:pk>/revoke/", grants.grant_revoke_view, name="jobs_partner_grant_revoke"),
    path("jobs/postings/<int:pk>/", postings.posting_page, name="jobs_posting"),
    path("jobs/postings/<int:pk>/edit/", postings.posting_edit_page, name="jobs_posting_edit"),
    path("jobs/postings/<int:pk>/review/", postings.posting_review_view, name="jobs_posting_review"),
    path("jobs/postings/<int:pk>/withdraw/", postings.posting_withdraw_view, name="jobs_posting_withdraw"),
    path("jobs/postings/<int:pk>/recommend/", postings.recommend_view, name="jobs_recommend"),
    path("jobs/applications/<int:pk>/decide/", postings.application_decide_view, name="jobs_application_decide"),
    path("jobs/fairs/", fairs.fair_list_page, name="jobs_fair_list"),
    path("jobs/fairs/new/", fairs.fair_create_page, name="jobs_fair_create"),
    path("jobs/fairs/<int:pk>/", fairs.fair_page, name="jobs_fair"),
    path("jobs/fairs/<int:pk>/<str:step>/", fairs.fair_step, name="jobs_fair_step"),
    path("jobs/figures/", fairs.figures_page, name="jobs_figures"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("就业服务"), "", PERMS, ""),
    ("web:jobs_posting_list", _("招聘岗位"), "▤", PERMS, "/jobs/postings/"),
    ("web:jobs_review_queue", _("岗位审核"), "✓", PERMS, "/jobs/postings/review/"),
    ("web:jobs_fair_list", _("招聘会"), "◎", PERMS, "/jobs/fairs/"),
    ("web:jobs_figures", _("就业服务统计"), "▦", PERMS, "/jobs/figures/"),
]

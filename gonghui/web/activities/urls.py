"""Console routes and navigation entries of 工会活动; included by web/urls.py and web/context.py. The
to-do lines (activities/todos.py) link to the list."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.activities import views
from gonghui.web.activities.views import PERMS

urlpatterns: list[URLPattern] = [
    path("activities/", views.activity_list_page, name="activity_list"),
    path("activities/new/", views.activity_create_page, name="activity_create"),
    path("activities/figures/", views.activity_figures_page, name="activity_figures"),
    path("activities/<int:pk>/", views.activity_page, name="activity"),
    path("activities/<int:pk>/edit/", views.activity_edit_page, name="activity_edit"),
    path("activities/<int:pk>/door/", views.activity_door_page, name="activity_door"),
    path("activities/<int:pk>/do/<str:step>/", views.activity_act, name="activity_act"),
    path("activities/signups/<int:pk>/check-in/", views.signup_check_in_view, name="activity_signup_check_in"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("工会活动"), "", PERMS, ""),
    ("web:activity_list", _("活动管理"), "◎", PERMS, "/activities/"),
    ("web:activity_figures", _("活动统计"), "▦", PERMS, "/activities/figures/"),
]

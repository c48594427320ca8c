"""Console routes and navigation entries of the national tier (各省数据, 上报记录); included by
web/urls.py and web/context.py. Both pages are the root's: the menu shows them to a statistics grant
on the top-level union only."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.reports.federation.selectors import menu_shows_federation
from gonghui.web.reports import federation_transfer_views as transfer_views
from gonghui.web.reports import federation_views as views

urlpatterns: list[URLPattern] = [
    path("reports/federation/", views.board_page, name="federation_board"),
    path("reports/federation/sends/", views.sends_page, name="federation_sends"),
    path("reports/federation/transfers/", transfer_views.transfers_page, name="federation_transfers"),
]

# (url name, label, icon, permission(s) or a test of the user, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    ("web:federation_board", _("各省数据"), "⊞", menu_shows_federation, "/reports/federation/$"),
    ("web:federation_sends", _("上报记录"), "⇡", menu_shows_federation, "/reports/federation/sends/"),
]

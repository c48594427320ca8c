"""Console routes and navigation entries of 民主管理 (职代会, 提案, 厂务公开, 职工董事/监事, 统计);
included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.democracy.views import congress, proposals, publicity, rules, sessions
from gonghui.web.democracy.views.common import PERMS

urlpatterns: list[URLPattern] = [
    path("democracy/", congress.congress_list_page, name="democracy_congresses"),
    path("democracy/congresses/<int:pk>/", congress.congress_page, name="democracy_congress"),
    path("democracy/congresses/<int:pk>/term/", congress.congress_term, name="democracy_term"),
    path("democracy/congresses/<int:pk>/roster/", congress.congress_roster, name="democracy_roster"),
    path("democracy/congresses/<int:pk>/session/", congress.congress_session, name="democracy_session_add"),
    path("democracy/congresses/<int:pk>/seat/", congress.congress_seat, name="democracy_seat_add"),
    path("democracy/congresses/<int:pk>/assessment/", congress.congress_assessment, name="democracy_assessment"),
    path("democracy/congresses/<int:pk>/guidance/", congress.congress_guidance_add, name="democracy_guidance"),
    path("democracy/congresses/<int:pk>/proposals/new/", proposals.proposal_create_page,
         name="democracy_proposal_create"),
    path("democracy/sessions/<int:pk>/", sessions.session_page, name="democracy_session"),
    path("democracy/sessions/<int:pk>/items/", sessions.session_add_item, name="democracy_item_add"),
    path("democracy/items/<int:pk>/vote/", sessions.item_vote, name="democracy_item_vote"),
    path("democracy/items/<int:pk>/resolve/", sessions.item_resolve, name="democracy_item_resolve"),
    path("democracy/proposals/", proposals.proposal_list_page, name="democracy_proposals"),
    path("democracy/proposals/<int:pk>/", proposals.proposal_page, name="democracy_proposal"),
    path("democracy/proposals/<int:pk>/do/<str:action>/", proposals.proposal_act, name="democracy_proposal_act"),
    path("democracy/disclosures/", publicity.disclosure_list_page, name="democracy_disclosures"),
    path("democracy/disclosures/new/", publicity.disclosure_create_page, name="democracy_disclosure_create"),
    path("democracy/disclosures/<int:pk>/publish/", publicity.disclosure_publish_view,
         name="democracy_disclosure_publish"),
    path("democracy/seats/", publicity.seats_page, name="democracy_seats"),
    path("democracy/figures/", publicity.figures_page, name="democracy_figures"),
    path("democracy/rules/", rules.rules_page, name="democracy_rules"),
    path("democracy/rules/<str:code>/", rules.rule_change, name="democracy_rule_change"),
    path("democracy/rules/agenda/<str:kind>/", rules.agenda_rule_change, name="democracy_agenda_rule_change"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("民主管理"), "", PERMS, ""),
    ("web:democracy_congresses", _("职代会"), "⚐", PERMS, "/democracy/$"),
    ("web:democracy_proposals", _("职代会提案"), "✉", PERMS, "/democracy/proposals/"),
    ("web:democracy_disclosures", _("厂务公开"), "☷", PERMS, "/democracy/disclosures/"),
    ("web:democracy_seats", _("职工董事监事"), "♙", PERMS, "/democracy/seats/"),
    ("web:democracy_figures", _("民主管理统计"), "▥", PERMS, "/democracy/figures/"),
]

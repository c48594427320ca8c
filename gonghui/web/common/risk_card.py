"""The risk radar's card on an employer's page (web.orgs shows it; the radar's pages are web.reports'):
its score, each component explained, and the way to list it. One query, none for a viewer without
STATS_VIEW over the employer."""

from typing import Any

from django.http import HttpRequest

from gonghui.core.permissions import Perm
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import scope_for
from gonghui.reports.risk.rules import current_rules
from gonghui.reports.risk.scoring import components_shown
from gonghui.reports.risk.selectors import employer_score


def risk_card(request: HttpRequest, employer: Employer) -> dict[str, Any] | None:
    view = scope_for(request.user, Perm.STATS_VIEW)
    if not view.allows(employer.org_path):
        return None
    score = employer_score(scope=view, employer=employer)
    if score is None:
        return {"score": None}
    rules = current_rules()
    return {"score": score, "threshold": rules.threshold,
            "components": [c for c in components_shown(score.components, months=rules.window_months) if c["points"]]}

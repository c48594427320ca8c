"""The one write path for every change of a competition's status or record (ARCHITECTURE.md §5).

It checks the action against the status table (competition_workflow.RULES) and the actor: the
organiser's scope, or for 立项 decisions the level above. It writes with compare-and-set on status
and version, stamps the action's date, and leaves an event and an audit row, in one transaction.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gonghui.core.errors import Conflict, NotFound
from gonghui.skills.competition_choices import CompetitionAction
from gonghui.skills.competition_models import Competition
from gonghui.skills.competition_workflow import check_action
from gonghui.skills.services.competitions_common import (
    CONCURRENT_CHANGE,
    record_event,
    refuse_stale,
    require_from_above,
    require_manage,
)


def competition_transition(*, actor: Any, competition: Competition, action: str, on: datetime.date | None = None,
                           changes: dict[str, Any] | None = None, note: str = "", detail: dict[str, Any] | None = None,
                           version: int | None = None) -> Competition:
    """Apply `action` on the day `on` (today by default). Callers inside a larger transaction (an entry,
    a score) use it for the check and the event; a change by someone else since the caller loaded the
    competition (or since `version`) is a Conflict."""
    refuse_stale(competition, version)
    rule = check_action(competition.status, action)
    if rule.from_above:
        require_from_above(actor, competition)
    else:
        require_manage(actor, competition)
    on = on or timezone.localdate()
    values: dict[str, Any] = dict(changes or {})
    values["updated_at"] = timezone.now()
    # The version guards the plan and the status; an entry, a score or an award leaves it alone, so a
    # cadre's page stays current while entries and scores arrive from others.
    if rule.target is not None or action == CompetitionAction.EDIT:
        values["version"] = F("version") + 1
    if rule.target is not None:
        values["status"] = rule.target
    if rule.stamp and rule.stamp not in values:
        values[rule.stamp] = on
    old_status = competition.status
    with transaction.atomic():
        current = Competition.objects.filter(pk=competition.pk, status=old_status)
        if "version" in values:
            current = current.filter(version=competition.version)
        if not current.update(**values):
            if not Competition.objects.filter(pk=competition.pk).exists():
                raise NotFound()
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        competition.refresh_from_db()
        record_event(actor=actor, competition=competition, action=action, old_status=old_status,
                     new_status=competition.status if rule.target is not None else "", note=note, detail=detail)
    return competition

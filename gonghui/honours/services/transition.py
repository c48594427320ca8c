"""The one write path for every change of a nomination's status (ARCHITECTURE.md §5).

It checks the action against the status table and the actor's scope over the level holding the
nomination, writes with compare-and-set on status and version, and leaves an event and an audit row,
all in the caller's transaction (or its own)."""

from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gonghui.core.errors import Conflict, NotFound
from gonghui.honours.choices import Action
from gonghui.honours.models import HonourNomination
from gonghui.honours.services.common import CONCURRENT_CHANGE, record_event, require_manage
from gonghui.honours.workflow import PUBLIC_ACTIONS, check_action


def nomination_transition(*, actor: Any, nomination: HonourNomination, action: str, target: str | None = None,
                          changes: dict[str, Any] | None = None, note: str = "",
                          detail: dict[str, Any] | None = None, version: int | None = None) -> HonourNomination:
    """Apply `action`; `target` overrides the table's target where the action's end depends on the
    level (a list submitted at the issuing union becomes final). A change by someone else since the
    caller loaded the nomination (or since `version`) is a Conflict."""
    if version is not None and version != nomination.version:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")
    rule = check_action(nomination.status, action)
    if action not in PUBLIC_ACTIONS:
        require_manage(actor, nomination.at_path)
    new_status = target or rule.target
    values: dict[str, Any] = dict(changes or {})
    values.update(version=F("version") + 1, updated_at=timezone.now())
    if new_status is not None:
        values["status"] = new_status
    old_status = nomination.status
    with transaction.atomic():
        if not HonourNomination.objects.filter(pk=nomination.pk, status=old_status,
                                               version=nomination.version).update(**values):
            if not HonourNomination.objects.filter(pk=nomination.pk).exists():
                raise NotFound()
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        nomination.refresh_from_db()
        record_event(actor=actor, call=nomination.call, nomination=nomination, union=nomination.at_union,
                     action=action, old_status=old_status, new_status=new_status or "", note=note, detail=detail)
    return nomination


__all__ = ["Action", "nomination_transition"]

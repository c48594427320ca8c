"""The one write path for every change of a contract (ARCHITECTURE.md §5).

It checks the action against the status table and the actor's scope, writes with compare-and-set
on status and version, stamps the stage date, turns the coverage on or off when the contract
enters or leaves force, and leaves an event and an audit row, all in one transaction.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gonghui.contracts.choices import IN_FORCE, Action, Status
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.services.common import CONCURRENT_CHANGE, record_event, refuse_stale, require_manage
from gonghui.contracts.services.coverage import set_in_force
from gonghui.contracts.workflow import check_action, next_reminder
from gonghui.core.errors import Conflict, NotFound


def contract_transition(*, actor: Any, contract: CollectiveContract, action: str, on: datetime.date | None = None,
                        changes: dict[str, Any] | None = None, note: str = "", detail: dict[str, Any] | None = None,
                        version: int | None = None, today: datetime.date | None = None) -> CollectiveContract:
    """Apply `action` on the day `on` (`today` by default); a change by someone else since the caller
    loaded the contract (or since `version`) is a Conflict."""
    refuse_stale(contract, version)
    rule = check_action(contract.status, action)
    require_manage(actor, contract, action)
    today = today or timezone.localdate()
    on = on or today
    values: dict[str, Any] = dict(changes or {})
    values.update(version=F("version") + 1, updated_at=timezone.now())
    if rule.target is not None:
        values["status"] = rule.target
    if rule.stamp and rule.stamp not in values:
        values[rule.stamp] = on
    entering = rule.target in IN_FORCE and contract.status not in IN_FORCE
    leaving = contract.status in IN_FORCE and rule.target is not None and rule.target not in IN_FORCE
    if entering and contract.end_on is not None:
        values["next_reminder_on"] = next_reminder(contract.end_on, today)
    if leaving:
        values["next_reminder_on"] = None
    old_status = contract.status
    with transaction.atomic():
        if entering and contract.renewed_from_id:
            _end_predecessor(actor=actor, contract=contract, on=on)
        if not CollectiveContract.objects.filter(pk=contract.pk, status=old_status,
                                                 version=contract.version).update(**values):
            if not CollectiveContract.objects.filter(pk=contract.pk).exists():
                raise NotFound()
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        contract.refresh_from_db()
        if entering or leaving:
            set_in_force(contract, entering)
        record_event(actor=actor, contract=contract, action=action, old_status=old_status,
                     new_status=contract.status if rule.target is not None else "", note=note, detail=detail)
    return contract


def _end_predecessor(*, actor: Any, contract: CollectiveContract, on: datetime.date) -> None:
    """A renewal entering force ends the contract it renews, so the employer never holds two of a kind."""
    old = CollectiveContract.objects.get(pk=contract.renewed_from_id or 0)
    old_status = old.status
    if old_status not in IN_FORCE:
        return
    check_action(old_status, Action.SUPERSEDE)
    CollectiveContract.objects.filter(pk=old.pk, status=old_status).update(
        status=Status.RENEWED, ended_on=on, next_reminder_on=None, version=F("version") + 1)
    old.refresh_from_db()
    set_in_force(old, False)
    record_event(actor=actor, contract=old, action=Action.SUPERSEDE, old_status=old_status, new_status=Status.RENEWED,
                 detail={"successor": contract.pk})

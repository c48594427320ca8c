"""The one write path for every change of a contract (ARCHITECTURE.md §5).

It checks the action against the status table and the actor's scope, writes with compare-and-set
on status and version, stamps the stage date, turns the coverage on or off when the contract
enters or leaves force, and leaves an event and an audit row, all in one transaction.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from gonghui.contracts.choices import IN_FORCE, Action, Status
from gonghui.contracts.models import CollectiveContract, ContractEvent
from gonghui.contracts.services.common import CONCURRENT_CHANGE, record_event, refuse_stale, require_manage, who
from gonghui.contracts.services.coverage import set_in_force, set_out_of_force
from gonghui.contracts.workflow import Rule, check_action, next_reminder
from gonghui.core.audit import AuditItem, audit_record_many
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
    values, entering, leaving = _changes(contract, rule, on, today, changes)
    values.update(version=F("version") + 1, updated_at=timezone.now())
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


def _changes(contract: CollectiveContract, rule: Rule, on: datetime.date, today: datetime.date,
             changes: dict[str, Any] | None) -> tuple[dict[str, Any], bool, bool]:
    """The columns `rule` writes on `contract`, and whether it enters or leaves force."""
    values: dict[str, Any] = dict(changes or {})
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
    return values, entering, leaving


@dataclass(frozen=True)
class BatchStep:
    """What one contract of a batch gets: the day of the step, column changes, the timeline note and
    the audit detail."""

    contract: CollectiveContract
    on: datetime.date
    changes: dict[str, Any] = field(default_factory=dict)
    note: str = ""
    detail: dict[str, Any] = field(default_factory=dict)


def contract_transition_batch(*, actor: Any, action: str, steps: list[BatchStep], today: datetime.date) -> None:
    """The same step for many contracts the caller has locked (`select_for_update`) in its open
    transaction: the sweep's reminders and expiries, hundreds on a day at province scale. The same
    rules and rows as `contract_transition`, written a statement per distinct change rather than a
    round of statements per contract. Entering force is not batched: each such contract may clash
    with another in force and must be refused alone."""
    row = who(actor)
    groups: dict[tuple[tuple[str, Any], ...], list[int]] = defaultdict(list)
    leaving, events, items = [], [], []
    for step in steps:
        contract = step.contract
        rule = check_action(contract.status, action)
        require_manage(actor, contract, action)
        values, entering, left = _changes(contract, rule, step.on, today, step.changes)
        if entering:
            raise ValueError("a contract entering force goes through contract_transition alone")
        groups[tuple(sorted(values.items()))].append(contract.pk)
        if left:
            leaving.append(contract.pk)
        new_status = rule.target or ""
        events.append(ContractEvent(contract=contract, action=action, old_status=contract.status, new_status=new_status,
                                    actor_id=row.id, actor_label=row.shown, note=step.note[:1000]))
        items.append(AuditItem(action=f"contract.{action}", obj=contract, org_path=contract.org_path,
                               detail={"old": contract.status, "new": new_status, **step.detail}))
    now = timezone.now()
    with transaction.atomic(savepoint=False):
        for change, pks in groups.items():
            CollectiveContract.objects.filter(pk__in=pks).update(**dict(change), version=F("version") + 1,
                                                                 updated_at=now)
        if leaving:
            set_out_of_force(leaving)
        ContractEvent.objects.bulk_create(events)
        audit_record_many(actor=row, items=items)


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

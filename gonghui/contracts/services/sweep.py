"""The daily sweep: contracts take effect on the day their review ran out, in-force ones are reminded
at 90, 30 and 7 days before the end, and ended ones expire.

Taking effect may clash with another contract in force, so each goes through `contract_transition`
in its own transaction (one refused does not hold back the rest). Reminders and expiries never
clash and come by the hundred on a day at province scale: they go through
`contract_transition_batch` a few hundred rows at a time, locked while they are written.
"""

import datetime
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.contracts.choices import IN_FORCE, Action, Status
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.services.transition import BatchStep, contract_transition, contract_transition_batch
from gonghui.contracts.workflow import next_reminder
from gonghui.core.errors import DomainError, msg

log = logging.getLogger(__name__)

BATCH = 500


@dataclass
class SweepResult:
    took_effect: int = 0
    refused: int = 0
    reminded: int = 0
    expired: int = 0


def contract_sweep(*, actor: Any, today: datetime.date | None = None) -> SweepResult:
    """Each step reads its own stored, partially indexed date; idempotent, so an overlapping or
    repeated run does no harm."""
    today = today or timezone.localdate()
    result = SweepResult()
    for contract in CollectiveContract.objects.filter(status=Status.FILED, takes_effect_on__lte=today):
        try:
            contract_transition(actor=actor, contract=contract, action=Action.TAKE_EFFECT, on=contract.takes_effect_on,
                                today=today, note=_("审查期限届满未提出异议，合同生效。"))
            result.took_effect += 1
        except DomainError as exc:
            log.warning("contract %s did not take effect: %s", contract.pk, exc.code)
            result.refused += 1
    expiring = Q(status__in=IN_FORCE, end_on__lt=today)
    while done := _in_batches(actor, Action.EXPIRE, expiring, today, _expiry):
        result.expired += done
    reminding = Q(status__in=IN_FORCE, next_reminder_on__lte=today)
    while done := _in_batches(actor, Action.REMIND, reminding, today, _reminder):
        result.reminded += done
    return result


def _in_batches(actor: Any, action: str, due: Q, today: datetime.date,
                step: Callable[[CollectiveContract, datetime.date], BatchStep]) -> int:
    """Take up to BATCH due contracts through `action`; each leaves the due set by it, so the caller
    repeats until none is left."""
    with transaction.atomic():
        # Locked: a cadre's step on one of them waits, then finds the version moved (a Conflict, as
        # for any concurrent change) instead of both writing.
        rows = list(CollectiveContract.objects.select_for_update(of=("self",)).filter(due).order_by("pk")[:BATCH])
        if rows:
            contract_transition_batch(actor=actor, action=action, steps=[step(c, today) for c in rows], today=today)
    return len(rows)


def _expiry(contract: CollectiveContract, today: datetime.date) -> BatchStep:
    return BatchStep(contract, on=contract.end_on + datetime.timedelta(days=1) if contract.end_on else today)


def _reminder(contract: CollectiveContract, today: datetime.date) -> BatchStep:
    end = contract.end_on or today
    days_left = (end - today).days
    return BatchStep(contract, on=today,
                     changes={"next_reminder_on": next_reminder(end, today + datetime.timedelta(days=1))},
                     note=str(msg(_("合同将于%(day)s届满，还有%(n)s天。"), {"day": end.isoformat(), "n": days_left})),
                     detail={"days_left": days_left})

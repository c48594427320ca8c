"""The re-check sweep: files whose 回头看 date has passed are flagged, so the lists and the dashboard
show them, with an event on each file and one audit row per batch.

One compare-and-set UPDATE per batch over the partial index of followed-up files; running it twice
changes nothing. The flag does not bump the file's version: it is the sweep's own field (a re-check
clears it), and a cadre's open page should not turn stale because a day passed.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.assistance.choices import RECHECKED_STATUSES, Action
from gonghui.assistance.models import HardshipEvent, HardshipFile
from gonghui.assistance.services.common import who
from gonghui.core.audit import audit_record
from gonghui.core.errors import PermissionDenied

BATCH = 1000


@dataclass(frozen=True)
class RecheckSweep:
    flagged: int
    file_ids: list[int]


def _flag_batch(actor: Any, today: datetime.date) -> list[int]:
    with transaction.atomic():
        due = HardshipFile.objects.filter(status__in=RECHECKED_STATUSES, recheck_overdue=False,
                                          next_recheck_on__lt=today)
        # Locked so a re-check saved meanwhile waits for this batch instead of being flagged after it.
        rows = list(due.select_for_update(skip_locked=True).only("pk", "status", "next_recheck_on")[:BATCH])
        if not rows:
            return []
        ids = [r.pk for r in rows]
        HardshipFile.objects.filter(pk__in=ids, status__in=RECHECKED_STATUSES, recheck_overdue=False,
                                    next_recheck_on__lt=today).update(recheck_overdue=True)
        actor_row = who(actor)
        HardshipEvent.objects.bulk_create([
            HardshipEvent(file_id=r.pk, action=Action.RECHECK_DUE, old_status=r.status, actor_id=actor_row.id,
                          actor_label=actor_row.shown,
                          detail={"due_on": r.next_recheck_on.isoformat() if r.next_recheck_on else None})
            for r in rows])
        audit_record(actor=actor_row, action="hardship.recheck_due", object_type="assistance.hardshipfile",
                     object_label=str(len(ids)), detail={"count": len(ids), "files": ids})
    return ids


def hardship_flag_due_rechecks(*, actor: Any, today: datetime.date | None = None) -> RecheckSweep:
    if not getattr(actor, "is_system_actor", False):
        raise PermissionDenied()
    today = today or timezone.localdate()
    flagged: list[int] = []
    while batch := _flag_batch(actor, today):
        flagged += batch
    return RecheckSweep(flagged=len(flagged), file_ids=flagged)

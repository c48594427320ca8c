"""Roster imports whose worker died (killed, out of memory, the host restarted) are taken up again.

Validation writes only the import's own report; a commit is one transaction that the database rolled
back. So neither left members half-written, and the work can simply run again: a validation from the
start, a commit the cadre asked for queued again. An import is judged stalled when its heartbeat (the
progress written twice a second while it runs) is older than GONGHUI_ROSTER_STALL_MINUTES and, on
PostgreSQL, no transaction holds its commit lock (roster_lock). Run by the periodic timer.
"""

import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from gonghui.core.audit import Actor, audit_record
from gonghui.core.queue import enqueue_on_commit
from gonghui.members.models import RosterImport
from gonghui.members.services.roster_lock import commit_is_running

Status = RosterImport.Status
ACTOR = "roster-recovery"


def roster_recover_stalled(*, now: datetime.datetime | None = None) -> dict[str, int]:
    from gonghui.members import tasks  # the tasks module imports the roster services

    now = now or timezone.now()
    before = now - datetime.timedelta(minutes=settings.GONGHUI_ROSTER_STALL_MINUTES)
    done = {"validations": 0, "commits": 0}
    stalled = RosterImport.objects.filter(status__in=[Status.VALIDATING, Status.COMMITTING], updated_at__lt=before)
    for pk in stalled.values_list("pk", flat=True):
        with transaction.atomic():
            ri = RosterImport.objects.select_for_update(skip_locked=True).filter(pk=pk, updated_at__lt=before).first()
            if ri is None or ri.status not in (Status.VALIDATING, Status.COMMITTING):
                continue
            if ri.status == Status.COMMITTING and commit_is_running(ri.pk):
                continue  # slow, not dead: its transaction still holds the lock
            if ri.status == Status.VALIDATING:
                changes: dict[str, Any] = {"status": Status.UPLOADED}
                task, key = tasks.roster_validate_task, "validations"
            else:
                changes = {"commit_started_at": None}
                task, key = tasks.roster_commit_task, "commits"
            RosterImport.objects.filter(pk=ri.pk).update(**changes, progress=0, processed_rows=0, updated_at=now)
            audit_record(actor=Actor.system(ACTOR), action="member.roster_resumed", obj=ri, org_path=ri.org_path,
                         detail={"union": ri.union_id, "phase": ri.status, "stalled_since": ri.updated_at.isoformat()})
            enqueue_on_commit(task, ri.pk)
            done[key] += 1
    return done

"""Readiness for a load balancer or an orchestrator (`/readyz`): whether this process can serve, as
opposed to `/healthz` (it is alive). Each check says only ok or not and a short reason, never a row:
the probe is answered without a login.

- database: a round trip to the primary;
- calendar: the national holiday table holds this year, and the next one from 1 December (the State
  Council publishes it in November; every 12351 deadline after New Year is counted on it) — shown,
  not blocking: without it deadlines are counted by weekends and flagged for review;
- queue: with the database task backend, no task has waited for a worker longer than
  GONGHUI_READY_QUEUE_MAX_WAIT_S (a stopped worker shows here before users notice).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from gonghui.workdays.selectors import years_marked


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""
    # A failing blocking check takes the process out of rotation; the others are shown for the
    # operator (a missing calendar still serves every page, its deadlines flagged for review).
    blocking: bool = True


def _database() -> Check:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as exc:
        return Check("database", False, type(exc).__name__)
    return Check("database", True)


def _calendar(today: datetime.date) -> Check:
    wanted = {today.year} | ({today.year + 1} if today.month == 12 else set())
    missing = sorted(wanted - set(years_marked().values_list("year", flat=True)))
    return Check("calendar", not missing, "missing " + ", ".join(map(str, missing)) if missing else "",
                 blocking=False)


def _queue(now: datetime.datetime) -> Check:
    if settings.GONGHUI_TASKS != "db":
        return Check("queue", True, "immediate")
    oldest = DBTaskResult.objects.ready().order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    waited = (now - oldest).total_seconds() if oldest else 0
    return Check("queue", waited <= settings.GONGHUI_READY_QUEUE_MAX_WAIT_S,
                 f"oldest waiting {int(waited)} s" if oldest else "")


def readiness(now: datetime.datetime | None = None) -> list[Check]:
    now = now or timezone.now()
    database = _database()
    if not database.ok:  # nothing else can be read
        return [database]
    return [database, _calendar(timezone.localdate(now)), _queue(now)]

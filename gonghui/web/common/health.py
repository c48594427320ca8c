"""Readiness for a load balancer or an orchestrator (`/readyz`): whether this process can serve, as
opposed to `/healthz` (it is alive). Each check says only ok or not and a short reason, never a row:
the probe is answered without a login.

- database: a round trip to the primary;
- calendar: the national holiday table holds this year, and the next one from 1 December (the State
  Council publishes it in November; every 12351 deadline after New Year is counted on it) — shown,
  not blocking: without it deadlines are counted by weekends and flagged for review;
- queue: no task has waited for a worker longer than GONGHUI_READY_QUEUE_MAX_WAIT_S (a stopped worker
  shows here before users notice), in the database table or in Redis, with the queue's depth and the
  tasks kept in the database while Redis was away;
- replica (when one is configured): its lag, shown, not blocking — a lagging or stopped replica is
  skipped by the router and every read goes to the primary;
- redis (when configured): a ping, shown, not blocking — without it the site serves from the
  database and queued work waits (gonghui.core.cache, gonghui.core.queue).
"""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError, connection
from django.utils import timezone
from redis.exceptions import RedisError

from gonghui.core import replica
from gonghui.core.queue import PendingEnqueue
from gonghui.core.queue_backlog import backlog, redis_queue
from gonghui.workdays.selectors import years_marked


@dataclass(frozen=True)
class Check:
    name: str
    ok: bool
    detail: str = ""
    # A failing blocking check takes the process out of rotation; the others are shown for the
    # operator (a missing calendar still serves every page, its deadlines flagged for review).
    blocking: bool = True


def stack_round_trip() -> bool:
    """One trivial query on the primary: whether it answered."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() is not None


def _database() -> Check:
    try:
        stack_round_trip()
    except DatabaseError as exc:
        return Check("database", False, type(exc).__name__)
    return Check("database", True)


def _calendar(today: datetime.date) -> Check:
    wanted = {today.year} | ({today.year + 1} if today.month == 12 else set())
    missing = sorted(wanted - set(years_marked().values_list("year", flat=True)))
    return Check("calendar", not missing, "missing " + ", ".join(map(str, missing)) if missing else "",
                 blocking=False)


def _queue(now: datetime.datetime) -> Check:
    if settings.GONGHUI_TASKS == "immediate":
        return Check("queue", True, "immediate")
    kept = PendingEnqueue.objects.count()
    try:
        waiting = backlog(on_redis=settings.GONGHUI_TASKS == "rq")
    except RedisError as exc:
        # Not blocking: the site serves without Redis and what is queued meanwhile waits in the
        # database (gonghui.core.queue) until the timer hands it over.
        return Check("queue", False, f"redis {type(exc).__name__}; {kept} kept", blocking=False)
    waited = waiting.oldest_wait_s(now)
    parts = [f"depth {waiting.depth}"] + ([f"oldest waiting {int(waited)} s"] if waiting.oldest else []) + (
        [f"{kept} kept"] if kept else [])
    return Check("queue", waited <= settings.GONGHUI_READY_QUEUE_MAX_WAIT_S, ", ".join(parts))


def _replica() -> Check:
    measured = replica.measure()
    if measured.lag_s is None:
        return Check("replica", False, measured.detail, blocking=False)
    return Check("replica", measured.usable, measured.detail or f"lag {measured.lag_s:.1f} s", blocking=False)


def _redis() -> Check:
    try:
        redis_queue().connection.ping()
    except RedisError as exc:
        return Check("redis", False, type(exc).__name__, blocking=False)
    return Check("redis", True)


def readiness(now: datetime.datetime | None = None) -> list[Check]:
    now = now or timezone.now()
    database = _database()
    if not database.ok:  # nothing else can be read
        return [database]
    checks = [database, _calendar(timezone.localdate(now)), _queue(now)]
    if replica.configured():
        checks.append(_replica())
    if settings.GONGHUI_REDIS_URL:
        checks.append(_redis())
    return checks

"""What waits for a worker now, read where the queue keeps it: django-tasks' database table
(GONGHUI_TASKS=db, and the development default) or Redis (GONGHUI_TASKS=rq). One reading for
/readyz and the metrics, so both say the same. Redis being away raises RedisError to the caller."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

QUEUE = "default"


@dataclass(frozen=True)
class Backlog:
    waiting: dict[str, int]  # tasks waiting, by queue
    oldest: datetime.datetime | None  # when the longest-waiting task was queued
    running: int

    @property
    def depth(self) -> int:
        return sum(self.waiting.values())

    def oldest_wait_s(self, now: datetime.datetime) -> float:
        return max(0.0, (now - self.oldest).total_seconds()) if self.oldest else 0.0


def _in_database() -> Backlog:
    ready = DBTaskResult.objects.ready()
    waiting = {row["queue_name"]: row["n"]
               for row in ready.order_by().values("queue_name").annotate(n=Count("pk"))}
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    return Backlog(waiting, oldest, DBTaskResult.objects.running().count())


def redis_queue() -> Any:
    """The queue, read over a connection that gives up after 2 s: a Redis that accepts connections
    but stalls must not hold a probe (/readyz, /metrics) until the app server kills the worker. (The
    workers' own connection has no read timeout on purpose: they block waiting for work.)"""
    import django_rq
    from redis import Redis

    connection = Redis.from_url(settings.RQ_QUEUES[QUEUE]["URL"], socket_connect_timeout=2, socket_timeout=2)
    return django_rq.get_queue(QUEUE, connection=connection)


def _in_redis() -> Backlog:
    from rq.registry import StartedJobRegistry

    queue = redis_queue()
    first = queue.get_job_ids(0, 1)
    job = queue.fetch_job(first[0]) if first else None
    # RQ stores naive UTC times.
    oldest = job.enqueued_at.replace(tzinfo=datetime.UTC) if job and job.enqueued_at else None
    return Backlog({queue.name: queue.count}, oldest, StartedJobRegistry(queue=queue).count)


def backlog(*, on_redis: bool) -> Backlog:
    return _in_redis() if on_redis else _in_database()

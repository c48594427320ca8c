"""Figures read from where they are kept, at scrape time: the same answer from whichever process is
scraped, and nothing to lose when a process restarts.

- the task queue (django-tasks' database backend, or Redis with GONGHUI_TASKS=rq): tasks waiting, the
  oldest wait, tasks running, failures in the last 24 hours by task, tasks kept while Redis was away;
- the periodic sweeps: each job's last finished run, its duration and whether it succeeded, as the
  worker that ran it recorded it (`core.sweep_runs`, for the database backend, RQ and immediate alike);
- the audit checkpoints: the age of the newest line of GONGHUI_AUDIT_CHECKPOINT_FILE.
Labels are task paths, job names and queue names: never a row, never a person.
"""

import contextlib
import datetime

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Count, QuerySet
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from redis.exceptions import RedisError

from gonghui.core.audit_checkpoints import FileSink
from gonghui.core.monitoring import Family, Sample
from gonghui.core.periodic import periodic_task_paths
from gonghui.core.queue import PendingEnqueue
from gonghui.core.queue_backlog import backlog, redis_queue
from gonghui.core.sweep_runs import SweepRun

# How far back a sweep's last run is looked for: the timer runs every few minutes.
SWEEP_LOOKBACK = datetime.timedelta(days=2)
FAILURE_WINDOW = datetime.timedelta(hours=24)


def _backlog(now: datetime.datetime, on_redis: bool) -> list[Family]:
    waiting = backlog(on_redis=on_redis)
    depth = Family("gonghui_task_queue_depth", "gauge", "Tasks waiting for a worker, by queue.")
    for queue, count in sorted(waiting.waiting.items()):
        depth.samples.append(Sample("", {"queue": queue}, count))
    wait = Family("gonghui_task_queue_oldest_wait_seconds", "gauge",
                  "How long the oldest waiting task has waited for a worker (0 when none waits).")
    wait.samples.append(Sample("", {}, waiting.oldest_wait_s(now)))
    running = Family("gonghui_tasks_running", "gauge", "Tasks a worker is running now.")
    running.samples.append(Sample("", {}, waiting.running))
    failed = Family("gonghui_task_failures_24h", "gauge", "Tasks that failed in the last 24 hours, by task.")
    for task, count in sorted((_failed_in_redis(now) if on_redis else _failed_in_database(now)).items()):
        failed.samples.append(Sample("", {"task": task}, count))
    return [depth, wait, running, failed]


def _failed_in_database(now: datetime.datetime) -> dict[str, int]:
    return _count_by(DBTaskResult.objects.failed().filter(finished_at__gte=now - FAILURE_WINDOW), "task_path")


def _failed_in_redis(now: datetime.datetime) -> dict[str, int]:
    """RQ keeps failed jobs in a registry (a year by default): counted by task, the last 24 hours."""
    from rq.registry import FailedJobRegistry

    queue = redis_queue()
    by_task: dict[str, int] = {}
    registry = FailedJobRegistry(queue=queue)
    # The newest 500 failures are enough for a 24-hour count; the registry keeps a year of them.
    for job in queue.job_class.fetch_many(registry.get_job_ids(-500, -1), connection=queue.connection):
        if job is not None and job.ended_at and job.ended_at.replace(tzinfo=datetime.UTC) >= now - FAILURE_WINDOW:
            by_task[job.func_name or "?"] = by_task.get(job.func_name or "?", 0) + 1
    return by_task


def _kept() -> list[Family]:
    kept = Family("gonghui_task_kept", "gauge",
                  "Tasks kept in the database because the queue did not answer, until the timer hands them over.")
    kept.samples.append(Sample("", {}, PendingEnqueue.objects.count()))
    return [kept]


def _count_by(queryset: QuerySet[DBTaskResult], field: str) -> dict[str, int]:
    return {row[field]: row["n"] for row in queryset.order_by().values(field).annotate(n=Count("pk"))}


def _sweeps(now: datetime.datetime) -> list[Family]:
    jobs = set(periodic_task_paths())
    duration = Family("gonghui_sweep_last_duration_seconds", "gauge",
                      "Duration of each periodic job's last finished run.")
    finished = Family("gonghui_sweep_last_finished_timestamp_seconds", "gauge",
                      "When each periodic job's last run finished (Unix time).")
    succeeded = Family("gonghui_sweep_last_succeeded", "gauge",
                       "Whether each periodic job's last finished run succeeded (1) or failed (0).")
    for run in SweepRun.objects.filter(job__in=jobs, finished_at__gte=now - SWEEP_LOOKBACK).order_by("job"):
        labels = {"job": run.job}
        duration.samples.append(Sample("", labels, run.duration_s))
        finished.samples.append(Sample("", labels, run.finished_at.timestamp()))
        succeeded.samples.append(Sample("", labels, 1 if run.succeeded else 0))
    return [duration, finished, succeeded]


def _checkpoint(now: datetime.datetime) -> list[Family]:
    age = Family("gonghui_audit_checkpoint_age_seconds", "gauge",
                 "Age of the newest audit checkpoint in GONGHUI_AUDIT_CHECKPOINT_FILE (absent when unreadable).")
    path = settings.GONGHUI_AUDIT_CHECKPOINT_FILE
    newest = FileSink(path).newest_at() if path else None
    if newest is not None:
        age.samples.append(Sample("", {}, max(0.0, (now - newest).total_seconds())))
    limit = Family("gonghui_audit_checkpoint_max_age_seconds", "gauge",
                   "The age past which the checkpoint is late (GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES).")
    limit.samples.append(Sample("", {}, settings.GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES * 60))
    return [age, limit]


def database_families(now: datetime.datetime | None = None) -> list[Family]:
    now = now or timezone.now()
    up = Family("gonghui_metrics_database_up", "gauge",
                "Whether this scrape could read the database figures (1) or not (0: they are left out).")
    on_redis = settings.GONGHUI_TASKS == "rq"
    try:
        # With the immediate backend (development) the queue is empty: zeros.
        families = ([] if on_redis else _backlog(now, False)) + _kept() + _sweeps(now)
    except DatabaseError:  # a scrape still reports what the processes recorded, and says why the rest is missing
        up.samples.append(Sample("", {}, 0))
        return [up, *_checkpoint(now)]
    up.samples.append(Sample("", {}, 1))
    if on_redis:
        # Redis away: the queue's figures are left out; /readyz and the kept count say why.
        with contextlib.suppress(RedisError):
            families = _backlog(now, True) + families
    return [up, *families, *_checkpoint(now)]

"""Each periodic job's last finished run, written by whichever worker ran it.

The metrics endpoint reads it (`gonghui_sweep_last_*`). django-tasks sends `task_finished` from every
backend that runs a task: the database worker (`db_worker`), the RQ worker (from the job's success or
failure callback, in the process that ran it) and the immediate backend. The database backend's result
rows would do for GONGHUI_TASKS=db, but with RQ the run lives in Redis only for as long as RQ keeps
finished jobs, and nowhere a scrape of another process looks; one row per job, overwritten by each
run, is the same answer for every backend.
"""

import datetime
import logging
from typing import Any

from django.db import DatabaseError, models
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from gonghui.core.periodic import periodic_task_paths

log = logging.getLogger(__name__)


class SweepRun(models.Model):
    job = models.CharField(max_length=80, unique=True)  # the periodic job's registered name
    started_at = models.DateTimeField()
    finished_at = models.DateTimeField(db_index=True)
    succeeded = models.BooleanField()

    class Meta:
        ordering = ["job"]

    def __str__(self) -> str:
        return self.job

    @property
    def duration_s(self) -> float:
        return max(0.0, (self.finished_at - self.started_at).total_seconds())


def _aware(at: datetime.datetime | None) -> datetime.datetime | None:
    # RQ's times are UTC, and naive before RQ 2.
    if at is not None and timezone.is_naive(at):
        return at.replace(tzinfo=datetime.UTC)
    return at


def record_sweep_run(sender: Any, task_result: Any, **kwargs: Any) -> None:
    """`task_finished` receiver: keep the run if its task is a periodic job's. Never raises: the
    signal is sent inside the worker's own handling of the task, where an error here would mark a
    successful task failed (the database worker) or lose the worker's bookkeeping (RQ)."""
    try:
        jobs = {path: name for name, path in periodic_task_paths().items()}
        name = jobs.get(task_result.task.module_path)
        if name is None:
            return
        finished = _aware(task_result.finished_at) or timezone.now()
        started = _aware(task_result.started_at) or finished
        SweepRun.objects.update_or_create(job=name, defaults={
            "started_at": started, "finished_at": finished,
            "succeeded": task_result.status == TaskResultStatus.SUCCESSFUL})
    except DatabaseError:
        log.warning("The periodic job's run could not be recorded for the metrics.", exc_info=True)

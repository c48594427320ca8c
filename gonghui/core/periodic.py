"""Periodic jobs: the sweeps that must run by the clock (transfers released after their period,
overdue cases flagged and escalated).

django-tasks has no clock of its own. Each app registers its jobs here in AppConfig.ready, and one
timer (cron, a systemd timer, a Kubernetes CronJob) runs `manage.py periodic` every few minutes,
which enqueues every registered job; a `db_worker` runs them (GONGHUI_TASKS=db), or they run at
once with the immediate backend. Every job is idempotent, so an overlapping run does no harm.
"""

import functools
from collections.abc import Callable
from typing import Any

from django.utils.module_loading import import_string

_JOBS: dict[str, str] = {}


def register_periodic(name: str, task_path: str) -> None:
    """`task_path` names a django-tasks task ("app.tasks.some_task"). It is imported only when
    queued, so registering at start-up binds no task to a backend before settings are final."""
    _JOBS[name] = task_path


def periodic_jobs() -> dict[str, Callable[[], Any]]:
    """{name: a function that queues the job and returns its result handle}."""
    from gonghui.core.queue import enqueue

    return {name: functools.partial(enqueue, import_string(path)) for name, path in _JOBS.items()}


def periodic_task_paths() -> dict[str, str]:
    """{name: task path}: how a queued result is told to belong to a periodic job (monitoring)."""
    return dict(_JOBS)

"""Periodic jobs: the sweeps that must run by the clock (transfers released after their period,
overdue cases flagged and escalated).

django-tasks has no clock of its own. Each app registers its jobs here in AppConfig.ready, and one
timer (cron, a systemd timer, a Kubernetes CronJob) runs `manage.py periodic` every few minutes,
which enqueues every registered job; a `db_worker` runs them (GONGHUI_TASKS=db), or they run at
once with the immediate backend. Every job is idempotent, so an overlapping run does no harm.
"""

from collections.abc import Callable
from typing import Any

_JOBS: dict[str, Callable[[], Any]] = {}


def register_periodic(name: str, enqueue: Callable[[], Any]) -> None:
    """`enqueue` queues the job (a django-tasks task's .enqueue) and returns its result handle."""
    _JOBS[name] = enqueue


def periodic_jobs() -> dict[str, Callable[[], Any]]:
    return dict(_JOBS)

"""Core's periodic jobs (core.periodic)."""

from django_tasks import task


@task()
def retention_sweep_task() -> int:
    """Periodic: the retention sweep, once a day (the timer queues it every run; it goes when due)."""
    from gonghui.core.retention_sweep import sweep, sweep_due

    if not sweep_due():
        return 0
    return sum(run.applied.count for run in sweep())

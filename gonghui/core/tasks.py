"""Background work of the core: key rotations (README "Rotating keys"), run by the task worker so a
rotation over millions of rows never holds a request or an operator's terminal; and the retention
sweep, a periodic job (core.periodic)."""

from django_tasks import task


@task()
def key_rotation_task(kind: str, target: str) -> int:
    """Re-seal every encrypted column (kind "field") or recompute every blind index (kind "index")
    under `target`, the key the enqueuing command saw as current, resuming the unfinished run towards
    it if there is one. A worker whose own current key differs (started before the operator changed
    the keys) refuses rather than rotate towards the key it happens to hold."""
    from gonghui.core.key_rotation import rotate

    return rotate(kind, target=target).pk


@task()
def retention_sweep_task() -> int:
    """Periodic: the retention sweep, once a day (the timer queues it every run; it goes when due)."""
    from gonghui.core.retention_sweep import sweep, sweep_due

    if not sweep_due():
        return 0
    return sum(run.applied.count for run in sweep())

"""Background work of the case engine: the overdue sweep, run by the system actor (ARCHITECTURE.md §3).

django-tasks has no clock of its own: a timer (cron, a systemd timer, a Kubernetes CronJob) runs
`manage.py cases_sweep` every few minutes, which enqueues this task; with GONGHUI_TASKS=db a
`db_worker` process runs it, with the immediate backend it runs at once. The sweep is idempotent,
so an overlapping or repeated run does no harm.
"""

from django_tasks import task

from gonghui.cases.services.overdue import case_sweep_overdue
from gonghui.orgs.scope import SystemActor

SWEEP_ACTOR = "case-sweep"


@task()
def case_sweep_overdue_task() -> dict[str, int]:
    result = case_sweep_overdue(actor=SystemActor(SWEEP_ACTOR))
    return {"marked": result.marked, "escalated": result.escalated}

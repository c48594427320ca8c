"""Background work of the case engine: the overdue sweep, run by the system actor (ARCHITECTURE.md §3).

It is a periodic job (core.periodic): the timer that runs `manage.py periodic` every few minutes
queues it (`manage.py cases_sweep` queues it alone). The sweep is idempotent, so an overlapping or
repeated run does no harm.
"""

from django_tasks import task

from gonghui.cases.services.overdue import case_sweep_overdue
from gonghui.orgs.scope import SystemActor

SWEEP_ACTOR = "case-sweep"


@task()
def case_sweep_overdue_task() -> dict[str, int]:
    result = case_sweep_overdue(actor=SystemActor(SWEEP_ACTOR))
    return {"marked": result.marked, "escalated": result.escalated}

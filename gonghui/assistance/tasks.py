"""Background work of the hardship registry: the re-check sweep, run by the system actor.

A periodic job (core.periodic): the timer that runs `manage.py periodic` queues it. It is
idempotent, so an overlapping or repeated run does no harm.
"""

from django_tasks import task

from gonghui.assistance.services.sweep import hardship_flag_due_rechecks
from gonghui.orgs.scope import SystemActor

SWEEP_ACTOR = "hardship-recheck-sweep"


@task()
def hardship_flag_due_rechecks_task() -> dict[str, int]:
    return {"flagged": hardship_flag_due_rechecks(actor=SystemActor(SWEEP_ACTOR)).flagged}

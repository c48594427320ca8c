"""The expiry sweep, a periodic job (core.periodic) run by the system actor; idempotent."""

from django_tasks import task

from gonghui.jobs.services import postings_expire
from gonghui.orgs.scope import SystemActor

SWEEP_ACTOR = "jobs-expiry-sweep"


@task()
def jobs_expire_postings_task() -> dict[str, int]:
    return {"expired": postings_expire(actor=SystemActor(SWEEP_ACTOR)).expired}

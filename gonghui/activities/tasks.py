"""The sweep that closes sign-up once its window has ended, a periodic job (core.periodic) run by the
system actor; idempotent."""

from django_tasks import task

from gonghui.activities.services.activities import activity_close_due
from gonghui.orgs.scope import SystemActor


@task()
def activity_close_due_task() -> int:
    return activity_close_due(actor=SystemActor("activity-close-sweep"))

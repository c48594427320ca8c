"""Background work of the registry. A task gets an id, loads the row and calls the service with
the system actor (ARCHITECTURE.md §3); the service re-checks the scope and writes the audit rows.

With the default immediate backend a task runs at once in the process that enqueues it (after the
enqueuing transaction commits); with GONGHUI_TASKS=db a `manage.py db_worker` process runs it.
"""

from django_tasks import task

from gonghui.members.models import RosterImport
from gonghui.members.services.roster import roster_commit, roster_validate
from gonghui.members.services.roster_recovery import roster_recover_stalled
from gonghui.members.services.transfers import transfer_release_due
from gonghui.orgs.scope import SystemActor

ROSTER_ACTOR = "roster-import"


@task()
def roster_validate_task(import_id: int) -> str:
    roster_import = RosterImport.objects.get(pk=import_id)
    return roster_validate(actor=SystemActor(ROSTER_ACTOR), roster_import=roster_import).status


@task()
def roster_commit_task(import_id: int) -> str:
    roster_import = RosterImport.objects.get(pk=import_id)
    return roster_commit(actor=SystemActor(ROSTER_ACTOR), roster_import=roster_import).status


@task()
def transfer_release_due_task() -> int:
    """Periodic (core.periodic): transfers the sending union left unanswered release by themselves."""
    return transfer_release_due(actor=SystemActor("transfer-release"))


@task()
def roster_recover_stalled_task() -> dict[str, int]:
    """Periodic: roster imports whose worker died are validated or committed again (roster_recovery)."""
    return roster_recover_stalled()

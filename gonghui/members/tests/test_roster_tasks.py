"""The roster import through the production task backend: queued in the database, run by db_worker."""

import pytest
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from gonghui.members.models import Membership, RosterImport
from gonghui.members.services.roster import roster_commit_request, roster_upload
from gonghui.members.tests.roster_files import csv_bytes, person, upload

# The worker closes database connections between tasks, as a long-running process should: that ends
# the transaction a plain test runs in, so this one commits for real and is flushed afterwards.
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _database_tasks(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def _work() -> None:
    call_command("db_worker", "--batch", "--no-startup-delay", "--interval", "0", verbosity=0)


def test_the_import_waits_in_the_queue_until_a_worker_runs_it(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        ri = roster_upload(actor=world.county_admin, union=world.grassroots,
                           file=upload(csv_bytes([person("甲"), person("乙")]), "r.csv"))
    assert DBTaskResult.objects.count() == 1
    ri.refresh_from_db()
    assert ri.status == RosterImport.Status.UPLOADED  # nothing ran in the request
    _work()
    ri.refresh_from_db()
    assert (ri.status, ri.valid_rows) == (RosterImport.Status.VALIDATED, 2)

    with django_capture_on_commit_callbacks(execute=True):
        roster_commit_request(actor=world.county_admin, roster_import=ri)
    _work()
    ri.refresh_from_db()
    assert ri.status == RosterImport.Status.COMMITTED
    assert Membership.objects.filter(union=world.grassroots, channel="roster").count() == 2

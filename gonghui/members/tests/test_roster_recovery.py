"""A roster import whose worker died is taken up again by the periodic sweep: a commit killed midway
was rolled back by the database, so it runs again and admits each row exactly once; a commit still
holding its lock (slow, not dead) is left alone; a fresh heartbeat is left alone."""

import datetime

import pytest
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.utils import timezone

from gonghui.core.models import AuditEntry
from gonghui.members.models import Membership, RosterImport
from gonghui.members.services.roster import roster_upload
from gonghui.members.services.roster_lock import _NAMESPACE
from gonghui.members.services.roster_recovery import roster_recover_stalled
from gonghui.members.tests.roster_files import csv_bytes, person, upload

pytestmark = pytest.mark.django_db
Status = RosterImport.Status


@pytest.fixture
def validated(world, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        ri = roster_upload(actor=world.county_admin, union=world.grassroots,
                           file=upload(csv_bytes([person("甲"), person("乙")]), "r.csv"))
    ri.refresh_from_db()
    assert ri.status == Status.VALIDATED
    return ri


def _died(ri, status, minutes=30, **more):
    ago = timezone.now() - datetime.timedelta(minutes=minutes)
    RosterImport.objects.filter(pk=ri.pk).update(status=status, updated_at=ago, progress=40, **more)


def test_a_commit_whose_worker_died_runs_again_and_admits_each_row_once(world, validated,
                                                                        django_capture_on_commit_callbacks):
    _died(validated, Status.COMMITTING, commit_started_at=timezone.now() - datetime.timedelta(minutes=31),
          commit_requested_by_id=world.county_admin.pk)
    with django_capture_on_commit_callbacks(execute=True):
        assert roster_recover_stalled() == {"validations": 0, "commits": 1}
    validated.refresh_from_db()
    assert validated.status == Status.COMMITTED
    assert Membership.objects.filter(union=world.grassroots, channel="roster").count() == 2
    assert AuditEntry.objects.filter(action="member.roster_resumed").count() == 1
    assert roster_recover_stalled() == {"validations": 0, "commits": 0}


def test_a_validation_whose_worker_died_starts_again(validated, django_capture_on_commit_callbacks):
    _died(validated, Status.VALIDATING)
    with django_capture_on_commit_callbacks(execute=True):
        assert roster_recover_stalled() == {"validations": 1, "commits": 0}
    validated.refresh_from_db()
    assert (validated.status, validated.valid_rows) == (Status.VALIDATED, 2)


def test_an_import_with_a_fresh_heartbeat_is_left_alone(settings, validated):
    settings.GONGHUI_ROSTER_STALL_MINUTES = 10
    _died(validated, Status.COMMITTING, minutes=9, commit_started_at=timezone.now())
    assert roster_recover_stalled() == {"validations": 0, "commits": 0}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="advisory locks are PostgreSQL's")
def test_a_slow_commit_still_holding_its_lock_is_left_alone(validated):
    _died(validated, Status.COMMITTING, commit_started_at=timezone.now())
    other = connections.create_connection(DEFAULT_DB_ALIAS)
    try:
        other.set_autocommit(False)
        with other.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s, %s)", [_NAMESPACE, validated.pk])
        assert roster_recover_stalled() == {"validations": 0, "commits": 0}
    finally:
        other.rollback()
        other.close()
    validated.refresh_from_db()
    assert validated.status == Status.COMMITTING

"""Rotating the field-encryption key and the blind-index key while the site runs (README "Rotating keys"),
across the apps: the core jobs over the registry, and the registry's look-ups during them."""

import base64
import hashlib
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.sms import Purpose, sms_send, sms_verify
from gonghui.core import crypto, key_rotation
from gonghui.core.audit_models import AuditEntry
from gonghui.core.audit_verification import verify_chain
from gonghui.core.key_rotation import (
    KeyMismatch,
    encrypted_columns,
    field_key_report,
    index_key_report,
    rotate,
    run_rotation,
    start_or_resume,
)
from gonghui.core.key_rotation_models import KeyRotation
from gonghui.core.tasks import key_rotation_task
from gonghui.members.models import Member
from gonghui.members.selectors import member_list, my_records
from gonghui.members.services.partners import partner_create, partner_verify_identity
from gonghui.orgs.scope import Scope
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db

DEV_FIELD = base64.b64encode(hashlib.sha256(b"gonghui-dev-field-key").digest()).decode()
DEV_INDEX = base64.b64encode(hashlib.sha256(b"gonghui-dev-index-key").digest()).decode()
NEW = base64.b64encode(b"n" * 32).decode()


@pytest.fixture
def keys(settings):
    """Switch the configured keys as an operator would, by setting the environment and restarting."""

    def use(*, field: str | None = None, index: str | None = None) -> None:
        if field is not None:
            settings.GONGHUI_FIELD_KEYS = field
        if index is not None:
            settings.GONGHUI_INDEX_KEY = index
        crypto._field_keys.cache_clear()
        crypto._index_keys.cache_clear()

    yield use
    crypto._field_keys.cache_clear()
    crypto._index_keys.cache_clear()


@pytest.fixture
def batches(monkeypatch):
    """Fault injection into one job's batches ("_field_batch" or "_index_batch") of `model`:
    `around(name, model, hook)` calls `hook(run, n)` before the table's nth batch and, with after=True,
    `hook(run, more)` after each; it returns a callable that puts the real batch back, as a restarted
    worker runs it."""

    def around(name: str, model, hook, *, after: bool = False):
        real, calls = getattr(key_rotation, name), []

        def batch(run, table, *args):
            if table is not model:
                return real(run, table, *args)
            calls.append(1)
            if not after:
                hook(run, len(calls))
            more = real(run, table, *args)
            if after:
                hook(run, more)
            return more

        monkeypatch.setattr(key_rotation, name, batch)
        return lambda: monkeypatch.setattr(key_rotation, name, real)

    return around


@pytest.fixture
def killed(batches):
    """The worker killed during the `nth` batch of `model`."""

    def arm(name: str, model, nth: int):
        def dies(_run, n):
            if n == nth:
                raise RuntimeError("worker killed")

        return batches(name, model, dies)

    return arm


def _raw(model, column: str) -> list[str]:
    """What the database holds, past the field's decryption."""
    qn = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {qn(model._meta.get_field(column).column)} FROM {qn(model._meta.db_table)}")
        return [row[0] for row in cursor.fetchall()]


def _raw_of(member: Member, column: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM members_member WHERE id = %s", [member.pk])
        return cursor.fetchone()[0]


def _people(world, n: int) -> list[Member]:
    return [world.membership.member] + [make_member(world.grassroots).member for _ in range(n - 1)]


def test_after_the_new_field_key_is_put_first_new_writes_use_it_and_old_values_still_read(world, keys):
    before = world.membership.member
    keys(field=f"k2:{NEW},dev:{DEV_FIELD}")
    after = make_member(world.grassroots, name="王五").member
    assert _raw_of(before, "id_number").startswith("dev:") and _raw_of(after, "id_number").startswith("k2:")
    assert Member.objects.get(pk=before.pk).id_number == before.id_number


def test_the_field_job_reseals_every_encrypted_column_without_touching_updated_at_or_the_audit_chain(world, keys):
    people = _people(world, 5)
    plain = dict(Member.objects.values_list("pk", "id_number"))
    stamps = dict(Member.objects.values_list("pk", "updated_at"))
    audited = AuditEntry.objects.count()
    keys(field=f"k2:{NEW},dev:{DEV_FIELD}")
    assert field_key_report()  # the old key is still needed

    run = rotate("field", batch_size=2)

    for model, columns in encrypted_columns():
        for column in columns:
            assert all(not v or v.startswith("k2:") for v in _raw(model, column)), (model, column)
    assert dict(Member.objects.values_list("pk", "id_number")) == plain
    assert dict(Member.objects.values_list("pk", "updated_at")) == stamps
    assert run.progress["members.member"] == {"cursor": max(plain), "done": len(people), "total": len(people),
                                              "finished": True}
    assert field_key_report() == []
    # Two entries (started, finished), and the chain still verifies: no audited payload was rewritten.
    assert AuditEntry.objects.count() == audited + 2
    assert verify_chain().problem_count == 0


def test_a_field_job_killed_midway_resumes_from_its_cursor(world, keys, killed):
    people = _people(world, 5)
    keys(field=f"k2:{NEW},dev:{DEV_FIELD}")
    restart = killed("_field_batch", Member, 3)
    with pytest.raises(RuntimeError):
        rotate("field", batch_size=2)
    stopped = KeyRotation.objects.get()
    assert stopped.finished_at is None and "worker killed" in stopped.error
    assert stopped.progress["members.member"]["done"] == 4
    assert sum(_raw_of(p, "id_number").startswith("k2:") for p in people) == 4

    restart()
    finished = rotate("field", batch_size=2)
    assert finished.pk == stopped.pk and finished.finished_at is not None
    assert finished.progress["members.member"]["done"] == len(people)  # nobody was done twice
    assert all(_raw_of(p, "id_number").startswith("k2:") for p in people)
    assert KeyRotation.objects.get().error == ""


def _found_by_id_and_phone(world, member: Member) -> None:
    scope = Scope.all()
    assert list(member_list(scope=scope, query=member.id_number)) == [member]
    assert list(member_list(scope=scope, query=member.phone)) == [member]
    assert [m.member_id for m in my_records(phone=member.phone).memberships] == [member.pk]
    partner, _key = partner_create(actor=world.sysadmin, union=world.province, name=f"银行{member.pk}",
                                   purposes=["verify"])
    assert partner_verify_identity(partner=partner, id_type="resident", id_number=member.id_number).member


def test_lookups_by_id_number_and_phone_work_before_during_and_after_an_index_rotation(world, keys, killed,
                                                                                     sms_outbox):
    people = _people(world, 6)
    old_index = Member.objects.get(pk=people[0].pk).id_index
    for person in people:
        _found_by_id_and_phone(world, person)
    sms_send(phone=people[0].phone, purpose=Purpose.PORTAL_LOGIN)  # a code sent before the switch
    keys(index=f"i2:{NEW},{DEV_INDEX}")  # the old bare key stays, second

    restart = killed("_index_batch", Member, 4)  # halfway through the members
    with pytest.raises(RuntimeError):
        rotate("index", batch_size=1)
    recomputed = [p for p in people if Member.objects.get(pk=p.pk).id_index == crypto.blind_index(
        f"resident:{p.id_number}")]
    assert 0 < len(recomputed) < len(people)
    for person in people:
        _found_by_id_and_phone(world, person)
    sms_verify(phone=people[0].phone, purpose=Purpose.PORTAL_LOGIN, code=sms_outbox[-1].code)

    restart()
    rotate("index", batch_size=1)
    assert Member.objects.get(pk=people[0].pk).id_index not in ("", old_index)
    assert index_key_report() == []
    keys(index=f"i2:{NEW}")  # the old key removed
    for person in people:
        _found_by_id_and_phone(world, person)


def test_an_index_rotation_under_the_same_key_changes_nothing(world, keys):
    _people(world, 3)
    before = dict(Member.objects.values_list("pk", "id_index"))
    assert index_key_report() == []
    with CaptureQueriesContext(connection) as queries:
        run = rotate("index")
    assert dict(Member.objects.values_list("pk", "id_index")) == before and run.target == "dev"
    assert not [q["sql"] for q in queries.captured_queries if q["sql"].startswith('UPDATE "members_member"')]


def test_status_prints_each_tables_progress_and_key_check_says_when_the_old_key_can_go(world, keys):
    _people(world, 3)
    out = StringIO()
    call_command("rotate_field_key", "--status", stdout=out)
    assert "No field key rotation has run." in out.getvalue()
    keys(field=f"k2:{NEW},dev:{DEV_FIELD}")
    with pytest.raises(CommandError):
        call_command("key_check", stdout=(check := StringIO()))
    assert "members.member.id_number: dev: 3" in check.getvalue()

    start_or_resume("field")
    call_command("rotate_field_key", "--status", stdout=(out := StringIO()))
    assert "field key rotation to 'k2': running or stopped" in out.getvalue()
    assert "members.member: 0/3 at pk 0" in out.getvalue()

    call_command("rotate_field_key", "--foreground", "--batch-size", "2", stdout=(out := StringIO()))
    assert "field key rotation to 'k2': finished" in out.getvalue()
    assert "members.member: 3/3 done" in out.getvalue()
    call_command("key_check", "--index", stdout=(check := StringIO()))
    assert "Field key 'k2': 0 value(s) under another key." in check.getvalue()
    assert "Index key 'dev': 0 row(s) to recompute." in check.getvalue()


def test_the_command_enqueues_the_rotation_for_the_task_worker(world, keys):
    _people(world, 2)
    keys(index=f"i2:{NEW},dev:{DEV_INDEX}")
    call_command("rotate_index_key", stdout=(out := StringIO()))  # the immediate backend runs it at once
    assert "Enqueued task" in out.getvalue() and "index key rotation to 'i2': finished" in out.getvalue()
    assert index_key_report() == []


def _old_process_writes(world, keys, late: list, *, times: int):
    """A process not yet restarted with the new keys writes a member under the old field key."""

    def write(_run, more):
        if not more and len(late) < times:
            keys(field=f"dev:{DEV_FIELD}")
            late.append(make_member(world.grassroots, name="晚来").member)
            keys(field=f"k2:{NEW},dev:{DEV_FIELD}")

    return write


def test_rows_written_under_the_old_key_behind_the_cursor_are_rotated_before_the_run_finishes(world, keys, batches):
    _people(world, 3)
    keys(field=f"k2:{NEW},dev:{DEV_FIELD}")
    late: list[Member] = []
    batches("_field_batch", Member, _old_process_writes(world, keys, late, times=1), after=True)
    run = rotate("field", batch_size=2)
    assert run.finished_at is not None
    assert _raw_of(late[0], "id_number").startswith("k2:") and field_key_report() == []


def test_a_run_with_rows_still_arriving_under_the_old_key_stays_unfinished_and_says_how_many(world, keys, batches):
    _people(world, 3)
    keys(field=f"k2:{NEW},dev:{DEV_FIELD}")
    late: list[Member] = []
    restart = batches("_field_batch", Member, _old_process_writes(world, keys, late, times=key_rotation.MAX_PASSES),
                      after=True)
    with pytest.raises(key_rotation.StillStale, match=r"members\.member 1\b"):
        rotate("field", batch_size=2)
    stopped = KeyRotation.objects.get()
    assert stopped.finished_at is None and "members.member 1" in stopped.error
    assert not AuditEntry.objects.filter(action="security.field_key_rotation_finished").exists()

    restart()  # every process restarted with the new keys: the same run finishes
    assert rotate("field", batch_size=2).pk == stopped.pk and field_key_report() == []


def test_the_task_refuses_a_target_key_other_than_its_own_current_one_and_an_unknown_kind(world, keys):
    _people(world, 2)
    keys(index=f"i2:{NEW},dev:{DEV_INDEX}")
    with pytest.raises(KeyMismatch):
        key_rotation_task.call("index", "i3")  # the command saw a newer keyring than this worker holds
    with pytest.raises(ValueError):
        key_rotation_task.call("fields", "i2")
    assert not KeyRotation.objects.exists()
    assert KeyRotation.objects.get(pk=key_rotation_task.call("index", "i2")).finished_at is not None


def test_two_runners_of_one_rotation_go_on_from_each_others_progress(world, keys, batches):
    people = _people(world, 5)
    keys(field=f"k2:{NEW},dev:{DEV_FIELD}")
    first = start_or_resume("field")
    second = KeyRotation.objects.get(pk=first.pk)  # started by the operator twice, before either moved

    def the_second_runs_to_the_end_after_the_firsts_first_batch(run, _more):
        if run is first:
            restart()
            run_rotation(second, batch_size=2)

    restart = batches("_field_batch", Member, the_second_runs_to_the_end_after_the_firsts_first_batch, after=True)
    run_rotation(first, batch_size=2)
    stored = KeyRotation.objects.get(pk=first.pk)
    assert stored.progress["members.member"]["done"] == len(people)
    assert AuditEntry.objects.filter(action="security.field_key_rotation_finished").count() == 1

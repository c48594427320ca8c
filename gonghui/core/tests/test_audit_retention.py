import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone
from freezegun import freeze_time

from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_checkpoints import audit_checkpoint, sign
from gonghui.core.audit_models import AuditCut, AuditEntry
from gonghui.core.audit_retention import CUT_ACTION, purge_audit_log
from gonghui.core.audit_verification import audit_verify
from gonghui.core.retention_sweep import sweep
from gonghui.core.tests.audit_tamper import guard_off

pytestmark = pytest.mark.django_db


@pytest.fixture
def checkpoints(settings, tmp_path):
    settings.GONGHUI_AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    return tmp_path / "checkpoints.jsonl"


def _entries(n: int, label: str = "old") -> None:
    for i in range(n):
        audit_record(actor=Actor(id=1, label="tester"), action="test.write", detail={"i": i, "when": label})


def _messages(report) -> str:
    return " | ".join(p.message for p in report.chain.problems + report.problems)


def _history(days_ago: list[int]) -> None:
    """Three entries and a checkpoint on each of `days_ago` (oldest first), then today's checkpoint."""
    for days in days_ago:
        with freeze_time(timezone.now() - timedelta(days=days)):
            _entries(3, label=str(days))
            audit_checkpoint()
    audit_checkpoint()


def _sweep_audit(**kw):
    (run,) = sweep(only="audit_log", **kw)
    return run.applied


def test_the_log_is_cut_at_the_newest_checkpoint_past_the_period_and_still_verifies(checkpoints, settings):
    settings.GONGHUI_RETAIN_DAYS = {**settings.GONGHUI_RETAIN_DAYS, "GONGHUI_RETAIN_AUDIT_DAYS": 200}
    _history([400, 201, 199, 10])
    applied = _sweep_audit()
    # Entries #1–#6 were checkpointed 400 and 201 days ago; #7–#9 (199 days) are inside the period.
    assert applied.count == 6 and not applied.more
    assert AuditEntry.objects.order_by("seq").first().seq == 7
    assert AuditCut.objects.get().seq == 6
    assert AuditEntry.objects.filter(action=CUT_ACTION, object_id="6").exists()
    report = audit_verify()
    assert report.ok, _messages(report)
    assert report.chain.cut_seq == 6


def test_a_second_sweep_deletes_nothing_more_and_the_log_still_verifies(checkpoints):
    _history([400, 10])
    assert _sweep_audit().count == 3
    assert _sweep_audit().count == 0
    assert AuditCut.objects.count() == 1
    report = audit_verify()
    assert report.ok, _messages(report)


def test_nothing_is_cut_without_a_checkpoint_older_than_the_period(checkpoints):
    with freeze_time(timezone.now() - timedelta(days=400)):
        _entries(3)  # old, but never checkpointed then
    audit_checkpoint()
    applied = _sweep_audit()
    assert applied.count == 0 and "no signed checkpoint" in applied.note
    assert AuditEntry.objects.filter(action="test.write").count() == 3


def test_nothing_is_cut_without_a_checkpoint_file(settings):
    settings.GONGHUI_AUDIT_CHECKPOINT_FILE = ""
    with freeze_time(timezone.now() - timedelta(days=400)):
        _entries(2)
    applied = _sweep_audit()
    assert applied.count == 0 and "no checkpoint file" in applied.note


def test_a_cut_deleted_in_several_runs_verifies_between_them(checkpoints):
    _history([400, 10])
    first = purge_audit_log(cutoff=timezone.now() - timedelta(days=365), batch=2, max_batches=1, dry_run=False)
    assert (first.count, first.more) == (2, True)
    assert audit_verify().ok
    second = purge_audit_log(cutoff=timezone.now() - timedelta(days=365), batch=2, max_batches=1, dry_run=False)
    assert (second.count, second.more) == (1, False)
    report = audit_verify()
    assert report.ok, _messages(report)


def test_a_dry_run_counts_the_entries_and_cuts_nothing(checkpoints):
    _history([400, 10])
    before = AuditEntry.objects.count()
    assert _sweep_audit(dry_run=True).count == 3
    assert AuditEntry.objects.count() == before and not AuditCut.objects.exists()


def test_a_cut_at_a_checkpoint_younger_than_six_months_fails_verification(checkpoints):
    """Someone with the database deletes recent entries behind a cut of their own making."""
    _history([100, 10])
    entry = AuditEntry.objects.get(seq=3)
    line = sign(seq=3, hash=entry.hash, kid=entry.kid, at=timezone.now() - timedelta(days=100)).to_line()
    AuditCut.objects.create(seq=3, hash=entry.hash, kid=entry.kid, checkpoint=line, made_at=timezone.now())
    audit_record(actor=Actor.system("system:retention"), action=CUT_ACTION, object_id=3)
    with guard_off():
        AuditEntry.objects.filter(seq__lte=3)._raw_delete(AuditEntry.objects.db)
    report = audit_verify()
    assert not report.ok
    assert "less than six months" in _messages(report)


def test_a_cut_whose_checkpoint_is_forged_or_unrecorded_fails_verification(checkpoints):
    _history([400, 10])
    entry = AuditEntry.objects.get(seq=3)
    real = sign(seq=3, hash=entry.hash, kid=entry.kid, at=timezone.now() - timedelta(days=400)).to_line()
    AuditCut.objects.create(seq=3, hash=entry.hash, kid=entry.kid, checkpoint=real.replace('"seq":3', '"seq":4'),
                            made_at=timezone.now())
    messages = _messages(audit_verify())
    assert "signature does not verify" in messages
    assert "not recorded in the log" in messages


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the delete guard is a PostgreSQL trigger")
def test_the_database_refuses_to_delete_an_entry_beyond_the_cut(checkpoints):
    from django.db import DatabaseError, transaction

    _history([400, 10])
    _sweep_audit()
    with pytest.raises(DatabaseError), transaction.atomic():
        AuditEntry.objects.filter(seq=4)._raw_delete(AuditEntry.objects.db)


def test_a_checkpoint_dated_before_the_period_over_a_recent_entry_is_not_cut_at(checkpoints):
    """The clock went back when the checkpoint was signed: the entry it names is recent after all."""
    _entries(3)
    audit_checkpoint(now=timezone.now() - timedelta(days=400))
    applied = _sweep_audit()
    assert applied.count == 0 and not AuditCut.objects.exists()
    assert AuditEntry.objects.filter(action="test.write").count() == 3


def test_audit_verify_says_where_the_cut_is(checkpoints):
    _history([400, 10])
    _sweep_audit()
    out = io.StringIO()
    call_command("audit_verify", stdout=out)
    assert "Retention cut: entries up to #3" in out.getvalue() and "Audit chain intact." in out.getvalue()

import io
from dataclasses import replace
from datetime import timedelta
from importlib import import_module

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from django.db import connection, migrations
from django.utils import timezone

from gonghui.core import retention_sweep
from gonghui.core.audit_models import AuditEntry
from gonghui.core.idempotency import IdempotentCreate
from gonghui.core.periodic import periodic_jobs
from gonghui.core.retention import (
    MAXIMUM_BATCH,
    RULES,
    SIX_MONTHS_DAYS,
    Applied,
    retention_days_from_env,
    rule_by_key,
)
from gonghui.core.retention_purges import apply_in_batches
from gonghui.core.retention_sweep import SWEEP_ACTION, last_runs, sweep, sweep_due


def test_every_rule_has_a_setting_a_minimum_and_an_action():
    for rule in RULES:
        assert rule.setting.startswith("GONGHUI_RETAIN_") and rule.setting.endswith("_DAYS")
        assert rule.default_days >= rule.minimum_days >= 1
        assert rule.action in ("purge", "archive") and str(rule.law)


def test_audit_and_access_logs_cannot_be_set_below_six_months():
    logs = [rule for rule in RULES if rule.key.endswith("_log")]
    assert {rule.key for rule in logs} == {"audit_log", "member_access_log", "hardship_access_log"}
    for rule in logs:
        with pytest.raises(ImproperlyConfigured, match=f"{rule.setting} must be at least {SIX_MONTHS_DAYS} days"):
            retention_days_from_env({rule.setting: str(SIX_MONTHS_DAYS - 1)})
        assert retention_days_from_env({rule.setting: str(SIX_MONTHS_DAYS)})[rule.setting] == SIX_MONTHS_DAYS


def test_the_operator_sets_the_periods_in_days():
    days = retention_days_from_env({"GONGHUI_RETAIN_AUDIT_DAYS": "730", "GONGHUI_RETAIN_SMS_CODE_DAYS": " 3 "})
    assert days["GONGHUI_RETAIN_AUDIT_DAYS"] == 730 and days["GONGHUI_RETAIN_SMS_CODE_DAYS"] == 3
    assert days["GONGHUI_RETAIN_CLOSED_CASE_DAYS"] == 1095  # the default


def test_it_refuses_an_audit_period_below_the_legal_six_months():
    with pytest.raises(ImproperlyConfigured, match=r"GONGHUI_RETAIN_AUDIT_DAYS must be at least 184 days, not 90.*"
                                                   r"Cybersecurity Law"):
        retention_days_from_env({"GONGHUI_RETAIN_AUDIT_DAYS": "90"})


def test_it_refuses_an_access_log_period_below_six_months_and_a_case_period_below_a_year():
    with pytest.raises(ImproperlyConfigured, match="GONGHUI_RETAIN_ACCESS_LOG_DAYS must be at least 184"):
        retention_days_from_env({"GONGHUI_RETAIN_ACCESS_LOG_DAYS": "183"})
    with pytest.raises(ImproperlyConfigured, match="GONGHUI_RETAIN_CLOSED_CASE_DAYS must be at least 365"):
        retention_days_from_env({"GONGHUI_RETAIN_CLOSED_CASE_DAYS": "364"})


def test_it_refuses_a_period_that_is_not_a_number():
    with pytest.raises(ImproperlyConfigured, match="GONGHUI_RETAIN_SMS_CODE_DAYS must be a whole number"):
        retention_days_from_env({"GONGHUI_RETAIN_SMS_CODE_DAYS": "a week"})


def test_it_refuses_a_period_so_long_that_the_cutoff_would_fall_before_year_one():
    with pytest.raises(ImproperlyConfigured, match="GONGHUI_RETAIN_CLOSED_CASE_DAYS must be at most 36500 days, "
                                                   "not 1000000"):
        retention_days_from_env({"GONGHUI_RETAIN_CLOSED_CASE_DAYS": "1000000"})
    assert retention_days_from_env({"GONGHUI_RETAIN_CLOSED_CASE_DAYS": "36500"})[
        "GONGHUI_RETAIN_CLOSED_CASE_DAYS"] == 36500


@pytest.mark.parametrize("value", ["-1", "0", "x", "²", "100001"])
def test_the_command_takes_only_a_positive_bounded_whole_batch(world, value):
    with pytest.raises(CommandError, match=f"--batch: must be a positive whole number up to 100000, not '{value}'"):
        call_command("retention_sweep", "--batch", value, stdout=io.StringIO())
    with pytest.raises(CommandError, match="--max-batches: must be a positive whole number up to 10000"):
        call_command("retention_sweep", "--max-batches", value, stdout=io.StringIO())
    assert not AuditEntry.objects.filter(action=SWEEP_ACTION).exists()


def test_the_sweep_itself_refuses_a_batch_out_of_bounds(world):
    for batch, max_batches in ((-1, 1), (1, 0), (MAXIMUM_BATCH + 1, 1)):
        with pytest.raises(ValueError, match="batch must be 1"):
            sweep(batch=batch, max_batches=max_batches)


def explode(**_kwargs):
    raise RuntimeError("the disk is gone")


def test_a_failing_rule_is_recorded_as_failed_and_the_later_rules_still_run(world, monkeypatch):
    _key(world, "old", 40)
    # The audit log's rule comes first: before the fix its failure stopped every later rule.
    failing = replace(rule_by_key("audit_log"), apply="gonghui.core.tests.test_retention.explode")
    monkeypatch.setattr(retention_sweep, "RULES", tuple(failing if r.key == "audit_log" else r for r in RULES))
    runs = sweep()
    assert [run.rule.key for run in runs] == [rule.key for rule in RULES]
    assert runs[0].failed and runs[0].applied.note == "the rule failed: RuntimeError"
    assert not IdempotentCreate.objects.filter(key="old").exists()
    entry = AuditEntry.objects.filter(action=SWEEP_ACTION, object_id="audit_log").get()
    assert entry.outcome == AuditEntry.Outcome.FAILED and entry.detail["failed"] is True
    assert AuditEntry.objects.filter(action=SWEEP_ACTION, outcome=AuditEntry.Outcome.OK).count() == len(RULES) - 1
    assert last_runs()["audit_log"]["note"] == "the rule failed: RuntimeError"


def _failing(monkeypatch, key: str, apply: str) -> None:
    failing = replace(rule_by_key(key), apply=apply)
    monkeypatch.setattr(retention_sweep, "RULES", tuple(failing if r.key == key else r for r in RULES))


def break_the_database(**_kwargs):
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM no_such_table")


def test_a_rule_whose_statement_fails_leaves_the_later_rules_a_working_transaction(world, monkeypatch):
    # On PostgreSQL a failed statement aborts the transaction it ran in: without its own savepoint the
    # rule would take every later rule and audit entry down with it.
    _key(world, "old", 40)
    _failing(monkeypatch, "audit_log", "gonghui.core.tests.test_retention.break_the_database")
    runs = sweep()
    assert [run.failed for run in runs] == [True] + [False] * (len(RULES) - 1)
    assert not IdempotentCreate.objects.filter(key="old").exists()
    assert AuditEntry.objects.filter(action=SWEEP_ACTION).count() == len(RULES)


def test_the_command_says_which_rule_failed_and_exits_non_zero_after_running_the_others(world, monkeypatch):
    _key(world, "old", 40)
    _failing(monkeypatch, "sms_codes", "gonghui.core.tests.test_retention.explode")
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match="1 rule\\(s\\) failed: sms_codes"):
        call_command("retention_sweep", stdout=out, stderr=err)
    assert "sms_codes: did purge 0" in err.getvalue() and "the rule failed: RuntimeError" in err.getvalue()
    assert "idempotency_keys: did purge 1" in out.getvalue()
    assert not IdempotentCreate.objects.filter(key="old").exists()


def test_the_last_runs_are_read_in_one_query_one_per_rule_and_the_newest(world, monkeypatch,
                                                                        django_assert_num_queries):
    _key(world, "old", 40)
    sweep()
    _failing(monkeypatch, "idempotency_keys", "gonghui.core.tests.test_retention.explode")
    sweep()
    monkeypatch.undo()
    _key(world, "older", 50)
    sweep(only="idempotency_keys")
    with django_assert_num_queries(1):
        runs = last_runs()
    assert set(runs) == {rule.key for rule in RULES}
    assert (runs["idempotency_keys"]["count"], runs["idempotency_keys"]["failed"]) == (1, False)
    newest = AuditEntry.objects.filter(action=SWEEP_ACTION, object_id="idempotency_keys").order_by("-seq").first()
    assert runs["idempotency_keys"]["at"] == newest.at
    assert runs["sms_codes"]["count"] == 0


def test_the_audit_cut_migration_creates_the_table_before_it_changes_the_trigger():
    # The migration is applied in places: its operations and their order must stay what they were.
    migration = import_module("gonghui.core.migrations.0008_audit_retention_cut").Migration
    create, trigger = migration.operations
    assert isinstance(create, migrations.CreateModel) and create.name == "AuditCut"
    assert isinstance(trigger, migrations.RunPython) and trigger.code.__name__ == "forwards"


def test_apply_in_batches_acts_on_each_batch_in_the_order_asked_and_says_when_more_remain(world):
    for i in range(5):
        _key(world, f"k{i}", 40)
    seen: list[list[str]] = []

    def act(ids):
        seen.append(list(IdempotentCreate.objects.filter(pk__in=ids).order_by("-key").values_list("key", flat=True)))
        IdempotentCreate.objects.filter(pk__in=ids).delete()

    rows = IdempotentCreate.objects.all()
    assert apply_in_batches(rows, act, batch=2, max_batches=5, dry_run=True) == Applied(5)
    assert seen == []
    assert apply_in_batches(rows, act, batch=2, max_batches=2, dry_run=False, order="-key") == Applied(4, more=True)
    assert seen == [["k4", "k3"], ["k2", "k1"]]
    assert apply_in_batches(rows, act, batch=2, max_batches=2, dry_run=False) == Applied(1)


def _key(world, key: str, days_ago: float) -> IdempotentCreate:
    row = IdempotentCreate.objects.create(actor=world.national_admin, key=key, operation="t", digest="d",
                                          object_id="1")
    IdempotentCreate.objects.filter(pk=row.pk).update(created_at=timezone.now() - timedelta(days=days_ago))
    return row


def test_the_sweep_purges_idempotency_keys_past_their_period_and_nothing_newer(world):
    _key(world, "old", 30 + 1 / 24)
    _key(world, "boundary", 30 - 1 / 24)
    _key(world, "new", 1)
    (run,) = sweep(only="idempotency_keys")
    assert run.applied.count == 1
    assert set(IdempotentCreate.objects.values_list("key", flat=True)) == {"boundary", "new"}


def test_a_dry_run_prints_what_it_would_do_and_changes_and_records_nothing(world):
    _key(world, "old", 40)
    before = AuditEntry.objects.count()
    out = io.StringIO()
    call_command("retention_sweep", "--dry-run", stdout=out)
    assert "idempotency_keys: would purge 1 (older than 30 days" in out.getvalue()
    assert "closed_cases: would archive 0" in out.getvalue()
    assert IdempotentCreate.objects.filter(key="old").exists()
    assert AuditEntry.objects.count() == before


def test_each_rule_run_writes_one_audit_entry_with_its_counts_and_a_second_run_does_nothing(world):
    _key(world, "old", 40)
    first = sweep()
    assert AuditEntry.objects.filter(action=SWEEP_ACTION).count() == len(RULES)
    runs = last_runs()
    assert runs["idempotency_keys"]["count"] == 1 and runs["idempotency_keys"]["days"] == 30
    assert runs["closed_cases"]["action"] == "archive"
    second = sweep()
    assert sum(r.applied.count for r in first) >= 1 and sum(r.applied.count for r in second) == 0
    assert last_runs()["idempotency_keys"]["count"] == 0


def test_a_rule_stops_after_its_batches_and_says_more_remain(world):
    for i in range(5):
        _key(world, f"old{i}", 40)
    (run,) = sweep(only="idempotency_keys", batch=2, max_batches=2)
    assert (run.applied.count, run.applied.more) == (4, True)
    (run,) = sweep(only="idempotency_keys", batch=2, max_batches=2)
    assert (run.applied.count, run.applied.more) == (1, False)


def test_the_timer_queues_the_sweep_which_runs_once_a_day(world):
    assert "retention_sweep" in periodic_jobs()
    assert sweep_due()
    sweep()
    assert not sweep_due()
    assert sweep_due(now=timezone.now() + timedelta(days=1))

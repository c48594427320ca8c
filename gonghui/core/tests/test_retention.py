import io
from datetime import timedelta

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import timezone

from gonghui.core.audit_models import AuditEntry
from gonghui.core.idempotency import IdempotentCreate
from gonghui.core.periodic import periodic_jobs
from gonghui.core.retention import RULES, SIX_MONTHS_DAYS, retention_days_from_env
from gonghui.core.retention_sweep import SWEEP_ACTION, last_runs, sweep, sweep_due


def test_every_rule_has_a_setting_a_minimum_and_an_action():
    for rule in RULES:
        assert rule.setting.startswith("GONGHUI_RETAIN_") and rule.setting.endswith("_DAYS")
        assert rule.default_days >= rule.minimum_days >= 1
        assert rule.action in ("purge", "archive") and str(rule.law)


def test_audit_and_access_logs_are_kept_at_least_six_months():
    logs = {rule.key: rule.minimum_days for rule in RULES if rule.key.endswith("_log")}
    assert set(logs) == {"audit_log", "member_access_log", "hardship_access_log"}
    assert min(logs.values()) == SIX_MONTHS_DAYS >= 183


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

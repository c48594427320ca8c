"""The retention sweep: applies every rule of `core.retention`, each in bounded batches, and writes one
audit entry per rule run with what it did. Run by `manage.py retention_sweep` and, once a day, by the
periodic timer. Idempotent: a second run finds nothing past its period that is not already done."""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_models import AuditEntry
from gonghui.core.audit_retention import RETENTION_ACTOR
from gonghui.core.retention import RULES, Applied, RetentionRule, rule_days

SWEEP_ACTION = "retention.sweep"
# Per rule and run: 100 batches of GONGHUI_RETENTION_BATCH rows; a backlog is worked off over the
# following days rather than in one long run.
MAX_BATCHES = 100
# The timer runs every few minutes; the sweep is due when its last run is this old.
DAILY = timedelta(hours=23)


@dataclass(frozen=True)
class RuleRun:
    rule: RetentionRule
    days: int
    cutoff: datetime
    applied: Applied


def sweep(*, dry_run: bool = False, now: datetime | None = None, batch: int | None = None,
          max_batches: int = MAX_BATCHES, only: str = "") -> list[RuleRun]:
    now = now or timezone.now()
    batch = batch or settings.GONGHUI_RETENTION_BATCH
    runs = []
    for rule in RULES:
        if only and rule.key != only:
            continue
        days = rule_days(rule)
        cutoff = now - timedelta(days=days)
        apply = import_string(rule.apply)
        applied: Applied = apply(cutoff=cutoff, batch=batch, max_batches=max_batches, dry_run=dry_run)
        if not dry_run:
            audit_record(actor=Actor.system(RETENTION_ACTOR), action=SWEEP_ACTION, object_type="retention_rule",
                         object_id=rule.key, object_label=str(rule.label),
                         detail={"action": rule.action, "days": days, "cutoff": cutoff.isoformat(),
                                 "count": applied.count, "more": applied.more, "note": applied.note})
        runs.append(RuleRun(rule, days, cutoff, applied))
    return runs


def last_runs() -> dict[str, dict[str, Any]]:
    """{rule key: the detail and time of its newest sweep entry} for the console page."""
    newest: dict[str, dict[str, Any]] = {}
    for key in dict.fromkeys(rule.key for rule in RULES):
        row = (AuditEntry.objects.filter(action=SWEEP_ACTION, object_id=key).order_by("-seq")
               .values("at", "detail").first())
        if row is not None:
            newest[key] = {"at": row["at"], **row["detail"]}
    return newest


def sweep_due(*, now: datetime | None = None) -> bool:
    last = AuditEntry.objects.filter(action=SWEEP_ACTION).order_by("-seq").values_list("at", flat=True).first()
    return last is None or (now or timezone.now()) - last >= DAILY

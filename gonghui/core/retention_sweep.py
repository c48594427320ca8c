"""The retention sweep: applies every rule of `core.retention`, each in bounded batches, and writes one
audit entry per rule run with what it did. Run by `manage.py retention_sweep` and, once a day, by the
periodic timer. Idempotent: a second run finds nothing past its period that is not already done."""

import logging
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.module_loading import import_string

from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_models import AuditEntry
from gonghui.core.audit_retention import RETENTION_ACTOR
from gonghui.core.retention import MAXIMUM_BATCH, RULES, Applied, RetentionRule, rule_days

log = logging.getLogger(__name__)

SWEEP_ACTION = "retention.sweep"
RULE_OBJECT = "retention_rule"
# The start of a failed rule's note (the exception's type follows; the traceback is in the log).
FAILED_NOTE = "the rule failed"
# Per rule and run: 100 batches of GONGHUI_RETENTION_BATCH rows; a backlog is worked off over the
# following days rather than in one long run.
MAX_BATCHES = 100
# The most batches one run may be asked for (the command's --max-batches).
MAXIMUM_BATCHES = 10_000
# The timer runs every few minutes; the sweep is due when its last run is this old.
DAILY = timedelta(hours=23)


@dataclass(frozen=True)
class RuleRun:
    rule: RetentionRule
    days: int
    cutoff: datetime
    applied: Applied
    failed: bool = False


def sweep(*, dry_run: bool = False, now: datetime | None = None, batch: int | None = None,
          max_batches: int = MAX_BATCHES, only: str = "") -> list[RuleRun]:
    now = now or timezone.now()
    batch = batch or settings.GONGHUI_RETENTION_BATCH
    if not (1 <= batch <= MAXIMUM_BATCH and 1 <= max_batches <= MAXIMUM_BATCHES):
        raise ValueError(f"batch must be 1..{MAXIMUM_BATCH} and max_batches 1..{MAXIMUM_BATCHES}, "
                         f"not {batch} and {max_batches}")
    runs = []
    for rule in RULES:
        if only and rule.key != only:
            continue
        days = rule_days(rule)
        cutoff = now - timedelta(days=days)
        failed = False
        try:
            with _own_transaction():
                apply = import_string(rule.apply)
                applied: Applied = apply(cutoff=cutoff, batch=batch, max_batches=max_batches, dry_run=dry_run)
        except Exception as exc:
            # One rule's failure (a missing file, a lock timeout) must not keep every later rule from
            # running, day after day: it is logged and recorded as that rule's outcome, and the next
            # rule runs. What the failed rule's finished batches did stays done.
            log.exception("retention rule %s failed", rule.key)
            failed = True
            applied = Applied(0, note=f"{FAILED_NOTE}: {type(exc).__name__}")
        if not dry_run:
            audit_record(actor=Actor.system(RETENTION_ACTOR), action=SWEEP_ACTION, object_type=RULE_OBJECT,
                         object_id=rule.key, object_label=str(rule.label),
                         outcome=AuditEntry.Outcome.FAILED if failed else AuditEntry.Outcome.OK,
                         detail={"action": rule.action, "days": days, "cutoff": cutoff.isoformat(),
                                 "count": applied.count, "more": applied.more, "note": applied.note,
                                 "failed": failed})
        runs.append(RuleRun(rule, days, cutoff, applied, failed))
    return runs


def _own_transaction() -> AbstractContextManager[Any]:
    """What keeps one rule's database error from the rules after it. Run on its own (the command, the
    timer), every batch is already its own transaction and commits; the rule as a whole must not be
    one, or it would hold its locks over all its batches. Called inside a transaction (a caller's, a
    test's), a failed statement would abort that transaction for every later rule and the audit
    entries: the rule then runs in a savepoint, rolled back alone."""
    return transaction.atomic() if connection.in_atomic_block else nullcontext()


def last_runs() -> dict[str, dict[str, Any]]:
    """{rule key: the detail, time and outcome of its newest sweep entry} for the console page, in one
    query: per rule, the entry with the highest sequence number."""
    newest = (AuditEntry.objects.filter(object_type=RULE_OBJECT, action=SWEEP_ACTION)
              .values("object_id").annotate(last=Max("seq")).values("last"))
    rows = AuditEntry.objects.filter(seq__in=newest).values("object_id", "at", "detail")
    return {row["object_id"]: {"at": row["at"], **row["detail"]} for row in rows}


def sweep_due(*, now: datetime | None = None) -> bool:
    last = AuditEntry.objects.filter(action=SWEEP_ACTION).order_by("-seq").values_list("at", flat=True).first()
    return last is None or (now or timezone.now()) - last >= DAILY

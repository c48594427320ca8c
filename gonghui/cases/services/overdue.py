"""The overdue sweep: open cases past their stored deadline are flagged, their handler and the
supervisors above are told, and a case left overdue longer than a set delay climbs one level.

Flagging is one compare-and-set UPDATE per batch over the partial index of open, not yet overdue
cases, so only the rows that just fell due are read or written; running it twice changes nothing.
The flag does not bump the case's version: it is the sweep's own field (a transition that moves
the deadline recomputes it), and a cadre's open page should not turn stale because a clock ticked.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.models import Grant
from gonghui.accounts.roles import roles_with
from gonghui.cases.choices import OPEN_STATUSES, Action, Status
from gonghui.cases.models import Case, CaseEvent, CaseNotification
from gonghui.cases.services.common import who
from gonghui.cases.services.handling import case_escalate
from gonghui.core.audit import audit_record
from gonghui.core.errors import DomainError, PermissionDenied, msg
from gonghui.core.permissions import Perm
from gonghui.orgs import tree

BATCH = 1000


@dataclass(frozen=True)
class SweepResult:
    marked: int
    escalated: int


def escalation_delay() -> datetime.timedelta:
    return datetime.timedelta(hours=int(settings.GONGHUI_CASE_ESCALATE_AFTER_HOURS))


def supervisors_of(org_paths: set[str]) -> dict[str, list[int]]:
    """Per handling union, the cadres who may supervise it from the nearest level above that has any."""
    ancestors = {a for path in org_paths for a in tree.ancestor_paths(path)}
    holders: dict[str, set[int]] = defaultdict(set)
    for path, user_id in (Grant.objects.active().filter(role__in=roles_with(Perm.CASE_SUPERVISE),
                                                        org__path__in=ancestors, user__is_active=True)
                          .values_list("org__path", "user_id")):
        holders[path].add(user_id)
    found: dict[str, list[int]] = {}
    for path in org_paths:
        nearest = next((holders[a] for a in reversed(tree.ancestor_paths(path)) if holders.get(a)), set())
        found[path] = sorted(nearest)
    return found


def _notify(cases: list[Case]) -> None:
    supervisors = supervisors_of({c.org_path for c in cases})
    rows = []
    for case in cases:
        text = str(msg(_("案件%(n)s已超过办结时限，请尽快办理。"), {"n": case.number}))[:300]
        recipients = set(supervisors.get(case.org_path, []))
        if case.handler_id:
            recipients.add(case.handler_id)
        rows += [CaseNotification(recipient_id=uid, case=case, action=Action.OVERDUE, text=text)
                 for uid in sorted(recipients)]
    CaseNotification.objects.bulk_create(rows)


def _mark_batch(actor: Any, now: datetime.datetime) -> int:
    with transaction.atomic():
        due = Case.objects.filter(status__in=OPEN_STATUSES, overdue=False, due_at__lte=now)
        # Locked so a concurrent resolve waits for this batch instead of racing its event rows; rows
        # another sweep holds are skipped, that sweep flags them.
        cases = list(due.select_for_update(skip_locked=True).only("pk", "number", "status", "org_path",
                                                                  "handler_id")[:BATCH])
        if not cases:
            return 0
        marked = Case.objects.filter(pk__in=[c.pk for c in cases], status__in=OPEN_STATUSES, overdue=False,
                                     due_at__lte=now).update(overdue=True)
        actor_row = who(actor)
        CaseEvent.objects.bulk_create([
            CaseEvent(case_id=c.pk, action=Action.OVERDUE, old_status=c.status, actor_id=actor_row.id,
                      actor_label=actor_row.shown, at=now) for c in cases])
        _notify(cases)
        audit_record(actor=actor_row, action="case.overdue", object_type="cases.case",
                     object_label=f"{marked}", detail={"count": marked, "numbers": [c.number for c in cases]})
    return marked


def _escalate_due(actor: Any, now: datetime.datetime) -> int:
    cutoff = now - escalation_delay()
    candidates = (Case.objects.filter(status__in=OPEN_STATUSES, overdue=True, due_at__lte=cutoff)
                  .exclude(status=Status.RECEIVED)
                  .filter(Q(overdue_escalated_at__isnull=True) | Q(overdue_escalated_at__lte=cutoff))
                  .select_related("handling_union").order_by("due_at")[:BATCH])
    escalated = 0
    for case in candidates:
        if len(case.org_path) <= tree.STEP_LEN:
            continue  # already at the top
        try:
            with transaction.atomic():
                case_escalate(actor=actor, case=case, reason=str(_("超过办结时限未办结，系统自动上报")), now=now,
                              overdue=True)
        except DomainError:
            continue  # changed meanwhile (resolved, escalated by hand): the next sweep looks again
        escalated += 1
    return escalated


def case_sweep_overdue(*, actor: Any, now: datetime.datetime | None = None) -> SweepResult:
    if not getattr(actor, "is_system_actor", False):
        raise PermissionDenied()
    now = now or timezone.now()
    marked = 0
    while batch := _mark_batch(actor, now):
        marked += batch
    return SweepResult(marked=marked, escalated=_escalate_due(actor, now))

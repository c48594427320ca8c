"""The refresh: every active employer's score from the signals, upserted in bulk, and an alert for
each employer that crossed the threshold since the last refresh. A bounded number of queries
whatever the number of employers (the writes go in batches of BATCH rows)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import AuditItem, audit_record_many
from gonghui.core.errors import PermissionDenied
from gonghui.orgs.choices import EmployerStatus
from gonghui.orgs.models import Employer
from gonghui.orgs.services.common import audit_actor
from gonghui.reports.risk.choices import AlertStatus
from gonghui.reports.risk.rules import current_rules
from gonghui.reports.risk.scoring import score_employer
from gonghui.reports.risk.services.rules import may_change_risk_rules
from gonghui.reports.risk.signals import months_before, read_signals
from gonghui.reports.risk_models import EmployerRiskScore, RiskAlert

BATCH = 2000
# The periodic timer ticks every few minutes; the radar is a daily picture, so a tick within this
# long of the last refresh does nothing (the management command always refreshes).
REFRESH_EVERY = datetime.timedelta(hours=6)


@dataclass(frozen=True)
class RefreshResult:
    employers: int
    alerts: int
    computed_at: datetime.datetime | None
    skipped: bool = False


def last_refresh() -> datetime.datetime | None:
    return EmployerRiskScore.objects.order_by("-computed_at").values_list("computed_at", flat=True).first()


@transaction.atomic
def risk_refresh(*, actor: Any, now: datetime.datetime | None = None, if_due: bool = False) -> RefreshResult:
    """Score every active employer. `if_due`: only when the last refresh is older than REFRESH_EVERY."""
    if not getattr(actor, "is_system_actor", False) and not may_change_risk_rules(actor):
        raise PermissionDenied(_("只有最高一级工会的干部或系统任务才能刷新风险评分。"))
    now = now or timezone.now()
    if if_due:
        last = last_refresh()
        if last is not None and now - last < REFRESH_EVERY:
            return RefreshResult(0, 0, last, skipped=True)
    rules = current_rules()
    signals = read_signals(since=months_before(now, rules.window_months))
    previous = dict(EmployerRiskScore.objects.values_list("employer_id", "score"))
    scores: list[EmployerRiskScore] = []
    scored = 0
    crossed: list[tuple[tuple[int, str, int], int, dict[str, Any], int]] = []

    def write() -> None:
        # A batch at a time: a province's few hundred thousand scores held until the end took the
        # worker to 900 MB.
        nonlocal scored
        EmployerRiskScore.objects.bulk_create(scores, batch_size=BATCH, update_conflicts=True,
                                              unique_fields=["employer"],
                                              update_fields=["org_path", "score", "components", "computed_at"])
        scored += len(scores)
        scores.clear()

    for employer_id, path, union_id, unionized, union_status in (
            Employer.objects.filter(status=EmployerStatus.ACTIVE).order_by()
            .values_list("pk", "org_path", "union_id", "unionized", "union__status").iterator(chunk_size=BATCH)):
        score, comps = score_employer(employer_id=employer_id, unionized=unionized, union_status=union_status,
                                      signals=signals, rules=rules)
        scores.append(EmployerRiskScore(employer_id=employer_id, org_path=path, score=score, components=comps,
                                        computed_at=now))
        if len(scores) >= BATCH:
            write()
        before = previous.pop(employer_id, 0)
        if before < rules.threshold <= score:
            crossed.append(((employer_id, path, union_id), score, comps, before))
    write()
    if previous:  # employers no longer active (closed, deregistered) leave the radar
        EmployerRiskScore.objects.filter(employer_id__in=list(previous)).delete()
    alerts = _raise_alerts(actor, crossed, rules.threshold, now)
    return RefreshResult(scored, len(alerts), now)


def _raise_alerts(actor: Any, crossed: list[tuple[tuple[int, str, int], int, dict[str, Any], int]],
                  threshold: int, now: datetime.datetime) -> list[RiskAlert]:
    if not crossed:
        return []
    still_open = set(RiskAlert.objects.filter(status=AlertStatus.OPEN, employer_id__in=[c[0][0] for c in crossed])
                     .values_list("employer_id", flat=True))
    alerts = [RiskAlert(employer_id=employer_id, union_id=union_id, org_path=path, score=score, previous_score=before,
                        threshold=threshold, components=comps, raised_at=now)
              for (employer_id, path, union_id), score, comps, before in crossed if employer_id not in still_open]
    alerts = RiskAlert.objects.bulk_create(alerts, batch_size=BATCH)
    audit_record_many(actor=audit_actor(actor), items=[
        AuditItem(action="risk.alert_raised", object_type="reports.riskalert", object_id=a.pk or "",
                  object_label=str(a.employer_id), org_path=a.org_path,
                  detail={"employer": a.employer_id, "score": a.score, "previous": a.previous_score,
                          "threshold": threshold}) for a in alerts])
    return alerts

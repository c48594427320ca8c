"""维权 figures per subtree and period: calls, work orders, their spread, and the four rates the
centres are judged by (on time, closed, satisfied, money recovered). A handful of aggregate queries
over the org-path and received-at index; no row is loaded."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, Max, Q, Sum
from django.utils import timezone

from gonghui.cases.choices import Category, Channel, Difficulty, Rating, Status
from gonghui.cases.models import Case
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q

DONE = (Status.RESOLVED, Status.CALLED_BACK, Status.CLOSED)


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


@dataclass(frozen=True)
class CaseFigures:
    calls: int  # phone-channel intakes (来电)
    work_orders: int  # every case received (工单)
    by_status: dict[str, int] = field(default_factory=dict)
    by_category: dict[str, int] = field(default_factory=dict)
    by_difficulty: dict[str, int] = field(default_factory=dict)
    resolved: int = 0
    on_time: int = 0
    rated: int = 0
    satisfied: int = 0
    money_recovered: Decimal = Decimal("0.00")
    people_helped: int = 0

    @property
    def on_time_rate(self) -> float | None:
        return _rate(self.on_time, self.resolved)

    @property
    def closure_rate(self) -> float | None:
        return _rate(self.resolved, self.work_orders)

    @property
    def satisfaction_rate(self) -> float | None:
        """满意 and 基本满意 among the cases that were rated."""
        return _rate(self.satisfied, self.rated)


def case_figures(*, scope: Scope, union: TradeUnion | None = None, start: datetime.datetime,
                 end: datetime.datetime, line: str = "") -> CaseFigures:
    """Cases received in [start, end) in the scope, optionally within `union`'s subtree."""
    qs = Case.objects.visible_to(scope).filter(received_at__gte=start, received_at__lt=end)
    if union is not None:
        get_visible(TradeUnion.objects.all(), scope, pk=union.pk)
        qs = qs.filter(subtree_q("org_path", union.path))
    if line:
        qs = qs.filter(line=line)
    totals = qs.aggregate(
        work_orders=Count("pk"),
        calls=Count("pk", filter=Q(channel=Channel.PHONE)),
        resolved=Count("pk", filter=Q(status__in=DONE)),
        on_time=Count("pk", filter=Q(status__in=DONE, due_at__isnull=False, resolved_at__lte=F("due_at"))),
        rated=Count("pk", filter=~Q(rating="")),
        satisfied=Count("pk", filter=Q(rating__in=[Rating.SATISFIED, Rating.FAIRLY_SATISFIED])),
        money=Sum("money_recovered", filter=Q(status__in=DONE)),
        people=Sum("people_helped", filter=Q(status__in=DONE)),
    )

    def spread(column: str, choices: Any) -> dict[str, int]:
        counts = dict(qs.order_by().values_list(column).annotate(n=Count("pk")).values_list(column, "n"))
        return {value: counts.get(value, 0) for value in choices.values}

    return CaseFigures(
        calls=totals["calls"], work_orders=totals["work_orders"], by_status=spread("status", Status),
        by_category=spread("category", Category), by_difficulty=spread("difficulty", Difficulty),
        resolved=totals["resolved"], on_time=totals["on_time"], rated=totals["rated"],
        satisfied=totals["satisfied"], money_recovered=totals["money"] or Decimal("0.00"),
        people_helped=totals["people"] or 0,
    )


def case_latest_day(*, scope: Scope, union: TradeUnion | None = None) -> datetime.date | None:
    """The day the latest case in the scope (and the union's subtree) was received: the period a
    statistics page opens on when nothing was received in the current one."""
    qs = Case.objects.visible_to(scope)
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    latest = qs.order_by().aggregate(m=Max("received_at"))["m"]
    return timezone.localdate(latest) if latest else None

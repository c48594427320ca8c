"""Figures of the hardship registry per subtree and period, for the dashboard and the annual report.

Counts come in 户 (households: one file each). A period is half-open in local time: from the first
day to the day after the last. A rate with nothing to divide is None (shown as missing, not 0).
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q
from django.utils import timezone

from gonghui.assistance.choices import IN_FILE_STATUSES, RECHECKED_STATUSES
from gonghui.assistance.models import HardshipFile, HardshipFileCause, HardshipRecheck
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, subtree_q


@dataclass(frozen=True)
class HardshipFigures:
    in_file: int  # households in the registry now (filed or being aided)
    in_file_by_class: dict[str, int]
    in_file_by_cause: dict[str, int]  # a household with two causes counts under each
    new_files: int  # filed in the period
    new_files_by_class: dict[str, int]
    exits: int  # 解困脱困 in the period
    returns: int  # 返困: households that re-entered in the period
    rechecks_done: int
    rechecks_on_time: int
    rechecks_overdue_now: int

    @property
    def recheck_on_time_rate(self) -> float | None:
        if not self.rechecks_done:
            return None
        return round(100 * self.rechecks_on_time / self.rechecks_done, 1)


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    tz = timezone.get_current_timezone()
    return (datetime.datetime.combine(start, datetime.time.min, tz),
            datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time.min, tz))


def hardship_figures(*, scope: Scope, start: datetime.date, end: datetime.date,
                     union: TradeUnion | None = None) -> HardshipFigures:
    """Five queries whatever the size of the subtree."""
    files = HardshipFile.objects.visible_to(scope)
    if union is not None:
        files = files.filter(subtree_q("org_path", union.path))
    since, until = _bounds(start, end)
    in_file = files.filter(status__in=IN_FILE_STATUSES)
    by_class = {row["hardship_class"]: row["n"] for row in
                in_file.values("hardship_class").order_by().annotate(n=Count("id"))}
    by_cause = {row["cause"]: row["n"] for row in
                HardshipFileCause.objects.filter(file__in=in_file.values("pk")).values("cause").order_by()
                .annotate(n=Count("id"))}
    in_period = files.aggregate(
        exits=Count("id", filter=Q(exited_at__gte=since, exited_at__lt=until)),
        returns=Count("id", filter=Q(is_relapse=True, surveyed_at__gte=since, surveyed_at__lt=until)),
        overdue=Count("id", filter=Q(status__in=RECHECKED_STATUSES, recheck_overdue=True)),
    )
    new_by_class = {row["hardship_class"]: row["n"] for row in
                    files.filter(filed_at__gte=since, filed_at__lt=until).values("hardship_class").order_by()
                    .annotate(n=Count("id"))}
    rechecks = _recheck_counts(scope, union, since, until)
    return HardshipFigures(
        in_file=sum(by_class.values()), in_file_by_class=by_class, in_file_by_cause=by_cause,
        new_files=sum(new_by_class.values()), new_files_by_class=new_by_class, exits=in_period["exits"],
        returns=in_period["returns"], rechecks_done=rechecks["done"], rechecks_on_time=rechecks["on_time"],
        rechecks_overdue_now=in_period["overdue"],
    )


def _recheck_counts(scope: Scope, union: TradeUnion | None, since: Any, until: Any) -> dict[str, int]:
    qs = HardshipRecheck.objects.filter(scope.q("file__org_path"), done_at__gte=since, done_at__lt=until)
    if union is not None:
        qs = qs.filter(subtree_q("file__org_path", union.path))
    return qs.aggregate(done=Count("id"), on_time=Count("id", filter=Q(on_time=True)))


def hardship_latest_day(*, scope: Scope, union: TradeUnion | None = None) -> datetime.date | None:
    """The latest day a file in the scope was surveyed, filed or closed: the period the dashboard opens
    on when nothing moved in the current one."""
    files = HardshipFile.objects.visible_to(scope)
    if union is not None:
        files = files.filter(subtree_q("org_path", union.path))
    row = files.order_by().aggregate(s=Max("surveyed_at"), f=Max("filed_at"), e=Max("exited_at"))
    moments = [m for m in row.values() if m is not None]
    return timezone.localdate(max(moments)) if moments else None

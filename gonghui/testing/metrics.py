"""Checking a metric against a count made in the test: the figure for each subtree and period must
equal what plain Python counts over every row of the table (no ORM filter shared with the metric).

The periods straddle 30 September: the 2026 statistical year (1 October 2025 – 30 September 2026)
and the calendar year 2026. Rows dated on the four days around the two boundaries (DAYS) fall in
different pairs of them, so a metric filtering on the wrong date or the wrong bound fails.
"""

import datetime
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gonghui.core.periods import Period
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import figure

D = datetime.date
TODAY = D(2026, 12, 4)
PERIODS = (Period.stat_year(2026), Period.year(2026))
# SY2025/2025, SY2026/2025, SY2026/2026, SY2027/2026
DAYS = (D(2025, 9, 30), D(2025, 10, 1), D(2026, 9, 30), D(2026, 10, 1))


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), timezone.get_current_timezone())


def local_day(moment: datetime.datetime | None) -> datetime.date | None:
    return timezone.localtime(moment).date() if moment is not None else None


def within(day: datetime.date | datetime.datetime | None, period: Period) -> bool:
    if isinstance(day, datetime.datetime):
        day = local_day(day)
    return day is not None and period.start <= day <= period.end


def counted(rows: Iterable[Any], path: Callable[[Any], str], keep: Callable[[Any, Period], bool]
            ) -> Callable[[str, Period], int]:
    """A count: rows under the subtree that `keep` keeps for the period."""
    listed = list(rows)
    return lambda under, period: sum(1 for r in listed if path(r).startswith(under) and keep(r, period))


def summed(rows: Iterable[Any], path: Callable[[Any], str], keep: Callable[[Any, Period], bool],
           value: Callable[[Any], Any]) -> Callable[[str, Period], Decimal]:
    listed = list(rows)
    return lambda under, period: sum((Decimal(value(r)) for r in listed if path(r).startswith(under)
                                      and keep(r, period)), Decimal(0))


def distinct(rows: Iterable[Any], path: Callable[[Any], str], keep: Callable[[Any, Period], bool],
             key: Callable[[Any], Any]) -> Callable[[str, Period], int]:
    listed = list(rows)
    return lambda under, period: len({key(r) for r in listed if path(r).startswith(under) and keep(r, period)})


def assert_metric_counts(name: str, expected: Callable[[str, Period], Any], unions: Iterable[TradeUnion],
                         periods: Iterable[Period] = PERIODS, today: datetime.date = TODAY) -> list[Any]:
    """Every (union, period) figure equals the expected count, and not every one is empty (a check
    that only ever compares zeros proves nothing); returns the figures."""
    seen = []
    for union in unions:
        for period in periods:
            value = figure(name, scope=Scope.all(), under=union.path, period=period, today=today).value
            want = expected(union.path, period)
            assert value == want, (name, union.name, period.key, value, want)
            seen.append(value)
    assert any(seen), (name, seen)
    return seen

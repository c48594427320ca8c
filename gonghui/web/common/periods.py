"""The reporting period a figures page is asked for (月度, 季度, 年度)."""

import datetime
from dataclasses import dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy

from gonghui.core.errors import ValidationFailed
from gonghui.core.periods import Period as CorePeriod

PERIODS = {"month": gettext_lazy("月度"), "quarter": gettext_lazy("季度"), "year": gettext_lazy("年度")}


@dataclass(frozen=True)
class Period:
    kind: str
    year: int
    number: int  # month 1-12 or quarter 1-4; 0 for a year

    @property
    def bounds(self) -> tuple[datetime.datetime, datetime.datetime]:
        tz = timezone.get_default_timezone()
        if self.kind == "year":
            first, months = 1, 12
        elif self.kind == "quarter":
            first, months = 3 * self.number - 2, 3
        else:
            first, months = self.number, 1
        start = datetime.datetime(self.year, first, 1, tzinfo=tz)
        end_month = first + months
        end = datetime.datetime(self.year + (end_month - 1) // 12, (end_month - 1) % 12 + 1, 1, tzinfo=tz)
        return start, end


def parse_period(params: Any, *, latest: datetime.date | None = None) -> Period:
    """The period asked for; unasked, the current one if anything happened in it, else the one holding
    `latest` (the day of the latest record the page counts), so a page never opens on an empty month
    while last month has figures. A malformed value falls back quietly."""
    today = timezone.localdate()
    if latest is not None and latest < today and not any(params.get(k) for k in ("year", "month", "quarter")):
        current = parse_period(params)
        if latest < current.bounds[0].date():
            today = latest
    kind = params.get("period") if params.get("period") in PERIODS else "month"

    def number(name: str, low: int, high: int, default: int) -> int:
        try:
            value = int(params.get(name, default))
        except (TypeError, ValueError):
            return default
        return value if low <= value <= high else default

    year = number("year", 2000, timezone.localdate().year + 1, today.year)
    if kind == "year":
        return Period(kind, year, 0)
    if kind == "quarter":
        return Period(kind, year, number("quarter", 1, 4, (today.month - 1) // 3 + 1))
    return Period(kind, year, number("month", 1, 12, today.month))


def metric_period(value: Any = None, end: Any = None, *, today: datetime.date | None = None) -> CorePeriod:
    """The metric period (core.periods.Period) closest to what a figures page counted: a month, quarter
    or year picked on the page as itself; a span of days as the calendar year, statistical year,
    quarter or month it exactly is, else as a range; no days at all as this calendar year."""
    if isinstance(value, CorePeriod):
        return value
    if isinstance(value, int) and end is None:  # a year the page counted by (竞赛: the year they are held)
        return CorePeriod.year(value)
    if isinstance(value, Period):
        if value.kind == "year":
            return CorePeriod.year(value.year)
        if value.kind == "quarter":
            return CorePeriod.quarter(value.year, value.number)
        return CorePeriod.month(value.year, value.number)
    today = today or timezone.localdate()
    start, last = _day(value), _day(end)
    if start is None and last is None:
        return CorePeriod.year(today.year)
    start = start or datetime.date((last or today).year, 1, 1)
    last = last or max(today, start)
    start, last = min(start, last), max(start, last)
    quarter = CorePeriod.quarter(start.year, (start.month - 1) // 3 + 1)
    for exact in (CorePeriod.year(start.year), CorePeriod.stat_year_of(start), quarter,
                  CorePeriod.month(start.year, start.month)):
        if (exact.start, exact.end) == (start, last):
            return exact
    try:
        return CorePeriod.range(start, last)
    except ValidationFailed:  # wider than any reporting period: the year it ends in
        return CorePeriod.year(last.year)


def _day(value: Any) -> datetime.date | None:
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value if isinstance(value, datetime.date) else None

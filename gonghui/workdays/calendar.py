"""Working-day arithmetic: pure functions over a calendar of statutory holidays and 调休 workdays.

A period counts from the day after receipt (民法典 第201条) and ends at the end of its last day; a
calendar-day period whose last day is not a working day ends on the next working day (第203条).
A day outside the years the calendar has data for is judged by weekends alone, and the result says
so (`needs_review`), so a case is flagged for a person to check instead of the sweep crashing.
"""

import datetime
from dataclasses import dataclass, field
from enum import StrEnum


class PeriodKind(StrEnum):
    SAME_DAY = "same_day"  # 当天办结: the end of the working day of receipt
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"


@dataclass(frozen=True)
class Period:
    kind: PeriodKind
    amount: int = 0

    def __post_init__(self) -> None:
        if self.amount < 0:
            raise ValueError("a period cannot be negative")


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[datetime.date] = frozenset()  # days off that would otherwise be workdays
    workdays: frozenset[datetime.date] = frozenset()  # 调休上班: weekend days worked
    covered_years: frozenset[int] = field(default_factory=frozenset)

    def covers(self, day: datetime.date) -> bool:
        return day.year in self.covered_years

    def is_workday(self, day: datetime.date) -> bool:
        if day in self.workdays:
            return True
        if day in self.holidays:
            return False
        return day.weekday() < 5


@dataclass(frozen=True)
class Deadline:
    due_at: datetime.datetime  # aware: the last instant of the due day, local time
    needs_review: bool  # counted over a year with no calendar data, by weekends only


def _next_workday(day: datetime.date, calendar: WorkCalendar, seen: list[datetime.date]) -> datetime.date:
    day += datetime.timedelta(days=1)
    seen.append(day)
    while not calendar.is_workday(day):
        day += datetime.timedelta(days=1)
        seen.append(day)
    return day


def compute_deadline(received_at: datetime.datetime, period: Period, calendar: WorkCalendar, *,
                     workday_end: datetime.time, tz: datetime.tzinfo) -> Deadline:
    """When a request received at `received_at` (aware) is due under `period`."""
    if received_at.tzinfo is None or received_at.utcoffset() is None:
        # astimezone() would silently take the server's zone for a naive time.
        raise ValueError("received_at must be timezone-aware")
    local = received_at.astimezone(tz)
    received = local.date()
    # The days whose status decided the answer: only those must lie in years the calendar covers.
    seen: list[datetime.date] = []
    if period.kind == PeriodKind.SAME_DAY:
        seen.append(received)
        # The working day is [start, workday_end): a call at closing time is handled the next day.
        in_hours = calendar.is_workday(received) and local.time() < workday_end
        due = received if in_hours else _next_workday(received, calendar, seen)
    elif period.kind == PeriodKind.WORKING_DAYS:
        due = received
        for _ in range(period.amount):
            due = _next_workday(due, calendar, seen)
        if period.amount == 0:
            seen.append(received)
            if not calendar.is_workday(received):
                due = _next_workday(received, calendar, seen)
    else:
        due = received + datetime.timedelta(days=period.amount)
        seen.append(due)
        if not calendar.is_workday(due):
            due = _next_workday(due, calendar, seen)
    return Deadline(due_at=datetime.datetime.combine(due, datetime.time.max, tzinfo=tz),
                    needs_review=not all(calendar.covers(d) for d in seen))

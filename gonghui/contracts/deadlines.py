"""The statutory periods of a contract, counted as the 12351 deadlines are (民法典 第201/203条): from
the day after the event, and a last day that is not a working day moves to the next working day, on
the calendar of the contract's union."""

import datetime
from dataclasses import dataclass

from django.utils import timezone

from gonghui.workdays.calendar import Period, PeriodKind, compute_deadline
from gonghui.workdays.selectors import calendar_for


@dataclass(frozen=True)
class DueDate:
    day: datetime.date  # the last day of the period
    needs_review: bool  # counted over a year the calendar has no data for


def period_end(*, org_path: str, start: datetime.date, days: int) -> DueDate:
    tz = timezone.get_default_timezone()
    noon = datetime.datetime.combine(start, datetime.time(12), tzinfo=tz)
    deadline = compute_deadline(noon, Period(PeriodKind.CALENDAR_DAYS, days), calendar_for(org_path),
                                workday_end=datetime.time(17, 30), tz=tz)
    return DueDate(deadline.due_at.date(), deadline.needs_review)

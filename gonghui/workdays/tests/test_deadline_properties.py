"""Properties of compute_deadline over any date 1990–2100, on the real calendar and on random ones."""

import datetime
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from gonghui.workdays.calendar import Period, PeriodKind, WorkCalendar, compute_deadline
from gonghui.workdays.library import library_calendar

TZ = ZoneInfo("Asia/Shanghai")
CLOSE = datetime.time(17, 30)
REAL = library_calendar()

receipts = st.datetimes(min_value=datetime.datetime(1990, 1, 1), max_value=datetime.datetime(2100, 12, 31, 23, 59),
                        timezones=st.just(TZ))
periods = st.one_of(
    st.just(Period(PeriodKind.SAME_DAY)),
    st.builds(Period, st.just(PeriodKind.WORKING_DAYS), st.integers(0, 30)),
    st.builds(Period, st.just(PeriodKind.CALENDAR_DAYS), st.integers(0, 60)),
)
days = st.dates(min_value=datetime.date(1990, 1, 1), max_value=datetime.date(2100, 12, 31))
random_calendars = st.builds(
    WorkCalendar,
    holidays=st.frozensets(days, max_size=200),
    workdays=st.frozensets(days, max_size=50),
    covered_years=st.frozensets(st.integers(1990, 2100), max_size=20),
)
calendars = st.one_of(st.just(REAL), random_calendars)


def due_day(received: datetime.datetime, period: Period, cal: WorkCalendar) -> datetime.date:
    return compute_deadline(received, period, cal, workday_end=CLOSE, tz=TZ).due_at.date()


@given(receipts, periods, calendars)
def test_the_due_day_is_always_a_working_day_of_the_calendar(received, period, cal):
    assert cal.is_workday(due_day(received, period, cal))


@given(receipts, st.timedeltas(min_value=datetime.timedelta(0), max_value=datetime.timedelta(days=40)), periods,
       calendars)
def test_a_later_receipt_is_never_due_earlier(received, later_by, period, cal):
    assert due_day(received, period, cal) <= due_day(received + later_by, period, cal)


@given(receipts, periods, calendars)
def test_any_date_gives_an_answer_on_or_after_receipt_and_says_whether_to_review(received, period, cal):
    deadline = compute_deadline(received, period, cal, workday_end=CLOSE, tz=TZ)
    assert deadline.due_at.date() >= received.date()
    assert deadline.due_at.tzinfo is TZ and deadline.due_at.time() == datetime.time.max
    if cal is REAL and not 2004 <= received.year <= 2026 and not 2004 <= deadline.due_at.year <= 2026:
        assert deadline.needs_review


@given(receipts, st.integers(1, 30))
def test_working_days_are_at_least_as_long_as_the_same_number_of_calendar_days(received, n):
    # A working-day period skips days off; it can never end before the calendar-day one.
    assert due_day(received, Period(PeriodKind.WORKING_DAYS, n), REAL) >= \
        received.date() + datetime.timedelta(days=n)

"""Deadlines on the real 2026 calendar (国务院办公厅 2025 notice, as chinesecalendar publishes it)."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from gonghui.workdays.calendar import Period, PeriodKind, WorkCalendar, compute_deadline
from gonghui.workdays.library import library_calendar

TZ = ZoneInfo("Asia/Shanghai")
CLOSE = datetime.time(18, 0)
SAME_DAY = Period(PeriodKind.SAME_DAY)
FIVE_WORKING_DAYS = Period(PeriodKind.WORKING_DAYS, 5)
FIFTEEN_DAYS = Period(PeriodKind.CALENDAR_DAYS, 15)


@pytest.fixture(scope="module")
def cal() -> WorkCalendar:
    return library_calendar()


def at(y: int, m: int, d: int, hh: int = 10, mm: int = 0) -> datetime.datetime:
    return datetime.datetime(y, m, d, hh, mm, tzinfo=TZ)


def due(received: datetime.datetime, period: Period, cal: WorkCalendar) -> datetime.date:
    deadline = compute_deadline(received, period, cal, workday_end=CLOSE, tz=TZ)
    assert not deadline.needs_review
    return deadline.due_at.date()


def test_a_same_day_case_received_after_hours_before_national_day_is_due_after_the_holiday(cal):
    deadline = compute_deadline(at(2026, 9, 30, 18), SAME_DAY, cal, workday_end=CLOSE, tz=TZ)
    assert deadline.due_at == datetime.datetime.combine(datetime.date(2026, 10, 8), datetime.time.max, tzinfo=TZ)
    assert deadline.due_at.tzinfo is TZ and not deadline.needs_review


def test_five_working_days_count_the_adjusted_saturday_after_national_day(cal):
    assert cal.is_workday(datetime.date(2026, 10, 10))  # Saturday, 调休上班
    assert due(at(2026, 9, 30, 18), FIVE_WORKING_DAYS, cal) == datetime.date(2026, 10, 13)


def test_fifteen_calendar_days_from_the_eve_of_national_day(cal):
    assert due(at(2026, 9, 30, 18), FIFTEEN_DAYS, cal) == datetime.date(2026, 10, 15)


def test_the_spring_festival_2026_holiday_and_its_two_worked_saturdays(cal):
    for n in range(15, 24):
        assert not cal.is_workday(datetime.date(2026, 2, n)), n
    assert cal.is_workday(datetime.date(2026, 2, 14)) and cal.is_workday(datetime.date(2026, 2, 28))
    assert due(at(2026, 2, 13, 20), SAME_DAY, cal) == datetime.date(2026, 2, 14)
    assert due(at(2026, 2, 13, 9), FIVE_WORKING_DAYS, cal) == datetime.date(2026, 2, 27)
    assert due(at(2026, 2, 16, 9), SAME_DAY, cal) == datetime.date(2026, 2, 24)


def test_a_same_day_case_received_on_an_adjusted_saturday_in_hours_is_due_that_day(cal):
    assert due(at(2026, 10, 10, 9, 30), SAME_DAY, cal) == datetime.date(2026, 10, 10)
    assert due(at(2026, 2, 28, 17, 59), SAME_DAY, cal) == datetime.date(2026, 2, 28)


def test_a_call_at_closing_time_belongs_to_the_next_working_day(cal):
    assert due(at(2026, 3, 4, 17, 59), SAME_DAY, cal) == datetime.date(2026, 3, 4)
    assert due(at(2026, 3, 4, 18, 0), SAME_DAY, cal) == datetime.date(2026, 3, 5)


def test_a_calendar_day_period_ending_on_a_holiday_ends_on_the_next_working_day(cal):
    # 民法典 第203条: 期间的最后一日是法定休假日的，以法定休假日结束的次日为期间的最后一日.
    assert due(at(2026, 9, 20), FIFTEEN_DAYS, cal) == datetime.date(2026, 10, 8)  # 10-05 is a holiday
    assert due(at(2026, 3, 6), FIFTEEN_DAYS, cal) == datetime.date(2026, 3, 23)  # 03-21 is a Saturday


def test_a_period_reaching_2027_is_counted_on_weekends_and_flagged(cal):
    assert 2027 not in cal.covered_years
    deadline = compute_deadline(at(2026, 12, 25), Period(PeriodKind.WORKING_DAYS, 15), cal,
                                workday_end=CLOSE, tz=TZ)
    # 2027-01-01 (a Friday) counts as a working day: nothing says otherwise yet.
    assert deadline.due_at.date() == datetime.date(2027, 1, 15)
    assert deadline.needs_review
    assert compute_deadline(at(2026, 12, 31, 20), SAME_DAY, cal, workday_end=CLOSE, tz=TZ).needs_review


def test_a_period_that_stays_inside_2026_is_not_flagged(cal):
    assert not compute_deadline(at(2026, 12, 1), FIFTEEN_DAYS, cal, workday_end=CLOSE, tz=TZ).needs_review


def test_the_receipt_time_is_read_in_the_centres_time_zone(cal):
    # 2026-09-30 09:30 UTC is 17:30 in Beijing: still in hours.
    received = datetime.datetime(2026, 9, 30, 9, 30, tzinfo=datetime.UTC)
    assert due(received, SAME_DAY, cal) == datetime.date(2026, 9, 30)


def test_a_naive_receipt_time_or_a_negative_period_is_refused(cal):
    with pytest.raises(ValueError):
        compute_deadline(datetime.datetime(2026, 9, 30, 10), SAME_DAY, cal, workday_end=CLOSE, tz=TZ)
    with pytest.raises(ValueError):
        Period(PeriodKind.WORKING_DAYS, -1)

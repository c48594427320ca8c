"""What the chinesecalendar library knows: statutory holidays and 调休 workdays as published each year
by the General Office of the State Council, read once as seed data for our own holiday table.

Only this module imports the library, so the seeding service and the data migration read it alike.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

import chinese_calendar
from chinese_calendar import constants

if TYPE_CHECKING:
    from gonghui.workdays.calendar import WorkCalendar

HOLIDAY = "holiday"
ADJUSTED_WORKDAY = "adjusted_workday"


@dataclass(frozen=True)
class LibraryDay:
    day: datetime.date
    kind: str  # HOLIDAY or ADJUSTED_WORKDAY, the values of models.HolidayKind
    name: str  # the festival in Chinese, e.g. 国庆节


def _chinese_name(day: datetime.date) -> str:
    _on_holiday, english = chinese_calendar.get_holiday_detail(day)
    if not english:
        return ""
    try:
        return str(constants.Holiday(english).chinese)
    except ValueError:  # a name the enum does not list: keep the library's own words
        return str(english)


@lru_cache(maxsize=1)
def library_years() -> frozenset[int]:
    """Years the library has published data for (it raises for any other year)."""
    return frozenset(day.year for day in constants.holidays)


def library_days(years: frozenset[int] | None = None) -> list[LibraryDay]:
    wanted = library_years() if years is None else library_years() & years
    days = [LibraryDay(d, HOLIDAY, _chinese_name(d)) for d in constants.holidays if d.year in wanted]
    # A 调休 workday has no festival of its own; get_holiday_detail names the one it makes up for.
    days += [LibraryDay(d, ADJUSTED_WORKDAY, _chinese_name(d)) for d in constants.workdays if d.year in wanted]
    return sorted(days, key=lambda d: d.day)


def library_calendar() -> "WorkCalendar":
    """The library's calendar as it stands, with no entries of ours: for tests and comparisons."""
    from gonghui.workdays.calendar import WorkCalendar

    days = library_days()
    return WorkCalendar(holidays=frozenset(d.day for d in days if d.kind == HOLIDAY),
                        workdays=frozenset(d.day for d in days if d.kind == ADJUSTED_WORKDAY),
                        covered_years=library_years())

"""Reporting periods: a calendar year, the statistical year (1 October – 30 September), a quarter, a
month, or any range of days, each with a stable key for URLs, stored figures and the API.

Keys: "2026" (calendar year), "SY2026" (统计年度 2026: 1 October 2025 – 30 September 2026, named by
the year it ends in, as the 统计年报 is), "2026Q1", "2026-03", "2026-01-01~2026-02-15" (both days
included). A period compares with the one before it (环比) and the same period a year earlier (同比).
"""

import calendar
import datetime
import re
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg

# The statistical year's first month: 统计年度 N runs from 1 October N-1 to 30 September N.
STAT_YEAR_START_MONTH = 10
# A range wider than this is no reporting period anyone asks for; refusing it bounds every query.
MAX_RANGE_DAYS = 366 * 10


class Grain(StrEnum):
    YEAR = "year"
    STAT_YEAR = "stat_year"
    QUARTER = "quarter"
    MONTH = "month"
    RANGE = "range"


GRAIN_LABELS = {Grain.YEAR: _("年度"), Grain.STAT_YEAR: _("统计年度"), Grain.QUARTER: _("季度"),
                Grain.MONTH: _("月度"), Grain.RANGE: _("自定义区间")}

_YEAR = re.compile(r"^(\d{4})$")
_STAT_YEAR = re.compile(r"^SY(\d{4})$")
_QUARTER = re.compile(r"^(\d{4})Q([1-4])$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_RANGE = re.compile(r"^(\d{4}-\d{2}-\d{2})~(\d{4}-\d{2}-\d{2})$")


def _refuse(key: Any) -> ValidationFailed:
    return ValidationFailed(msg(_("统计期间“%(key)s”无法识别：应为 2026、SY2026（统计年度）、2026Q1、2026-03 "
                                  "或 2026-01-01~2026-03-31。"),
                                {"key": str(key)[:40]}), field="period")


@dataclass(frozen=True, order=True)
class Period:
    start: datetime.date  # first day, included
    end: datetime.date  # last day, included
    grain: Grain

    # --- making one -------------------------------------------------------------------------

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(datetime.date(year, 1, 1), datetime.date(year, 12, 31), Grain.YEAR)

    @classmethod
    def stat_year(cls, year: int) -> "Period":
        first = datetime.date(year - 1, STAT_YEAR_START_MONTH, 1)
        return cls(first, datetime.date(year, STAT_YEAR_START_MONTH, 1) - datetime.timedelta(days=1), Grain.STAT_YEAR)

    @classmethod
    def quarter(cls, year: int, q: int) -> "Period":
        first = 3 * (q - 1) + 1
        return cls(datetime.date(year, first, 1), _month_end(year, first + 2), Grain.QUARTER)

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        return cls(datetime.date(year, month, 1), _month_end(year, month), Grain.MONTH)

    @classmethod
    def range(cls, start: datetime.date, end: datetime.date) -> "Period":
        if end < start:
            raise ValidationFailed(_("统计期间的结束日期早于开始日期。"),
                                   field="period")
        if (end - start).days > MAX_RANGE_DAYS:
            raise ValidationFailed(_("统计期间不能超过十年。"), field="period")
        return cls(start, end, Grain.RANGE)

    @classmethod
    def stat_year_of(cls, day: datetime.date) -> "Period":
        """The statistical year a day falls in (1 October starts the next one)."""
        return cls.stat_year(day.year + 1 if day.month >= STAT_YEAR_START_MONTH else day.year)

    @classmethod
    def parse(cls, key: Any) -> "Period":
        text = str(key or "").strip()
        try:
            if m := _YEAR.match(text):
                return cls.year(_year(m[1]))
            if m := _STAT_YEAR.match(text):
                return cls.stat_year(_year(m[1]))
            if m := _QUARTER.match(text):
                return cls.quarter(_year(m[1]), int(m[2]))
            if m := _MONTH.match(text):
                if not 1 <= int(m[2]) <= 12:
                    raise _refuse(text)
                return cls.month(_year(m[1]), int(m[2]))
            if m := _RANGE.match(text):
                return cls.range(datetime.date.fromisoformat(m[1]), datetime.date.fromisoformat(m[2]))
        except ValueError:
            raise _refuse(text) from None
        raise _refuse(text)

    # --- reading one ------------------------------------------------------------------------

    @property
    def key(self) -> str:
        if self.grain == Grain.YEAR:
            return f"{self.start.year}"
        if self.grain == Grain.STAT_YEAR:
            return f"SY{self.end.year}"
        if self.grain == Grain.QUARTER:
            return f"{self.start.year}Q{(self.start.month - 1) // 3 + 1}"
        if self.grain == Grain.MONTH:
            return f"{self.start.year}-{self.start.month:02d}"
        return f"{self.start.isoformat()}~{self.end.isoformat()}"

    @property
    def label(self) -> Any:
        if self.grain == Grain.YEAR:
            return msg(_("%(year)s年"), {"year": self.start.year})
        if self.grain == Grain.STAT_YEAR:
            return msg(_("%(year)s统计年度（%(start)s至%(end)s）"),
                       {"year": self.end.year, "start": self.start.isoformat(), "end": self.end.isoformat()})
        if self.grain == Grain.QUARTER:
            return msg(_("%(year)s年第%(q)s季度"), {"year": self.start.year, "q": (self.start.month - 1) // 3 + 1})
        if self.grain == Grain.MONTH:
            return msg(_("%(year)s年%(month)s月"), {"year": self.start.year, "month": self.start.month})
        return msg(_("%(start)s至%(end)s"), {"start": self.start.isoformat(), "end": self.end.isoformat()})

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def moments(self) -> tuple[datetime.datetime, datetime.datetime]:
        """The period as a half-open span of local time [first midnight, midnight after the last day):
        what a metric whose rows carry a moment (受理时间, 发放时间) filters on."""
        tz = timezone.get_current_timezone()
        return (datetime.datetime.combine(self.start, datetime.time.min, tz),
                datetime.datetime.combine(self.end + datetime.timedelta(days=1), datetime.time.min, tz))

    def until(self, today: datetime.date) -> "Period":
        """The part of the period up to today: a stock is read on its last day or today, whichever
        comes first (a contract ending in December is still in force in the year read in June)."""
        return self if self.end <= today else Period(self.start, max(today, self.start), self.grain)

    def contains(self, day: datetime.date) -> bool:
        return self.start <= day <= self.end

    def has_begun(self, today: datetime.date) -> bool:
        """A period that has not begun has no figures yet: missing, not zero."""
        return self.start <= today

    def is_complete(self, today: datetime.date) -> bool:
        return self.end < today

    # --- comparing --------------------------------------------------------------------------

    def previous(self) -> "Period":
        """The period just before this one, of the same kind (环比)."""
        if self.grain == Grain.YEAR:
            return Period.year(self.start.year - 1)
        if self.grain == Grain.STAT_YEAR:
            return Period.stat_year(self.end.year - 1)
        if self.grain == Grain.QUARTER:
            before = self.start - datetime.timedelta(days=1)
            return Period.quarter(before.year, (before.month - 1) // 3 + 1)
        if self.grain == Grain.MONTH:
            before = self.start - datetime.timedelta(days=1)
            return Period.month(before.year, before.month)
        length = datetime.timedelta(days=self.days)
        return Period(self.start - length, self.end - length, Grain.RANGE)

    def year_ago(self) -> "Period":
        """The same period one year earlier (同比); in a range, 29 February falls back to the 28th."""
        if self.grain == Grain.YEAR:
            return Period.year(self.start.year - 1)
        if self.grain == Grain.STAT_YEAR:
            return Period.stat_year(self.end.year - 1)
        if self.grain == Grain.QUARTER:
            return Period.quarter(self.start.year - 1, (self.start.month - 1) // 3 + 1)
        if self.grain == Grain.MONTH:
            return Period.month(self.start.year - 1, self.start.month)
        return Period(_shift_year(self.start, -1), _shift_year(self.end, -1), Grain.RANGE)


def _year(text: str) -> int:
    year = int(text)
    if not 1949 <= year <= 2200:
        raise ValueError(year)
    return year


def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def _shift_year(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)

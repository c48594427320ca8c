"""Opening hours: parsing what people type, refusing spans that end before they start or overlap, and
"open now" at a given moment in Asia/Shanghai, exceptions first.

A span is (weekday, opens, closes) in minutes from that weekday's midnight. A night span says it runs
into the next day: 22:00–次日06:00 is (1320, 1800). 24 h is 00:00–24:00. Overlap is judged on the week
as a circle, so Sunday's 22:00–次日06:00 collides with Monday's 05:00–09:00.
"""

import datetime
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.positions.choices import WEEKDAYS

LOCAL = ZoneInfo("Asia/Shanghai")
DAY = 1440
WEEK = 7 * DAY
# The hours are typed, and shown back for editing, in the page's language: Chinese or English words
# for the days and for 次日 both read.
_TIME = re.compile(r"^\s*(次日|next\s*day)?\s*(\d{1,2})[:：](\d{2})\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Span:
    weekday: int
    opens: int
    closes: int


@dataclass(frozen=True)
class DayException:
    day: datetime.date
    closed: bool
    opens: int | None = None
    closes: int | None = None


def parse_time(text: Any, *, field: str, end: bool = False) -> int:
    """'08:30' → 510; an end may be '24:00' or '次日06:00' (→ 1800)."""
    m = _TIME.match(str(text or "").replace("：", ":"))
    if not m:
        raise ValidationFailed(msg(_("时间“%(text)s”无法识别，请写作 08:30 或 次日06:00。"), {"text": text}),
                               field=field, code="bad_time")
    next_day, hour, minute = bool(m.group(1)), int(m.group(2)), int(m.group(3))
    if minute > 59 or hour > 24 or (hour == 24 and minute) or (hour == 24 and next_day):
        raise ValidationFailed(msg(_("时间“%(text)s”无效。"), {"text": text}), field=field, code="bad_time")
    if next_day and not end:
        raise ValidationFailed(_("开始时间不能是次日。"), field=field, code="bad_time")
    return hour * 60 + minute + (DAY if next_day else 0)


def format_minutes(value: int) -> str:
    prefix = str(_("次日")) if value > DAY else ""
    value = value - DAY if value > DAY else value
    return f"{prefix}{value // 60:02d}:{value % 60:02d}"


def weekday_label(weekday: int) -> str:
    return str(WEEKDAYS[weekday])


def check_spans(spans: Iterable[Span], *, field: str = "hours") -> list[Span]:
    """Refuse a span that ends before it starts, lasts more than a day, or overlaps another."""
    rows = sorted(spans, key=lambda s: (s.weekday, s.opens))
    for s in rows:
        words = {"day": weekday_label(s.weekday) if 0 <= s.weekday <= 6 else s.weekday,
                 "opens": format_minutes(s.opens), "closes": format_minutes(s.closes)}
        if not 0 <= s.weekday <= 6 or not 0 <= s.opens < DAY:
            raise ValidationFailed(msg(_("%(day)s的开放时间无效。"), words), field=field, code="bad_time")
        if s.closes <= s.opens:
            raise ValidationFailed(msg(_("%(day)s %(opens)s–%(closes)s：结束时间须晚于开始时间；"
                                         "跨夜请写作“次日06:00”。"), words), field=field, code="ends_before_start")
        if s.closes - s.opens > DAY:
            raise ValidationFailed(msg(_("%(day)s %(opens)s–%(closes)s：一段开放时间不能超过24小时。"), words),
                                   field=field, code="too_long")
    # On the week as a circle: each span from (weekday*1440 + opens) for (closes − opens) minutes.
    marks = sorted((s.weekday * DAY + s.opens, s.weekday * DAY + s.closes, s) for s in rows)
    for i, (_start, stop, span) in enumerate(marks):
        nxt_start, _stop, nxt = marks[(i + 1) % len(marks)]
        if i + 1 == len(marks):
            nxt_start += WEEK
        if len(marks) > 1 and stop > nxt_start:
            raise ValidationFailed(msg(_("%(day)s %(opens)s–%(closes)s 与 %(other_day)s %(other)s 的开放时间重叠。"), {
                "day": weekday_label(span.weekday), "opens": format_minutes(span.opens),
                "closes": format_minutes(span.closes), "other_day": weekday_label(nxt.weekday),
                "other": f"{format_minutes(nxt.opens)}–{format_minutes(nxt.closes)}"}), field=field, code="overlap")
    return rows


def check_exception(row: DayException, *, field: str = "exception") -> DayException:
    if row.closed:
        return DayException(row.day, True)
    if row.opens is None or row.closes is None or not 0 <= row.opens < row.closes <= DAY:
        raise ValidationFailed(msg(_("%(day)s 的特殊开放时间须在当天之内，且结束晚于开始。"),
                                   {"day": row.day.isoformat()}), field=field, code="ends_before_start")
    return row


def open_at(spans: Iterable[Span], exceptions: Mapping[datetime.date, DayException], at: datetime.datetime) -> bool:
    """Whether a position is open at `at` (aware; read in Asia/Shanghai). A dated exception replaces its
    date's weekly spans; yesterday's night span still runs into today unless yesterday was an exception."""
    local = at.astimezone(LOCAL)
    today, minute = local.date(), local.hour * 60 + local.minute
    yesterday = today - datetime.timedelta(days=1)
    spans = list(spans)
    if yesterday not in exceptions and any(
            s.weekday == yesterday.weekday() and s.closes > DAY and minute < s.closes - DAY for s in spans):
        return True
    special = exceptions.get(today)
    if special is not None:
        return not special.closed and special.opens is not None and special.closes is not None and (
            special.opens <= minute < special.closes)
    return any(s.weekday == today.weekday() and s.opens <= minute < s.closes for s in spans)


def week_text(spans: Iterable[Span]) -> list[tuple[str, str]]:
    """Each weekday with its spans as shown (周一, 08:00–12:00、14:00–18:00), 休息 when none."""
    by_day: dict[int, list[str]] = {d: [] for d in range(7)}
    for s in sorted(spans, key=lambda s: (s.weekday, s.opens)):
        text = str(_("全天")) if (s.opens, s.closes) == (0, DAY) else \
            f"{format_minutes(s.opens)}–{format_minutes(s.closes)}"
        by_day[s.weekday].append(text)
    return [(weekday_label(d), "、".join(v) if v else str(_("休息"))) for d, v in by_day.items()]


_DAY_NAMES = {"一": 0, "二": 1, "三": 2, "四": 3, "五": 4, "六": 5, "日": 6, "天": 6, "七": 6,
              "mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_ONE_DAY = (r"(?:(?:周|星期)([一二三四五六日天七])|(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?)")
_DAYS = re.compile(rf"^(?:每天|每日|全周|daily|every\s*day|{_ONE_DAY}"
                   rf"(?:\s*(?:至|到|-|~|－|to)\s*(?:周|星期)?"
                   r"(?:([一二三四五六日天七])|(mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?))?)$", re.IGNORECASE)
# Where the days end and the times begin on a line: the first digit or a next-day word.
_TIMES_START = re.compile(r"\s+(?=\d|次日|next\s*day)", re.IGNORECASE)


def _days(text: str, line: int) -> list[int]:
    out: list[int] = []
    for part in re.split(r"[、,，/]", text):
        m = _DAYS.match(part.strip())
        if not m:
            raise ValidationFailed(msg(_("第%(n)s行：“%(text)s”不是星期，请写作 周一至周五、周六 或 每天。"),
                                       {"n": line, "text": part.strip()}), field="hours", code="bad_day")
        first_word, last_word = m.group(1) or m.group(2), m.group(3) or m.group(4)
        if first_word is None:
            return list(range(7))
        first = _DAY_NAMES[first_word.lower()]
        last = _DAY_NAMES[last_word.lower()] if last_word else first
        out.extend(range(first, last + 1) if last >= first else [*range(first, 7), *range(0, last + 1)])
    return out


def parse_week_text(text: str) -> list[Span]:
    """One line per group of days: "周一至周五 08:00-12:00, 14:00-18:00", "周六 22:00-次日06:00",
    "每天 00:00-24:00". Blank lines are skipped; the result is checked (check_spans)."""
    spans: list[Span] = []
    for n, raw in enumerate(str(text or "").splitlines(), start=1):
        line = raw.strip().replace("：", ":").replace("—", "-").replace("–", "-").replace("～", "-").replace("~", "-")
        if not line:
            continue
        head, rest = [*_TIMES_START.split(line, maxsplit=1), ""][:2]
        if not rest.strip():
            raise ValidationFailed(msg(_("第%(n)s行：请写星期和时间，例如“周一至周五 08:00-18:00”。"), {"n": n}),
                                   field="hours", code="bad_line")
        days = _days(head, n)
        for piece in re.split(r"[,，、;；]\s*", rest.strip()):
            start, sep, end = piece.strip().partition("-")
            if not sep:
                raise ValidationFailed(msg(_("第%(n)s行：时间段“%(text)s”请写作 08:00-18:00。"),
                                           {"n": n, "text": piece}), field="hours", code="bad_line")
            opens, closes = parse_time(start, field="hours"), parse_time(end, field="hours", end=True)
            spans.extend(Span(d, opens, closes) for d in days)
    return check_spans(spans)


def spans_text(spans: Iterable[Span]) -> str:
    """The weekly hours as parse_week_text reads them back (one line per weekday)."""
    by_day: dict[int, list[str]] = {}
    for s in sorted(spans, key=lambda s: (s.weekday, s.opens)):
        by_day.setdefault(s.weekday, []).append(f"{format_minutes(s.opens)}-{format_minutes(s.closes)}")
    return "\n".join(f"{weekday_label(d)} {', '.join(v)}" for d, v in by_day.items())

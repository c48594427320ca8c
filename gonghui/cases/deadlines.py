"""The stored 办结时限: which policy applies to a union, on which calendar, and when a case falls due.

The holiday table behind `gonghui.workdays.selectors.calendar_for` may be absent (an older
deployment, or a test database without it); the statutory calendar of the chinesecalendar package
is then used, which is what that table is seeded from anyway.
"""

import datetime
from dataclasses import dataclass
from functools import lru_cache

from django.utils import timezone

from gonghui.cases.choices import Difficulty
from gonghui.cases.sla_models import DEFAULT_WORKDAY_END, SlaPolicy
from gonghui.orgs import tree
from gonghui.workdays.calendar import Deadline, Period, PeriodKind, WorkCalendar, compute_deadline


@dataclass(frozen=True)
class SlaRule:
    period: Period
    workday_end: datetime.time
    source_path: str  # the node whose setting applies; "" for the national default


# 一般问题当天办结, 难点问题5个工作日办完, 特别复杂问题15天内研究解决.
DEFAULT_RULES = {
    Difficulty.ORDINARY: SlaRule(Period(PeriodKind.SAME_DAY), DEFAULT_WORKDAY_END, ""),
    Difficulty.HARD: SlaRule(Period(PeriodKind.WORKING_DAYS, 5), DEFAULT_WORKDAY_END, ""),
    Difficulty.COMPLEX: SlaRule(Period(PeriodKind.CALENDAR_DAYS, 15), DEFAULT_WORKDAY_END, ""),
}


def sla_rule_for(org_path: str, difficulty: str) -> SlaRule:
    """The deepest setting on the path from the root to `org_path`, else the national default."""
    paths = [*tree.ancestor_paths(org_path), org_path]
    policy = (SlaPolicy.objects.filter(org_path__in=paths, difficulty=difficulty)
              .order_by("-org_path")  # a longer path is a deeper node
              .values_list("period_kind", "amount", "workday_end", "org_path").first())
    if policy is None:
        return DEFAULT_RULES[Difficulty(difficulty)]
    period_kind, amount, workday_end, source_path = policy
    return SlaRule(Period(PeriodKind(period_kind), amount), workday_end, source_path)


@lru_cache(maxsize=1)
def statutory_calendar() -> WorkCalendar:
    import chinese_calendar

    holidays = frozenset(chinese_calendar.holidays)
    workdays = frozenset(chinese_calendar.workdays)
    return WorkCalendar(holidays=holidays, workdays=workdays,
                        covered_years=frozenset(d.year for d in holidays | workdays))


def calendar_for_union(org_path: str) -> WorkCalendar:
    try:
        from gonghui.workdays.selectors import calendar_for  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        return statutory_calendar()
    return calendar_for(org_path)  # type: ignore[no-any-return,unused-ignore]


def deadline_for(*, org_path: str, difficulty: str, counted_from: datetime.datetime) -> Deadline:
    rule = sla_rule_for(org_path, difficulty)
    return compute_deadline(counted_from, rule.period, calendar_for_union(org_path), workday_end=rule.workday_end,
                            tz=timezone.get_default_timezone())

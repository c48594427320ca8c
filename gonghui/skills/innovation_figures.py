"""The innovation figures, each defined once; every page, panel, export and endpoint showing one uses these.

A figure of a period counts what happened in it, by the stage date, so that months add up to the year:
- 提出 (submitted): suggestions whose 提出日期 falls in the period.
- 采纳 (adopted): suggestions adopted (评审日期) in the period, whether or not implemented since; a
  suggestion turned down is never adopted.
- 实施 (implemented): suggestions whose 实施日期 falls in the period.
- 创效 (benefit, 万元): the benefit of the suggestions whose benefit was assessed (核定日期) in the
  period; a re-assessment moves the figure to the period of the latest assessment.
- 奖励 (rewards, 元): rewards paid in the period. 专利: patents granted in the period.
- 采纳率, 实施率: adopted and implemented over submitted of the same period, in percent to one
  decimal; missing (None) when nothing was submitted, never 0 (DOMAIN §6).
Studios are counted as they stand on the period's last day (named by then, not revoked by then);
their results by year. 师带徒: signed and 出师 in the period, in force on its last day. Training:
courses that ended in the period, with their 人次 and skill levels reached.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from gonghui.core.money import yuan
from gonghui.orgs.scope import Scope
from gonghui.skills.innovation_choices import ApprenticeshipStatus, SuggestionStatus
from gonghui.skills.models import (
    Apprenticeship,
    InnovationStudio,
    Patent,
    StudioResult,
    Suggestion,
    SuggestionReward,
    TrainingCourse,
    TrainingLevelCount,
)

ADOPTED = (SuggestionStatus.ADOPTED, SuggestionStatus.IMPLEMENTED)
ZERO = Decimal(0)


def wan(value: Any) -> str:
    """A figure already in 万元 written for people: 1234.5 → "1,234.50"; missing is "—" (the unit is the page's)."""
    return yuan(value)


def rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def submitted_in(rows: "QuerySet[Suggestion]", start: datetime.date, end: datetime.date) -> "QuerySet[Suggestion]":
    return rows.filter(submitted_on__gte=start, submitted_on__lte=end)


def adopted_in(rows: "QuerySet[Suggestion]", start: datetime.date, end: datetime.date) -> "QuerySet[Suggestion]":
    return rows.filter(status__in=ADOPTED, decided_on__gte=start, decided_on__lte=end)


def implemented_in(rows: "QuerySet[Suggestion]", start: datetime.date, end: datetime.date) -> "QuerySet[Suggestion]":
    return rows.filter(implemented_on__gte=start, implemented_on__lte=end)


def benefit_assessed_in(rows: "QuerySet[Suggestion]", start: datetime.date, end: datetime.date
                        ) -> "QuerySet[Suggestion]":
    return rows.filter(benefit__isnull=False, benefit_assessed_on__gte=start, benefit_assessed_on__lte=end)


def _window(prefix: str, start: datetime.date, end: datetime.date) -> Q:
    return Q(**{f"{prefix}__gte": start, f"{prefix}__lte": end})


@dataclass(frozen=True)
class SuggestionCounts:
    submitted: int = 0
    adopted: int = 0
    implemented: int = 0
    benefit: Decimal = ZERO  # 万元

    @property
    def adoption_rate(self) -> Decimal | None:
        return rate(self.adopted, self.submitted)

    @property
    def implementation_rate(self) -> Decimal | None:
        return rate(self.implemented, self.submitted)


@dataclass(frozen=True)
class SuggestionFigures:
    total: SuggestionCounts
    by_kind: dict[str, SuggestionCounts]
    rewards: Decimal  # 元
    patents: int


def suggestion_figures(*, scope: Scope, start: datetime.date, end: datetime.date) -> SuggestionFigures:
    """提出, 采纳, 实施, 创效 in the subtree, in total and per kind, in one query (plus rewards and patents)."""
    rows = Suggestion.objects.visible_to(scope).order_by()
    adopted = Q(status__in=ADOPTED) & _window("decided_on", start, end)
    assessed = Q(benefit__isnull=False) & _window("benefit_assessed_on", start, end)
    per_kind = (rows.filter(_window("submitted_on", start, end) | adopted | _window("implemented_on", start, end)
                            | assessed)
                .values("kind")
                .annotate(s=Count("pk", filter=_window("submitted_on", start, end)), a=Count("pk", filter=adopted),
                          i=Count("pk", filter=_window("implemented_on", start, end)),
                          b=Sum("benefit", filter=assessed)))
    by_kind = {r["kind"]: SuggestionCounts(r["s"], r["a"], r["i"], r["b"] or ZERO) for r in per_kind}
    total = SuggestionCounts(sum(c.submitted for c in by_kind.values()), sum(c.adopted for c in by_kind.values()),
                             sum(c.implemented for c in by_kind.values()), sum((c.benefit for c in by_kind.values()),
                                                                               ZERO))
    rewards = SuggestionReward.objects.visible_to(scope).filter(_window("paid_on", start, end)).aggregate(
        s=Sum("amount"))["s"] or ZERO
    patents = Patent.objects.visible_to(scope).filter(_window("granted_on", start, end)).count()
    return SuggestionFigures(total=total, by_kind=by_kind, rewards=rewards, patents=patents)


@dataclass(frozen=True)
class StudioFigures:
    standing: int  # named by the end, not revoked by then
    by_level: dict[str, int] = field(default_factory=dict)
    by_kind: dict[str, int] = field(default_factory=dict)
    results: int = 0  # results of the period's years
    results_benefit: Decimal = ZERO  # 万元
    patents: int = 0  # studios' patents granted in the period


def studio_figures(*, scope: Scope, start: datetime.date, end: datetime.date) -> StudioFigures:
    standing = (InnovationStudio.objects.visible_to(scope).order_by().filter(named_on__lte=end)
                .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=end)))
    by_level = dict(standing.values_list("level").annotate(n=Count("pk")))
    by_kind = dict(standing.values_list("kind").annotate(n=Count("pk")))
    results = StudioResult.objects.visible_to(scope).filter(year__gte=start.year, year__lte=end.year).aggregate(
        n=Count("pk"), b=Sum("benefit"))
    patents = Patent.objects.visible_to(scope).filter(studio__isnull=False).filter(
        _window("granted_on", start, end)).count()
    return StudioFigures(standing=sum(by_level.values()), by_level=by_level, by_kind=by_kind, results=results["n"],
                         results_benefit=results["b"] or ZERO, patents=patents)


@dataclass(frozen=True)
class ApprenticeshipFigures:
    signed: int
    graduated: int
    in_force: int  # signed by the end, neither graduated nor terminated by then
    by_outcome: dict[str, int]  # 出师 in the period, per skill level reached
    allowance: Decimal  # 元, of the agreements signed in the period


def apprenticeship_figures(*, scope: Scope, start: datetime.date, end: datetime.date) -> ApprenticeshipFigures:
    rows = Apprenticeship.objects.visible_to(scope).order_by()
    counts = rows.aggregate(
        signed=Count("pk", filter=_window("agreed_on", start, end)),
        graduated=Count("pk", filter=_window("graduated_on", start, end)),
        in_force=Count("pk", filter=Q(agreed_on__lte=end) & (Q(graduated_on__isnull=True) | Q(graduated_on__gt=end))
                       & (Q(terminated_on__isnull=True) | Q(terminated_on__gt=end))),
        allowance=Sum("allowance", filter=_window("agreed_on", start, end)))
    by_outcome = dict(rows.filter(status=ApprenticeshipStatus.GRADUATED).filter(_window("graduated_on", start, end))
                      .values_list("outcome_level").annotate(n=Count("pk")))
    return ApprenticeshipFigures(signed=counts["signed"], graduated=counts["graduated"], in_force=counts["in_force"],
                                 by_outcome=by_outcome, allowance=counts["allowance"] or ZERO)


@dataclass(frozen=True)
class TrainingFigures:
    courses: int
    trainees: int  # 人次
    by_kind: dict[str, int]  # 人次 per course kind
    by_level: dict[str, int]  # trainees who reached each skill level

    @property
    def certified(self) -> int:
        return sum(self.by_level.values())


def training_figures(*, scope: Scope, start: datetime.date, end: datetime.date) -> TrainingFigures:
    courses = TrainingCourse.objects.visible_to(scope).order_by().filter(_window("ends_on", start, end))
    totals = courses.aggregate(n=Count("pk"), t=Sum("trainees"))
    by_kind = dict(courses.values_list("kind").annotate(t=Sum("trainees")))
    by_level = dict(TrainingLevelCount.objects.filter(course__in=courses.values("pk")).order_by()
                    .values_list("level").annotate(n=Sum("count")))
    return TrainingFigures(courses=totals["n"], trainees=totals["t"] or 0, by_kind=by_kind, by_level=by_level)


@dataclass(frozen=True)
class InnovationFigures:
    suggestions: SuggestionFigures
    studios: StudioFigures
    apprenticeships: ApprenticeshipFigures
    training: TrainingFigures


def innovation_figures(*, scope: Scope, start: datetime.date, end: datetime.date) -> InnovationFigures:
    """`start`..`end` inclusive, over the scope's subtrees."""
    return InnovationFigures(suggestions=suggestion_figures(scope=scope, start=start, end=end),
                             studios=studio_figures(scope=scope, start=start, end=end),
                             apprenticeships=apprenticeship_figures(scope=scope, start=start, end=end),
                             training=training_figures(scope=scope, start=start, end=end))


def year_bounds(year: int) -> tuple[datetime.date, datetime.date]:
    return datetime.date(year, 1, 1), datetime.date(year, 12, 31)

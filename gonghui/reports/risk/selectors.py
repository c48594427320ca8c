"""Reads of the radar, each under a required scope: the ranked list of a subtree (keyset-paged on
(score, employer), never OFFSET), one employer's score, the alerts, the rules in force."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from gonghui.core.errors import NotFound
from gonghui.orgs.choices import Industry, Level
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q
from gonghui.reports.risk.choices import AlertStatus, Component
from gonghui.reports.risk_models import EmployerRiskScore, RiskAlert

PAGE = 50


@dataclass(frozen=True)
class RadarFilters:
    union: TradeUnion | None = None  # a county (or any union) in scope: its subtree only
    industry: str = ""
    min_score: int = 0
    component: str = ""  # only employers where this component scored
    # Employers with nothing against them (score 0) are most of a province; the list leaves them out
    # unless the cadre asks for every employer.
    everyone: bool = False


@dataclass(frozen=True)
class RadarPage:
    rows: list[EmployerRiskScore]
    next_after: str  # "score.employer" of the last row when there is more, else ""
    first: bool


def parse_after(text: str) -> tuple[int, int] | None:
    """A cursor as the page wrote it; anything else reads as the first page."""
    score, _dot, pk = (text or "").partition(".")
    if score.isdigit() and pk.isdigit() and len(score) < 10 and len(pk) < 19:
        return int(score), int(pk)
    return None


def radar_scores(*, scope: Scope, filters: RadarFilters) -> QuerySet[EmployerRiskScore]:
    qs = EmployerRiskScore.objects.visible_to(scope).select_related("employer__union")
    if filters.union is not None:
        qs = qs.filter(subtree_q("org_path", filters.union.path))
    if filters.industry in Industry.values:
        qs = qs.filter(employer__industry=filters.industry)
    if filters.min_score > 0:
        qs = qs.filter(score__gte=filters.min_score)
    elif not filters.everyone:
        qs = qs.filter(score__gt=0)
    if filters.component in Component.values:
        qs = qs.filter(**{f"components__{filters.component}__points__gt": 0})
    return qs.order_by("-score", "employer_id")


def radar_page(*, scope: Scope, filters: RadarFilters, after: str = "", size: int = PAGE) -> RadarPage:
    qs = radar_scores(scope=scope, filters=filters)
    cursor = parse_after(after)
    if cursor is not None:
        score, pk = cursor
        qs = qs.filter(Q(score__lt=score) | Q(score=score, employer_id__gt=pk))
    rows = list(qs[:size + 1])
    more = len(rows) > size
    rows = rows[:size]
    return RadarPage(rows, f"{rows[-1].score}.{rows[-1].employer_id}" if more else "", cursor is None)


def radar_union(*, scope: Scope, pk: Any) -> TradeUnion | None:
    """The subtree filter's union; one the viewer does not see is NotFound, as any unseen row."""
    if pk in (None, ""):
        return None
    return get_visible(TradeUnion.objects.all(), scope, pk=pk)


def employer_score(*, scope: Scope, employer: Employer) -> EmployerRiskScore | None:
    if not scope.allows(employer.org_path):
        raise NotFound()
    return EmployerRiskScore.objects.filter(employer=employer).first()


def alert_list(*, scope: Scope, status: str = "") -> QuerySet[RiskAlert]:
    qs = RiskAlert.objects.visible_to(scope).select_related("employer", "union")
    if status in AlertStatus.values:
        qs = qs.filter(status=status)
    return qs.order_by("-raised_at", "-pk")


def alert_get(*, scope: Scope, pk: Any) -> RiskAlert:
    return get_visible(RiskAlert.objects.select_related("employer", "union"), scope, pk=pk)


def open_alert_count(*, scope: Scope) -> int:
    return RiskAlert.objects.visible_to(scope).filter(status=AlertStatus.OPEN).count()


def last_computed(*, scope: Scope) -> Any:
    """数据截至: the time of the refresh that wrote the scores shown."""
    # Every refresh rewrites every row with its own time, so any row tells it (no scan for the latest).
    return EmployerRiskScore.objects.visible_to(scope).order_by().values_list("computed_at", flat=True).first()


def radar_filters(*, scope: Scope, params: Any) -> RadarFilters:
    """The list's filters from a query string (the page, its export, the API): a value the form
    would not offer is left out, a union the viewer does not see is NotFound."""
    industry = str(params.get("industry", "") or "")
    component = str(params.get("component", "") or "")
    raw = str(params.get("min_score", "") or "").strip()
    return RadarFilters(union=radar_union(scope=scope, pk=params.get("union") or None),
                        industry=industry if industry in Industry.values else "",
                        min_score=int(raw) if raw.isdigit() and len(raw) < 7 else 0,
                        component=component if component in Component.values else "",
                        everyone=str(params.get("all", "") or "").lower() in ("1", "true", "on"))


def radar_unions(*, scope: Scope, limit: int = 300) -> list[TradeUnion]:
    """The subtree filter's choices: the county-level (and higher) unions the viewer sees."""
    return list(TradeUnion.objects.visible_to(scope).filter(level__lte=Level.COUNTY).order_by("path")[:limit])

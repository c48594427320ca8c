"""Competition figures for a subtree and a year, and the to-do counts of a cadre.

A competition counts in a year when its period overlaps the year and it was approved (立项);
awards count once the competition's results are final. Each figure is one grouped query.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.core.counting import count_each
from gonghui.core.errors import NotFound
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, subtree_q
from gonghui.skills.competition_choices import COUNTED, CompetitionKind, CompetitionStatus, PrizeGrade
from gonghui.skills.competition_models import Competition, CompetitionAward, CompetitionEntry, CompetitionParticipant


@dataclass(frozen=True)
class KindLevelCount:
    kind: str
    level: int
    count: int

    @property
    def kind_label(self) -> Any:
        return CompetitionKind(self.kind).label


@dataclass(frozen=True)
class CompetitionFigures:
    year: int
    competitions: int
    by_kind_level: list[KindLevelCount]
    budget: Decimal
    entries: int
    team_entries: int
    people: int  # 参赛职工 (人): individual entrants and team members
    awards_by_grade: dict[str, int] = field(default_factory=dict)
    titles: int = 0  # awards conferring a title (技术能手 …)
    skill_levels_raised: int = 0


def _counted(scope: Scope, union: TradeUnion, year: int) -> QuerySet[Competition]:
    return (Competition.objects.visible_to(scope).filter(subtree_q("org_path", union.path), status__in=COUNTED,
                                                         start_on__lte=datetime.date(year, 12, 31),
                                                         end_on__gte=datetime.date(year, 1, 1)))


def competition_figures(*, scope: Scope, union: TradeUnion, year: int) -> CompetitionFigures:
    """Competitions by kind and organiser level, entries, people and awards in `union`'s subtree in `year`."""
    if not scope.reaches(union.path):
        raise NotFound()
    competitions = _counted(scope, union, year)
    rows = list(competitions.values("kind", "organiser_level").annotate(n=Count("pk"), money=Sum("budget"))
                .order_by("organiser_level", "kind"))
    entries = CompetitionEntry.objects.filter(competition__in=competitions, withdrawn=False).aggregate(
        entries=Count("pk"), teams=Count("pk", filter=Q(is_team=True)))
    people = CompetitionParticipant.objects.filter(competition__in=competitions, entry__withdrawn=False).count()
    awards = CompetitionAward.objects.filter(competition__in=competitions.filter(status=CompetitionStatus.FINAL))
    by_grade = dict(awards.values_list("grade").annotate(n=Count("pk")).values_list("grade", "n"))
    extra = awards.aggregate(titles=Count("pk", filter=~Q(title="")),
                             raised=Count("pk", filter=~Q(skill_level="")))
    return CompetitionFigures(
        year=year, competitions=sum(r["n"] for r in rows),
        by_kind_level=[KindLevelCount(r["kind"], r["organiser_level"], r["n"]) for r in rows],
        budget=sum((r["money"] or Decimal(0) for r in rows), Decimal(0)),
        entries=entries["entries"], team_entries=entries["teams"], people=people,
        awards_by_grade={g: by_grade.get(g, 0) for g in PrizeGrade.values if by_grade.get(g)},
        titles=extra["titles"], skill_levels_raised=extra["raised"])


def awaiting_my_approval(*, manage_scope: Scope) -> QuerySet[Competition]:
    """立项 submitted by a union below one of my grants: strictly below, since my own union's plans go
    to the level above mine (a root union, with none above, decides its own)."""
    qs = Competition.objects.visible_to(manage_scope).filter(status=CompetitionStatus.SUBMITTED)
    if not manage_scope.everything:
        qs = qs.filter(~Q(org_path__in=manage_scope.roots) | Q(organiser__parent__isnull=True))
    return qs.select_related("organiser").order_by("submitted_on", "pk")


def awaiting_finalising(*, manage_scope: Scope, today: datetime.date | None = None) -> QuerySet[Competition]:
    """Results whose 公示 has ended, waiting for the organiser to make them final."""
    today = today or timezone.localdate()
    return (Competition.objects.visible_to(manage_scope)
            .filter(status=CompetitionStatus.PUBLICISED, notice_ends_on__lt=today)
            .select_related("organiser").order_by("notice_ends_on", "pk"))


def competition_todo_lists(*, manage_scope: Scope, today: datetime.date | None = None) -> dict[str, QuerySet[Any]]:
    """The lists behind the two to-do lines of 工作台, by the same definitions as the lists their links open."""
    if manage_scope.is_empty:
        return {}
    return {"to_approve": awaiting_my_approval(manage_scope=manage_scope),
            "to_finalise": awaiting_finalising(manage_scope=manage_scope, today=today)}


def competition_todo_counts(*, manage_scope: Scope, today: datetime.date | None = None) -> dict[str, int]:
    """The two to-do lines of 工作台, counted in one query."""
    return {"to_approve": 0, "to_finalise": 0,
            **count_each(competition_todo_lists(manage_scope=manage_scope, today=today))}

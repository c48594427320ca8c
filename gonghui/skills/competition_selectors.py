"""Every read of 劳动和技能竞赛 the interfaces need, each with a required scope (ARCHITECTURE.md §3-4).

A competition is seen by the cadres of its organiser's subtree (and those above); its entries and
awards carry the same path. A page of a stage's ranking is sliced after the database's window
function, so a stage of 100,000 entries is never sorted in Python.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from gonghui.core.errors import NotFound
from gonghui.core.text import normalize_text
from gonghui.members.cleaning import member_index_candidates
from gonghui.members.models import Member
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q
from gonghui.skills.competition_choices import CompetitionStatus
from gonghui.skills.competition_models import (
    Competition,
    CompetitionAward,
    CompetitionEntry,
    CompetitionEvent,
    CompetitionParticipant,
    CompetitionReport,
    CompetitionScore,
    CompetitionStage,
)
from gonghui.skills.competition_ranking import RankCursor, ranking_rows, rows_ahead
from gonghui.skills.competition_workflow import RULES, allowed_actions

MAX_PER_PAGE = 200


def _base(scope: Scope) -> QuerySet[Competition]:
    return Competition.objects.visible_to(scope).select_related("organiser")


def competition_list(*, scope: Scope, union: TradeUnion | None = None, kind: str = "", status: str = "",
                     level: int | None = None, year: int | None = None, query: str = "") -> QuerySet[Competition]:
    """Competitions in scope, newest first; `union` narrows to its subtree, `year` to those running in it."""
    qs = _base(scope)
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    if kind:
        qs = qs.filter(kind=kind)
    if status:
        qs = qs.filter(status=status)
    if level is not None:
        qs = qs.filter(organiser_level=level)
    if year is not None:
        qs = qs.filter(start_on__lte=datetime.date(year, 12, 31), end_on__gte=datetime.date(year, 1, 1))
    text = normalize_text(query)
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(trade__icontains=text) | Q(project__icontains=text))
    return qs


def competition_get(*, scope: Scope, pk: Any) -> Competition:
    return get_visible(_base(scope), scope, pk=pk)


@dataclass(frozen=True)
class StageLine:
    stage: CompetitionStage
    entries: int  # entries that reached it (withdrawn ones left)
    scored: int

    @property
    def unscored(self) -> int:
        return self.entries - self.scored


def competition_stages(*, scope: Scope, competition: Competition) -> list[StageLine]:
    """The stages in order with how many entries each holds and how many are scored (two queries)."""
    competition = competition_get(scope=scope, pk=competition.pk)
    stages = list(CompetitionStage.objects.filter(competition=competition).annotate(scored=Count("scores")))
    reached = dict(CompetitionEntry.objects.filter(competition=competition, withdrawn=False)
                   .values_list("reached").annotate(n=Count("pk")).values_list("reached", "n"))
    return [StageLine(s, sum(n for r, n in reached.items() if r >= s.order), s.scored) for s in stages]  # type: ignore[attr-defined]


def competition_stage_get(*, scope: Scope, competition: Competition, pk: Any) -> CompetitionStage:
    competition = competition_get(scope=scope, pk=competition.pk)
    try:
        return CompetitionStage.objects.select_related("competition").get(competition=competition, pk=pk)
    except (CompetitionStage.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def competition_entries(*, scope: Scope, competition: Competition, stage: CompetitionStage | None = None,
                        unscored_only: bool = False, include_withdrawn: bool = False, query: str = ""
                        ) -> QuerySet[CompetitionEntry]:
    """The entries in registration order with their people (masked numbers only) and any award."""
    competition = competition_get(scope=scope, pk=competition.pk)
    qs = (CompetitionEntry.objects.visible_to(scope).filter(competition=competition)
          .select_related("employer", "award")
          .prefetch_related(Prefetch("participants", CompetitionParticipant.objects.defer("id_number"))))
    if not include_withdrawn:
        qs = qs.filter(withdrawn=False)
    if stage is not None:
        qs = qs.filter(reached__gte=stage.order)
        if unscored_only:
            qs = qs.exclude(Exists(CompetitionScore.objects.filter(stage=stage, entry=OuterRef("pk"))))
    text = normalize_text(query)
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(employer_name__icontains=text)
                       | Q(participants__name__icontains=text)).distinct()
    return qs


def competition_entry_get(*, scope: Scope, competition: Competition, pk: Any) -> CompetitionEntry:
    return get_visible(CompetitionEntry.objects.filter(competition_id=competition.pk)
                       .select_related("competition", "competition__organiser"), scope, pk=pk)


@dataclass(frozen=True)
class RankedRow:
    rank: int
    entry: CompetitionEntry
    score: Decimal
    tiebreak: Decimal | None
    advanced: bool  # went on to the next stage (for a closed stage that had one)


@dataclass(frozen=True)
class RankingPage:
    stage: CompetitionStage
    rows: list[RankedRow]
    total: int  # scored entries in the stage
    page: int  # where the page stands, for the reader (the rows are found by cursor, not by number)
    per_page: int
    next_cursor: str | None = None  # `after` for the next page
    prev_cursor: str | None = None  # `before` for the previous page

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))


def competition_ranking(*, scope: Scope, stage: CompetitionStage, after: str = "", before: str = "",
                        per_page: int = 50) -> RankingPage:
    """One page of the stage's ranking as the competition's tie rule orders it, found by seeking past
    a cursor (`after` the last row of the page before, or `before` the first row of the page after)
    rather than by OFFSET, so a deep page costs what the first does. The first page takes four queries
    (the competition, the count, the page, the page's entries); a later one a fifth, for its number."""
    competition = competition_get(scope=scope, pk=stage.competition_id)
    per_page = max(1, min(per_page, MAX_PER_PAGE))
    total = CompetitionScore.objects.filter(stage=stage).count()
    after_at, before_at = RankCursor.parse(after), RankCursor.parse(before)
    before_at = before_at if after_at is None else None
    rows, more = ranking_rows(stage, competition.tie_rule, after=after_at, before=before_at, limit=per_page)
    if before_at is not None and not rows:  # before the first row: the first page
        rows, more, before_at = *ranking_rows(stage, competition.tie_rule, limit=per_page), None
    first = RankCursor(rows[0]["rank"], rows[0]["entry_seq"]) if rows else None
    ahead = rows_ahead(stage, competition.tie_rule, first) if first is not None and (after_at or before_at) else 0
    has_next = more if before_at is None else bool(rows)
    entries = CompetitionEntry.objects.select_related("employer").in_bulk([r["entry_id"] for r in rows])
    return RankingPage(
        stage, [RankedRow(r["rank"], entries[r["entry_id"]], r["score"], r["tiebreak"],
                          entries[r["entry_id"]].reached > stage.order) for r in rows],
        total, ahead // per_page + 1, per_page,
        next_cursor=str(RankCursor(rows[-1]["rank"], rows[-1]["entry_seq"])) if rows and has_next else None,
        prev_cursor=str(first) if first is not None and ahead > 0 else None)


def competition_awards(*, scope: Scope, competition: Competition | None = None, union: TradeUnion | None = None,
                       year: int | None = None, final_only: bool = False) -> QuerySet[CompetitionAward]:
    """Awards in scope (of one competition, or a subtree's in a year), best first."""
    qs = CompetitionAward.objects.visible_to(scope).select_related("entry", "competition")
    if competition is not None:
        qs = qs.filter(competition_id=competition.pk)
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    if year is not None:
        qs = qs.filter(awarded_on__year=year)
    if final_only:
        qs = qs.filter(competition__status=CompetitionStatus.FINAL)
    return qs.order_by("competition_id", "rank", "id")


def competition_award_get(*, scope: Scope, pk: Any) -> CompetitionAward:
    return get_visible(CompetitionAward.objects.select_related("entry", "competition"), scope, pk=pk)


def competition_results_of_member(*, scope: Scope, member: Member) -> QuerySet[CompetitionEntry]:
    """Every entry of a registry member (alone or in a team) in competitions in scope, with any award:
    for the person's page. Matched by identity, so an entry typed in by name and number counts too."""
    return (CompetitionEntry.objects.visible_to(scope)
            .filter(participants__id_index__in=member_index_candidates(member))
            .select_related("competition", "award").order_by("-competition__start_on", "-id").distinct())


def competition_events(*, scope: Scope, competition: Competition) -> QuerySet[CompetitionEvent]:
    competition = competition_get(scope=scope, pk=competition.pk)
    return CompetitionEvent.objects.filter(competition=competition)


def competition_reports(*, scope: Scope, competition: Competition) -> QuerySet[CompetitionReport]:
    competition = competition_get(scope=scope, pk=competition.pk)
    return CompetitionReport.objects.filter(competition=competition).prefetch_related("commended")


def competition_actions(*, manage_scope: Scope, competition: Competition) -> list[str]:
    """What the console offers on the competition to someone with `manage_scope` (SKILLS_MANAGE):
    the organiser's actions to its cadres, approve and return to the level above."""
    above = competition_decided_above(manage_scope=manage_scope, competition=competition)
    own = manage_scope.covers(competition.org_path)
    return [a for a in allowed_actions(competition.status) if (RULES[a].from_above and above)
            or (not RULES[a].from_above and own)]


def competition_decided_above(*, manage_scope: Scope, competition: Competition) -> bool:
    parent = competition.organiser.parent
    return manage_scope.covers(parent.path if parent is not None else competition.org_path)


def competition_stage_scores(*, scope: Scope, stage: CompetitionStage, entry_ids: list[int]
                             ) -> dict[int, tuple[Decimal, Decimal | None]]:
    """The scores already entered in `stage` for these entries (a score sheet's page), by entry."""
    competition_get(scope=scope, pk=stage.competition_id)
    return {r[0]: (r[1], r[2]) for r in CompetitionScore.objects.filter(stage=stage, entry_id__in=entry_ids)
            .values_list("entry_id", "score", "tiebreak")}

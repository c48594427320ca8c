"""What the 技能创新 console exports: the competition list as filtered, one stage's ranking, and the
lists of suggestions, studios, 师带徒 agreements and training courses, each through its selector."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import NotFound
from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.members.choices import SkillLevel
from gonghui.orgs.scope import Scope
from gonghui.skills.apprenticeship_selectors import apprenticeship_list, apprenticeships_past_period
from gonghui.skills.competition_choices import CompetitionKind, CompetitionStatus
from gonghui.skills.competition_selectors import (
    MAX_PER_PAGE,
    competition_get,
    competition_list,
    competition_ranking,
    competition_stage_get,
)
from gonghui.skills.innovation_choices import (
    ApprenticeshipStatus,
    CourseKind,
    StudioKind,
    StudioLevel,
    StudioStatus,
    SuggestionKind,
    SuggestionStatus,
)
from gonghui.skills.studio_selectors import studio_list, studios_due_assessment
from gonghui.skills.suggestion_selectors import suggestion_list, suggestions_awaiting_review
from gonghui.skills.training_selectors import course_list

F = Mapping[str, str]


def _int(value: str | None, low: int = 1, high: int = 2**31) -> int | None:
    return int(value) if value and value.isdigit() and low <= int(value) <= high else None


def _day(value: str | None) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return None


def competitions(scope: Scope, f: F) -> Any:
    return competition_list(scope=scope, kind=choice(f.get("kind", ""), CompetitionKind.values),
                            status=choice(f.get("status", ""), CompetitionStatus.values),
                            year=_int(f.get("year"), 2000, 2100), query=f.get("q", ""))


def competition_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    kind, status = labels(CompetitionKind.choices), labels(CompetitionStatus.choices)
    for c in competitions(scope, filters).iterator(chunk_size=2000):
        yield [c.title, kind.get(c.kind, ""), status.get(c.status, ""), c.organiser.name, c.trade or c.project,
               c.budget, c.start_on, c.end_on, c.entry_count, c.approved_on, c.finalised_on]


def ranking_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    try:
        competition = competition_get(scope=scope, pk=_int(filters.get("competition")))
        stage = competition_stage_get(scope=scope, competition=competition, pk=_int(filters.get("stage")))
    except NotFound:
        return
    yes = str(_("是"))
    after = ""
    while True:  # page by page on the ranking's cursor, so the last page reads no more than the first
        ranking = competition_ranking(scope=scope, stage=stage, after=after, per_page=MAX_PER_PAGE)
        for r in ranking.rows:
            yield [r.rank, r.entry.seq, r.entry.name, r.entry.employer_name, r.score, r.tiebreak,
                   yes if r.advanced else ""]
        if ranking.next_cursor is None:
            return
        after = ranking.next_cursor


def suggestions(scope: Scope, f: F) -> Any:
    if f.get("waiting"):
        return suggestions_awaiting_review(scope=scope)
    return suggestion_list(scope=scope, kind=choice(f.get("kind", ""), SuggestionKind.values),
                           status=choice(f.get("status", ""), SuggestionStatus.values), query=f.get("q", ""),
                           submitted_from=_day(f.get("start")), submitted_to=_day(f.get("end")))


def suggestion_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    kind, status = labels(SuggestionKind.choices), labels(SuggestionStatus.choices)
    for s in suggestions(scope, filters).iterator(chunk_size=2000):
        yield [s.title, kind.get(s.kind, ""), status.get(s.status, ""), s.proposer_name, s.employer.name,
               s.submitted_on, s.decided_on, s.implemented_on, s.benefit, s.benefit_assessor]


def studios(scope: Scope, f: F) -> Any:
    if f.get("due"):
        return studios_due_assessment(scope=scope)
    return studio_list(scope=scope, kind=choice(f.get("kind", ""), StudioKind.values),
                       level=choice(f.get("level", ""), StudioLevel.values),
                       status=choice(f.get("status", ""), StudioStatus.values), query=f.get("q", ""))


def studio_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    kind, level, status = labels(StudioKind.choices), labels(StudioLevel.choices), labels(StudioStatus.choices)
    for s in studios(scope, filters).iterator(chunk_size=2000):
        yield [s.name, kind.get(s.kind, ""), level.get(s.level, ""), status.get(s.status, ""), s.leader_name,
               s.employer.name, s.named_on, s.revoked_on]


def pairs(scope: Scope, f: F) -> Any:
    if f.get("overdue"):
        return apprenticeships_past_period(scope=scope)
    return apprenticeship_list(scope=scope, status=choice(f.get("status", ""), ApprenticeshipStatus.values),
                               query=f.get("q", ""))


def pair_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    status, level = labels(ApprenticeshipStatus.choices), labels(SkillLevel.choices)
    for p in pairs(scope, filters).iterator(chunk_size=2000):
        yield [p.master.name, p.apprentice.name, p.employer.name, p.trade, status.get(p.status, ""), p.agreed_on,
               p.starts_on, p.ends_on, p.allowance, level.get(p.outcome_level, "")]


def courses(scope: Scope, f: F) -> Any:
    return course_list(scope=scope, year=_int(f.get("year"), 2000, 2100) or timezone.localdate().year,
                       kind=choice(f.get("kind", ""), CourseKind.values), query=f.get("q", ""))


def course_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    kind = labels(CourseKind.choices)
    for c in courses(scope, filters).iterator(chunk_size=2000):
        yield [c.title, kind.get(c.kind, ""), c.union.name, c.provider, c.starts_on, c.ends_on, c.hours, c.trainees]


def _count(make: Any) -> Any:
    def count(*, actor: Any, scope: Scope, filters: F) -> int:
        return int(make(scope, filters).count())
    return count


def _ranking_count(*, actor: Any, scope: Scope, filters: F) -> int:
    return sum(1 for _row in ranking_rows(actor=actor, scope=scope, filters=filters))


PERMS = (Perm.SKILLS_VIEW, Perm.SKILLS_MANAGE)
register_export(ListExport(
    name="skills.competitions", title=_("劳动和技能竞赛"), permission=PERMS, rows=competition_rows,
    count=_count(competitions), params=("kind", "status", "year", "q"), route="web:skills_competitions",
    columns=[col(_("竞赛名称"), width=30), col(_("竞赛类别"), width=12), col(_("状态"), width=12),
             col(_("主办工会"), width=24), col(_("工种/项目"), width=20), col(_("预算（元）"), Kind.MONEY, 14),
             col(_("开始日期"), Kind.DATE, 12), col(_("结束日期"), Kind.DATE, 12), col(_("参赛数"), Kind.INT, 8),
             col(_("批准立项日期"), Kind.DATE, 12), col(_("结果确定日期"), Kind.DATE, 12)]))
register_export(ListExport(
    name="skills.ranking", title=_("竞赛排名"), permission=PERMS, rows=ranking_rows, count=_ranking_count,
    params=("competition", "stage"), route="web:skills_competitions",
    columns=[col(_("名次"), Kind.INT, 6), col(_("报名序号"), Kind.INT, 8), col(_("参赛者/队名"), width=20),
             col(_("工作单位"), width=26), col(_("成绩"), Kind.MONEY, 10), col(_("附加分"), Kind.MONEY, 10),
             col(_("已晋级"), width=8)]))
register_export(ListExport(
    name="skills.suggestions", title=_("五小和合理化建议"), permission=PERMS, rows=suggestion_rows,
    count=_count(suggestions), params=("kind", "status", "q", "start", "end", "waiting"),
    route="web:skills_suggestions",
    columns=[col(_("名称"), width=30), col(_("类别"), width=10), col(_("状态"), width=8), col(_("提出人"), width=10),
             col(_("单位"), width=26), col(_("提出日期"), Kind.DATE, 12), col(_("评审日期"), Kind.DATE, 12),
             col(_("实施日期"), Kind.DATE, 12), col(_("创效（万元）"), Kind.MONEY, 12), col(_("核定人"), width=12)]))
register_export(ListExport(
    name="skills.studios", title=_("创新工作室"), permission=PERMS, rows=studio_rows, count=_count(studios),
    params=("kind", "level", "status", "q", "due"), route="web:skills_studios",
    columns=[col(_("工作室名称"), width=30), col(_("类型"), width=14), col(_("级别"), width=8),
             col(_("状态"), width=8), col(_("领衔人"), width=10), col(_("依托单位"), width=26),
             col(_("命名日期"), Kind.DATE, 12), col(_("摘牌日期"), Kind.DATE, 12)]))
register_export(ListExport(
    name="skills.apprenticeships", title=_("师带徒"), permission=PERMS, rows=pair_rows, count=_count(pairs),
    params=("status", "q", "overdue"), route="web:skills_apprenticeships",
    columns=[col(_("师傅"), width=10), col(_("徒弟"), width=10), col(_("单位"), width=26), col(_("工种"), width=10),
             col(_("状态"), width=8), col(_("协议签订日期"), Kind.DATE, 12), col(_("带徒期限开始"), Kind.DATE, 12),
             col(_("带徒期限届满"), Kind.DATE, 12), col(_("师傅带徒津贴（元）"), Kind.MONEY, 12),
             col(_("出师技能等级"), width=14)]))
register_export(ListExport(
    name="skills.courses", title=_("职工技能培训"), permission=PERMS, rows=course_rows, count=_count(courses),
    params=("year", "kind", "q"), route="web:skills_courses",
    columns=[col(_("培训名称"), width=30), col(_("培训类型"), width=14), col(_("举办工会"), width=24),
             col(_("承办机构"), width=20), col(_("开始日期"), Kind.DATE, 12), col(_("结束日期"), Kind.DATE, 12),
             col(_("学时"), Kind.INT, 6), col(_("培训人次"), Kind.INT, 8)]))

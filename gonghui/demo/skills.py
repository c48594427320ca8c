"""Demo 劳动和技能竞赛 at every stage: a county's 技术比武 plan waiting for its city's approval (and one
returned), a city's 技能竞赛 approved and taking entries, another scoring its 决赛 with the 初赛
ranked and advanced, one with its results in 公示 and one finalised with its awards (技术能手, a
skill level raised), its 阶段总结 and 年终表扬; and the 五小, studios, 师带徒 and training of
demo/skills_innovation.py. The organiser's 经办 runs its competition, the 经办 of the union above
decides the 立项.
"""

import datetime
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gonghui.core.idnumbers import resident_check_character
from gonghui.demo.skills_innovation import build_demo_innovation
from gonghui.demo.timeline import Moments, Story, play
from gonghui.members.choices import SkillLevel
from gonghui.members.models import Member
from gonghui.orgs.choices import Level, UnionStatus
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import subtree_q
from gonghui.skills.competition_choices import CompetitionKind, PrizeGrade, StageKind, TieRule
from gonghui.skills.competition_models import Competition, CompetitionEntry
from gonghui.skills.competition_ranking import ranked_scores
from gonghui.skills.services.competitions import (
    PersonIn,
    ScoreIn,
    StageIn,
    competition_advance,
    competition_approve,
    competition_award,
    competition_commend,
    competition_create,
    competition_enter,
    competition_finalise,
    competition_publish,
    competition_return,
    competition_score,
    competition_submit,
    competition_summarise,
)

# (how far it has got, organiser level, kind, title, trade or project, days ago it was drafted)
PLANS = [
    ("submitted", Level.COUNTY, CompetitionKind.CONTEST, "{year}年{place}电工技术比武", "电工", 12),
    ("returned", Level.COUNTY, CompetitionKind.SKILL, "{year}年{place}焊工职业技能竞赛", "焊工", 30),
    ("entries", Level.CITY, CompetitionKind.SKILL, "{year}年{place}数控车工职业技能竞赛", "数控车工", 50),
    ("scoring", Level.CITY, CompetitionKind.LABOUR, "{place}重点工程建设“当好主力军”劳动竞赛",
     "{place}绕城高速扩容工程", 150),
    ("notice", Level.CITY, CompetitionKind.SKILL, "{year}年{place}养老护理员职业技能竞赛", "养老护理员", 120),
    ("final", Level.PROVINCE, CompetitionKind.SKILL, "{year}年{place}职工职业技能大赛（维修电工）", "维修电工", 250),
    ("final", Level.CITY, CompetitionKind.CONTEST, "{year}年{place}叉车司机技术比武", "叉车司机", 300),
]
ENTRIES = 24  # at a competition that takes entries; fewer where the organiser has fewer people
PRIZES = [(PrizeGrade.FIRST, "技术能手", SkillLevel.GRADE2), (PrizeGrade.SECOND, "技术能手", SkillLevel.GRADE3),
          (PrizeGrade.SECOND, "技术标兵", ""), (PrizeGrade.THIRD, "", ""), (PrizeGrade.THIRD, "", ""),
          (PrizeGrade.MERIT, "", "")]


def build_demo_skills(province: TradeUnion, *, staff: Any, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed + 15)
    now, today = timezone.now(), timezone.localdate()
    tally = {"competitions": 0, "entries": 0}
    stories: list[Story] = []
    used: set[int] = set()
    for stage, level, kind, title, subject, days in PLANS:
        organiser = _organiser(province, level, used)
        if organiser is None:
            continue
        used.add(organiser.pk)
        stories.append(_competition_story(rng, Moments(rng, now), staff, organiser, stage, kind, title, subject,
                                          today - datetime.timedelta(days=days), tally))
    play(stories)
    return {**tally, **build_demo_innovation(province, staff=staff, seed=seed)}


def _organiser(province: TradeUnion, level: int, used: set[int]) -> TradeUnion | None:
    if level == Level.PROVINCE:
        return province
    return (TradeUnion.objects.filter(subtree_q("path", province.path), level=level, status=UnionStatus.ACTIVE)
            .exclude(pk__in=used).order_by("-subtree_members", "path").first())


def _place(union: TradeUnion) -> str:
    return union.name.removesuffix("总工会").removesuffix("工会")


def _people(rng: random.Random, organiser: TradeUnion, n: int) -> Iterator[tuple[PersonIn, Any]]:
    """Members of the organiser's subtree, then workers not in the registry named by ID number."""
    members = list(Member.objects.filter(subtree_q("org_path", organiser.path), status="active",
                                         employer__isnull=False).select_related("employer").order_by("pk")[:n * 3])
    rng.shuffle(members)
    for member in members[:n]:
        yield PersonIn(member=member), member.employer
    region = str(organiser.region_id or "510100")[:6]
    for i in range(n - len(members[:n])):
        body = f"{region}19{rng.randint(75, 99)}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{100 + i:03d}"
        yield PersonIn(name=_name(rng), id_number=body + resident_check_character(body)), None


def _name(rng: random.Random) -> str:
    return rng.choice("王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗") + rng.choice(
        ["建军", "海燕", "志刚", "秀英", "国强", "丽华", "明", "伟", "静", "磊", "晓东", "春梅", "德华", "玉兰"])


def _competition_story(rng: random.Random, moments: Moments, staff: Any, organiser: TradeUnion, stage: str,
                       kind: str, title: str, subject: str, drafted: datetime.date, tally: dict[str, int]) -> Story:
    year, place = drafted.year, _place(organiser)
    clerk = staff.clerk(organiser)
    above = staff.clerk(organiser.parent) if organiser.parent is not None else staff.head(organiser)
    days = iter([3, 7, 10, 20, 40, 60, 75, 80, 90, 120])
    on = lambda: drafted + datetime.timedelta(days=next(days))  # noqa: E731
    stages = ([StageIn(StageKind.PRELIMINARY, 8), StageIn(StageKind.FINAL)] if stage != "submitted"
              else [StageIn(StageKind.FINAL)])
    plan = {"title": title.format(year=year, place=place), "kind": kind, "start_on": drafted + datetime.timedelta(
        days=30), "end_on": drafted + datetime.timedelta(days=120), "budget": Decimal(rng.randint(5, 60) * 10000),
        "plan": "以赛促学、以赛促训，选树技术能手，推动产业工人队伍建设改革。", "tie_rule": TieRule.TIEBREAK,
        "notice_workdays": 7 if stage == "notice" else 5,
        ("project" if kind == CompetitionKind.LABOUR else "trade"): subject.format(place=place)}
    yield moments.on(drafted)
    competition = competition_create(actor=clerk, organiser=organiser, stages=stages, **plan)
    tally["competitions"] += 1
    yield moments.on(on())
    competition = competition_submit(actor=clerk, competition=competition)
    if stage == "submitted":
        return
    yield moments.on(on())
    if stage == "returned":
        competition_return(actor=above, competition=competition,
                           reason="预算明细不完整，请补充经费来源和奖励标准后重新报批。")
        return
    competition = competition_approve(actor=above, competition=competition, note="同意立项，请按方案组织实施。")
    yield moments.on(on())
    entries = [competition_enter(actor=clerk, competition=competition, person=person, employer=employer)
               for person, employer in _people(rng, organiser, ENTRIES)]
    tally["entries"] += len(entries)
    if stage == "entries":
        return
    first, last = list(competition.stages.order_by("order"))
    yield moments.on(on())
    competition_score(actor=clerk, stage=first, rows=_scores(rng, entries))
    competition_advance(actor=clerk, stage=first)
    finalists = list(CompetitionEntry.objects.filter(competition=competition, reached=last.order).order_by("seq"))
    yield moments.on(on())
    # While the 决赛 is being scored, half the finalists have their marks in.
    scored = finalists if stage != "scoring" else finalists[: len(finalists) // 2]
    competition_score(actor=clerk, stage=last, rows=_scores(rng, scored))
    if stage == "scoring":
        competition_summarise(actor=clerk, competition=competition, title="初赛阶段总结",
                              text=f"初赛共{len(entries)}人参赛，{len(finalists)}人晋级决赛。")
        return
    yield moments.on(on())
    _award(competition, finalists, clerk)
    yield moments.on(_notice_day(stage, drafted))
    competition.refresh_from_db()
    competition = competition_publish(actor=clerk, competition=competition)
    if stage == "notice":
        return
    assert competition.notice_ends_on is not None
    yield moments.on(competition.notice_ends_on + datetime.timedelta(days=3))
    competition = competition_finalise(actor=clerk, competition=competition)
    assert competition.finalised_on is not None
    yield moments.on(competition.finalised_on + datetime.timedelta(days=20))
    competition_commend(actor=clerk, competition=competition, year=year, title=f"{year}年度竞赛年终表扬",
                        text="对在竞赛中取得优异成绩的选手予以通报表扬。", entries=finalists[:3])


def _notice_day(stage: str, drafted: datetime.date) -> datetime.date:
    """A 公示 still open today opened two days ago; a finished one some months back."""
    if stage == "notice":
        return timezone.localdate() - datetime.timedelta(days=2)
    return drafted + datetime.timedelta(days=130)


def _scores(rng: random.Random, entries: list[CompetitionEntry]) -> list[ScoreIn]:
    return [ScoreIn(e.pk, Decimal(rng.randint(6000, 9800)) / 100, Decimal(rng.randint(0, 100))) for e in entries]


def _award(competition: Competition, finalists: list[CompetitionEntry], actor: Any) -> None:
    last = competition.stages.order_by("-order").first()
    assert last is not None
    order = [row["entry_id"] for row in ranked_scores(last, competition.tie_rule).values("entry_id")]
    by_pk = {e.pk: e for e in finalists}
    for (grade, title, level), pk in zip(PRIZES, order, strict=False):
        competition_award(actor=actor, entry=by_pk[pk], grade=grade, title=title, skill_level=level,
                          note="按决赛成绩评定")

"""Helpers for the competition tests: a plan, an approved competition, people to enter."""

import datetime
from typing import Any

from gonghui.core.idnumbers import IdType
from gonghui.skills.competition_choices import CompetitionKind, StageKind, TieRule
from gonghui.skills.services.competitions import (
    PersonIn,
    ScoreIn,
    StageIn,
    competition_approve,
    competition_create,
    competition_enter,
    competition_score,
    competition_submit,
)
from gonghui.testing.world import make_person_id

D = datetime.date
START, END = D(2026, 4, 1), D(2026, 10, 31)
TWO_STAGES = [StageIn(StageKind.PRELIMINARY, 3), StageIn(StageKind.FINAL)]


def plan(**kw: Any) -> dict[str, Any]:
    return {"title": "2026年焊工技能竞赛", "kind": CompetitionKind.SKILL, "trade": "焊工", "budget": "50000.00",
            "start_on": START, "end_on": END, "score_min": 0, "score_max": 100, "tie_rule": TieRule.SHARED, **kw}


def draft(actor: Any, organiser: Any, *, stages: list[StageIn] | None = None, **kw: Any) -> Any:
    return competition_create(actor=actor, organiser=organiser, stages=stages or TWO_STAGES, **plan(**kw))


def approved(organiser_actor: Any, organiser: Any, approver: Any, **kw: Any) -> Any:
    c = draft(organiser_actor, organiser, **kw)
    c = competition_submit(actor=organiser_actor, competition=c, on=D(2026, 3, 2))
    return competition_approve(actor=approver, competition=c, on=D(2026, 3, 5))


def person(name: str = "张三", **kw: Any) -> PersonIn:
    return PersonIn(name=name, id_number=make_person_id(), id_type=IdType.RESIDENT, **kw)


def enter(actor: Any, competition: Any, name: str = "张三", **kw: Any) -> Any:
    return competition_enter(actor=actor, competition=competition, person=person(name), **kw)


def score(actor: Any, stage: Any, *pairs: tuple[Any, Any] | tuple[Any, Any, Any]) -> int:
    rows = [ScoreIn(p[0].pk, p[1], p[2] if len(p) > 2 else None) for p in pairs]  # type: ignore[misc]
    return competition_score(actor=actor, stage=stage, rows=rows)

"""拟定 and 立项: the competition's plan, rules and stages; submission to the level above, its
approval or return, and cancellation."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require
from gonghui.skills.competition_choices import STAGE_ORDER, CompetitionAction, CompetitionKind, StageKind, TieRule
from gonghui.skills.competition_models import Competition, CompetitionStage
from gonghui.skills.competition_workflow import MAX_ENTRIES, MAX_NOTICE_WORKDAYS, MAX_TEAM_SIZE
from gonghui.skills.services.competitions_common import (
    MAX_BUDGET,
    clean_choice,
    clean_count,
    clean_day,
    clean_number,
    clean_text,
    label_of,
    record_event,
    who,
)
from gonghui.skills.services.competitions_transition import competition_transition

SCORE_LIMIT = Decimal("99999.99")


@dataclass(frozen=True)
class StageIn:
    kind: str  # StageKind
    advance: int | None = None  # how many of its ranking go on; None on the last stage
    start_on: datetime.date | None = None


PLAN_FIELDS = ("title", "kind", "trade", "project", "plan", "budget", "start_on", "end_on", "score_min",
               "score_max", "tie_rule", "max_entries", "team_size", "notice_workdays")


def _clean_plan(data: dict[str, Any]) -> dict[str, Any]:
    unknown = set(data) - set(PLAN_FIELDS)
    if unknown:
        field = sorted(unknown)[0]
        raise ValidationFailed(msg(_("不能修改%(field)s。"), {"field": field}), field=field, code="unknown_field")
    v: dict[str, Any] = {
        "title": clean_text(data.get("title"), field="title", max_length=100, required=True),
        "kind": clean_choice(data.get("kind"), CompetitionKind, field="kind"),
        "trade": clean_text(data.get("trade", ""), field="trade", max_length=50),
        "project": clean_text(data.get("project", ""), field="project", max_length=100),
        "plan": clean_text(data.get("plan", ""), field="plan", max_length=20000),
        "budget": clean_number(data.get("budget", 0), field="budget", low=Decimal(0), high=MAX_BUDGET),
        "start_on": clean_day(data.get("start_on"), field="start_on"),
        "end_on": clean_day(data.get("end_on"), field="end_on"),
        "score_min": clean_number(data.get("score_min", 0), field="score_min", low=-SCORE_LIMIT, high=SCORE_LIMIT),
        "score_max": clean_number(data.get("score_max", 100), field="score_max", low=-SCORE_LIMIT,
                                  high=SCORE_LIMIT),
        "tie_rule": clean_choice(data.get("tie_rule", TieRule.SHARED), TieRule, field="tie_rule"),
        "max_entries": clean_count(data.get("max_entries", 1000), field="max_entries", low=1, high=MAX_ENTRIES),
        "team_size": clean_count(data.get("team_size", 0), field="team_size", low=0, high=MAX_TEAM_SIZE),
        "notice_workdays": clean_count(data.get("notice_workdays", 5), field="notice_workdays", low=1,
                                       high=MAX_NOTICE_WORKDAYS),
    }
    if v["end_on"] < v["start_on"]:
        raise ValidationFailed(msg(_("%(field)s不能早于%(other)s（%(day)s）。"), {
            "field": label_of("end_on"), "other": label_of("start_on"), "day": v["start_on"].isoformat()}),
            field="end_on", code="dates_backwards")
    if v["score_max"] <= v["score_min"]:
        raise ValidationFailed(msg(_("最高分（%(high)s）应大于最低分（%(low)s）。"), {
            "high": v["score_max"], "low": v["score_min"]}), field="score_max", code="score_range")
    # What each kind is run on: a key project, a trade, teams.
    if v["kind"] == CompetitionKind.LABOUR and not v["project"]:
        raise ValidationFailed(_("劳动竞赛请填写所围绕的重点工程/项目。"), field="project", code="required")
    if v["kind"] in (CompetitionKind.SKILL, CompetitionKind.CONTEST) and not v["trade"]:
        raise ValidationFailed(_("技能竞赛和技术比武请填写竞赛工种。"), field="trade", code="required")
    if v["kind"] == CompetitionKind.ANKANG and v["team_size"] < 1:
        raise ValidationFailed(_("安康杯竞赛以班组参赛，请填写每队人数上限。"), field="team_size", code="required")
    return v


def _clean_stages(stages: list[StageIn], *, max_entries: int) -> list[StageIn]:
    if not stages:
        raise ValidationFailed(_("请至少设置一个竞赛阶段。"), field="stages", code="required")
    kinds = [clean_choice(s.kind, StageKind, field="stages") for s in stages]
    if len(set(kinds)) != len(kinds) or [STAGE_ORDER[k] for k in kinds] != sorted(STAGE_ORDER[k] for k in kinds):
        raise ValidationFailed(_("竞赛阶段应按选拔赛、初赛、复赛、决赛的顺序排列，且每个阶段只设一次。"),
                               field="stages", code="stage_order")
    cleaned: list[StageIn] = []
    previous = max_entries
    for i, (stage, kind) in enumerate(zip(stages, kinds, strict=True)):
        label = StageKind(kind).label
        if i == len(stages) - 1:
            cleaned.append(StageIn(kind, None, stage.start_on))
            break
        if stage.advance is None:
            raise ValidationFailed(msg(_("请填写%(stage)s的晋级名额。"), {"stage": label}), field="advance",
                                   code="required")
        advance = clean_count(stage.advance, field="advance", low=1, high=max(1, previous - 1))
        cleaned.append(StageIn(kind, advance, stage.start_on))
        previous = advance
    return cleaned


def _write_stages(competition: Competition, stages: list[StageIn]) -> None:
    CompetitionStage.objects.filter(competition=competition).delete()
    CompetitionStage.objects.bulk_create([
        CompetitionStage(competition=competition, kind=s.kind, order=i, advance=s.advance, start_on=s.start_on)
        for i, s in enumerate(stages, start=1)])


def competition_create(*, actor: Any, organiser: TradeUnion, stages: list[StageIn], **plan: Any) -> Competition:
    """拟定 a competition of `organiser` (plan fields: see PLAN_FIELDS); it starts as a draft."""
    require(actor, Perm.SKILLS_MANAGE, organiser.path, visible_permission=Perm.SKILLS_VIEW)
    if not organiser.is_active:
        raise ValidationFailed(_("主办工会已合并或撤销，不能主办竞赛。"), field="organiser", code="inactive")
    values = _clean_plan(plan)
    cleaned = _clean_stages(stages, max_entries=values["max_entries"])
    with transaction.atomic():
        competition = Competition.objects.create(organiser=organiser, organiser_level=organiser.level,
                                                 org_path=organiser.path, **values)
        _write_stages(competition, cleaned)
        record_event(actor=actor, competition=competition, action=CompetitionAction.CREATE,
                     new_status=competition.status, detail={"kind": values["kind"], "budget": str(values["budget"])})
    return competition


def competition_edit(*, actor: Any, competition: Competition, changes: dict[str, Any],
                     stages: list[StageIn] | None = None, version: int | None = None) -> Competition:
    """Change the plan while a draft or returned; the whole plan is checked again."""
    current = {f: getattr(competition, f) for f in PLAN_FIELDS}
    values = _clean_plan({**current, **changes})
    cleaned = _clean_stages(stages, max_entries=values["max_entries"]) if stages is not None else None
    if cleaned is None:
        kept = [StageIn(s.kind, s.advance, s.start_on) for s in competition.stages.all()]
        _clean_stages(kept, max_entries=values["max_entries"])
    with transaction.atomic():
        competition = competition_transition(actor=actor, competition=competition, action=CompetitionAction.EDIT,
                                             changes=values, version=version,
                                             detail={"fields": sorted(k for k in changes if k in PLAN_FIELDS)})
        if cleaned is not None:
            _write_stages(competition, cleaned)
    return competition


def competition_submit(*, actor: Any, competition: Competition, on: datetime.date | None = None,
                       version: int | None = None) -> Competition:
    """报请立项: the plan goes to the level above for approval."""
    return competition_transition(actor=actor, competition=competition, action=CompetitionAction.SUBMIT, on=on,
                                  changes={"return_reason": ""}, version=version)


def competition_approve(*, actor: Any, competition: Competition, on: datetime.date | None = None, note: str = "",
                        version: int | None = None) -> Competition:
    """批准立项, by a cadre of a union strictly above the organiser."""
    note = clean_text(note, field="note", max_length=500)
    return competition_transition(actor=actor, competition=competition, action=CompetitionAction.APPROVE, on=on,
                                  note=note, version=version, changes=_decider(actor))


def competition_return(*, actor: Any, competition: Competition, reason: str, version: int | None = None
                       ) -> Competition:
    """退回: the organiser changes the plan and submits again; the reason is required."""
    reason = clean_text(reason, field="reason", max_length=500, required=True)
    return competition_transition(actor=actor, competition=competition, action=CompetitionAction.RETURN,
                                  note=reason, version=version, changes={"return_reason": reason, **_decider(actor)})


def competition_cancel(*, actor: Any, competition: Competition, reason: str, version: int | None = None
                       ) -> Competition:
    reason = clean_text(reason, field="reason", max_length=500, required=True)
    return competition_transition(actor=actor, competition=competition, action=CompetitionAction.CANCEL,
                                  note=reason, version=version, changes={"cancel_reason": reason})


def _decider(actor: Any) -> dict[str, Any]:
    return {"decided_by": who(actor).shown[:120]}

"""劳动和技能竞赛 over the API: the plan and 立项 (a list, one competition with its stages, steps and
timeline, create, edit, submit, approve, return, cancel) and the figures of a subtree's year.

A competition loads through skills.view, so another county's is a 404 like a missing one; a step
the status table does not allow is refused with the status named (field `status`), and every step
takes the `version` read, so a retried step on a competition already moved on is a 409.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit
from gonghui.api.skills.common import READ, WRITE, PathId, events_out, list_scope, load_union, manage_scope, view_scope
from gonghui.api.skills.competition_schemas import (
    CompetitionApproveIn,
    CompetitionDetailOut,
    CompetitionFigureFilters,
    CompetitionFiguresOut,
    CompetitionFilters,
    CompetitionIn,
    CompetitionOut,
    CompetitionPatch,
    CompetitionReasonIn,
    CompetitionStageIn,
    CompetitionStepIn,
)
from gonghui.skills import competition_selectors as selectors
from gonghui.skills.competition_figures import competition_figures
from gonghui.skills.competition_models import Competition
from gonghui.skills.services import competitions as services

router = Router(tags=["skills"])
DONE: dict[Any, Any] = {200: CompetitionDetailOut, **WRITE}


def competition_out(c: Competition) -> dict[str, Any]:
    return {"id": c.pk, "title": c.title, "kind": c.kind, "kind_label": str(c.get_kind_display()),
            "status": c.status, "status_label": str(c.get_status_display()),
            "organiser": {"id": c.organiser_id, "name": c.organiser.name}, "organiser_level": c.organiser_level,
            "trade": c.trade, "project": c.project, "budget": c.budget, "start_on": c.start_on, "end_on": c.end_on,
            "entry_count": c.entry_count, "notice_ends_on": c.notice_ends_on, "version": c.version}


def competition_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=pk)
    stages = [{"id": s.stage.pk, "kind": s.stage.kind, "kind_label": str(s.stage.get_kind_display()),
               "order": s.stage.order, "advance": s.stage.advance, "status": s.stage.status,
               "start_on": s.stage.start_on, "closed_on": s.stage.closed_on, "entries": s.entries, "scored": s.scored}
              for s in selectors.competition_stages(scope=scope, competition=c)]
    return {**competition_out(c), **{f: getattr(c, f) for f in (
        "plan", "score_min", "score_max", "tie_rule", "max_entries", "team_size", "notice_workdays", "submitted_on",
        "approved_on", "decided_by", "return_reason", "cancel_reason", "notice_starts_on", "finalised_on")},
        "stages": stages, "actions": selectors.competition_actions(manage_scope=manage_scope(request), competition=c),
        "events": events_out(selectors.competition_events(scope=scope, competition=c).order_by("at", "pk"))}


def _stages(rows: list[CompetitionStageIn]) -> list[services.StageIn]:
    return [services.StageIn(r.kind, r.advance, r.start_on) for r in rows]


@router.get("/skills/competitions", response={200: list[CompetitionOut], **READ},
            summary="劳动和技能竞赛：可按类别、状态、年度、主办工会筛选，按名称、工种、项目查找")
@paginate(Pagination)
def competition_list(request: HttpRequest, filters: Query[CompetitionFilters]) -> Any:
    scope = list_scope(request)
    union = load_union(request, filters.union_id) if filters.union_id is not None else None
    rows = selectors.competition_list(scope=scope, union=union, kind=filters.kind or "", status=filters.status or "",
                                      year=filters.year, query=filters.q)
    return [competition_out(c) for c in rows]


@router.post("/skills/competitions", response={201: CompetitionDetailOut, **WRITE},
             summary="拟定竞赛方案（草拟）：劳动竞赛须填重点工程/项目，技能竞赛和技术比武须填工种，安康杯须填每队人数")
def competition_create(request: HttpRequest, payload: CompetitionIn,
                       idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    organiser = load_union(request, payload.organiser_id, "organiser_id")
    plan = payload.dict(exclude={"organiser_id", "stages"})

    def create() -> Competition:
        with fields_renamed({"organiser": "organiser_id"}):
            return services.competition_create(actor=request.user, organiser=organiser,
                                               stages=_stages(payload.stages), **plan)

    return Status(201, competition_detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/skills/competitions/{competition_id}", response={200: CompetitionDetailOut, **READ},
            summary="一项竞赛：方案、各阶段参赛和评分进度、当前可做的步骤和办理过程")
def competition_get(request: HttpRequest, competition_id: PathId) -> dict[str, Any]:
    return competition_detail(request, competition_id)


@router.patch("/skills/competitions/{competition_id}", response=DONE,
              summary="修改竞赛方案（草拟或退回修改时）；只改所填的项，整个方案重新校验；stages 整体替换各阶段")
def competition_edit(request: HttpRequest, competition_id: PathId, payload: CompetitionPatch) -> dict[str, Any]:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    changes = payload.dict(exclude_unset=True, exclude={"version", "stages"})
    services.competition_edit(actor=request.user, competition=c, changes=changes, version=payload.version,
                              stages=_stages(payload.stages) if payload.stages is not None else None)
    return competition_detail(request, competition_id)


@router.post("/skills/competitions/{competition_id}/submit", response=DONE, summary="报请上级工会立项")
def competition_submit(request: HttpRequest, competition_id: PathId, payload: CompetitionStepIn) -> dict[str, Any]:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    services.competition_submit(actor=request.user, competition=c, on=payload.on, version=payload.version)
    return competition_detail(request, competition_id)


@router.post("/skills/competitions/{competition_id}/approve", response=DONE,
             summary="批准立项（主办工会的上级工会；报请立项的人不能自己批准）")
def competition_approve(request: HttpRequest, competition_id: PathId, payload: CompetitionApproveIn
                        ) -> dict[str, Any]:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    services.competition_approve(actor=request.user, competition=c, on=payload.on, note=payload.note,
                                 version=payload.version)
    return competition_detail(request, competition_id)


@router.post("/skills/competitions/{competition_id}/return", response=DONE,
             summary="退回立项申请（须说明原因），主办工会修改后可再次报请")
def competition_return(request: HttpRequest, competition_id: PathId, payload: CompetitionReasonIn
                       ) -> dict[str, Any]:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    services.competition_return(actor=request.user, competition=c, reason=payload.reason, version=payload.version)
    return competition_detail(request, competition_id)


@router.post("/skills/competitions/{competition_id}/cancel", response=DONE,
             summary="撤销竞赛（结果公示前；须说明原因）")
def competition_cancel(request: HttpRequest, competition_id: PathId, payload: CompetitionReasonIn
                       ) -> dict[str, Any]:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    services.competition_cancel(actor=request.user, competition=c, reason=payload.reason, version=payload.version)
    return competition_detail(request, competition_id)


@router.get("/skills/competition-figures", response={200: CompetitionFiguresOut, **READ},
            summary="竞赛统计：某工会及其下级一年内已立项的竞赛（按类别和主办层级）、参赛、获奖")
def competition_figures_get(request: HttpRequest, filters: Query[CompetitionFigureFilters]) -> Any:
    scope = list_scope(request)
    f = competition_figures(scope=scope, union=load_union(request, filters.union_id), year=filters.year)
    return {**f.__dict__, "by_kind_level": [{"kind": r.kind, "level": r.level, "count": r.count}
                                            for r in f.by_kind_level]}

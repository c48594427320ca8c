"""创新工作室 over the API: naming, level, leader (a member, or a row of the 劳模 register by id), the
team, results, the yearly assessment and 摘牌; each with its timeline."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit
from gonghui.api.skills.common import (
    READ,
    WRITE,
    PathId,
    events_out,
    list_scope,
    load_employer,
    load_member,
    view_scope,
)
from gonghui.api.skills.innovation_schemas import (
    StudioAssessIn,
    StudioDetailOut,
    StudioFilters,
    StudioIn,
    StudioLeaderIn,
    StudioLeaveIn,
    StudioLevelIn,
    StudioOut,
    StudioResultIn,
    StudioRevokeIn,
    StudioSeatIn,
)
from gonghui.api.skills.suggestions import patent_out
from gonghui.core.errors import NotFound
from gonghui.skills import studio_selectors as selectors
from gonghui.skills.models import InnovationStudio
from gonghui.skills.services import studios as services

router = Router(tags=["skills"])
DONE: dict[Any, Any] = {200: StudioDetailOut, **WRITE}
RENAMED = {"employer": "employer_id", "leader": "leader_id", "member": "member_id", "result_kind": "kind",
           "member_name": "name"}


def studio_out(s: InnovationStudio) -> dict[str, Any]:
    return {"id": s.pk, "name": s.name, "kind": s.kind, "kind_label": str(s.get_kind_display()), "level": s.level,
            "level_label": str(s.get_level_display()), "employer": {"id": s.employer_id, "name": s.employer.name},
            "field": s.field, "named_on": s.named_on, "leader_name": s.leader_name, "leader_id": s.leader_id,
            "model_worker_id": s.model_worker_id, "status": s.status, "version": s.version}


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    s = selectors.studio_get(scope=view_scope(request), pk=pk)
    return {**studio_out(s), "named_by": s.named_by, "revoked_on": s.revoked_on, "revoke_reason": s.revoke_reason,
            "team": [{"id": m.pk, "name": m.name, "member_id": m.member_id, "role": m.role, "joined_on": m.joined_on,
                      "left_on": m.left_on} for m in selectors.studio_team(studio=s, current_only=False)],
            "results": list(selectors.studio_results(studio=s)),
            "patents": [patent_out(p) for p in selectors.studio_patents(studio=s)],
            "assessments": list(selectors.studio_assessments(studio=s)),
            "events": events_out(selectors.studio_events(studio=s))}


def _studio(request: HttpRequest, pk: int) -> InnovationStudio:
    return selectors.studio_get(scope=view_scope(request), pk=pk)


@router.get("/skills/studios", response={200: list[StudioOut], **READ},
            summary="劳模、工匠、职工创新工作室：可按类型、级别、状态、依托单位筛选")
@paginate(Pagination)
def studio_list(request: HttpRequest, filters: Query[StudioFilters]) -> Any:
    scope = list_scope(request)
    employer = load_employer(request, filters.employer_id) if filters.employer_id is not None else None
    return [studio_out(s) for s in selectors.studio_list(scope=scope, kind=filters.kind or "",
                                                         level=filters.level or "", status=filters.status or "",
                                                         employer=employer, query=filters.q)]


@router.post("/skills/studios", response={201: StudioDetailOut, **WRITE},
             summary="登记命名的创新工作室及其领衔人（领衔人可关联会员或劳模登记号）")
def studio_create(request: HttpRequest, payload: StudioIn,
                  idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    employer = load_employer(request, payload.employer_id)
    leader = load_member(request, payload.leader_id, "leader_id")

    def create() -> InnovationStudio:
        with fields_renamed(RENAMED):
            return services.studio_name(actor=request.user, employer=employer, name=payload.name, kind=payload.kind,
                                        level=payload.level, named_on=payload.named_on,
                                        leader_name=payload.leader_name, leader=leader,
                                        model_worker_id=payload.model_worker_id, named_by=payload.named_by,
                                        field=payload.field)

    return Status(201, _detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/skills/studios/{studio_id}", response={200: StudioDetailOut, **READ},
            summary="一个创新工作室：团队、成果、专利、年度考核和过程")
def studio_get(request: HttpRequest, studio_id: PathId) -> dict[str, Any]:
    return _detail(request, studio_id)


@router.post("/skills/studios/{studio_id}/level", response=DONE, summary="调整级别（升级或复核后调整）")
def studio_relevel(request: HttpRequest, studio_id: PathId, payload: StudioLevelIn) -> dict[str, Any]:
    services.studio_relevel(actor=request.user, studio=_studio(request, studio_id), level=payload.level,
                            note=payload.note, version=payload.version)
    return _detail(request, studio_id)


@router.post("/skills/studios/{studio_id}/leader", response=DONE,
             summary="更换领衔人，或关联会员、劳模登记号")
def studio_leader(request: HttpRequest, studio_id: PathId, payload: StudioLeaderIn) -> dict[str, Any]:
    studio = _studio(request, studio_id)
    leader = load_member(request, payload.leader_id, "leader_id")
    with fields_renamed(RENAMED):
        services.studio_link_leader(actor=request.user, studio=studio, leader_name=payload.leader_name,
                                    leader=leader, model_worker_id=payload.model_worker_id, version=payload.version)
    return _detail(request, studio_id)


@router.post("/skills/studios/{studio_id}/team", response=DONE, summary="加入团队成员（同一会员只加入一次）")
def studio_member_add(request: HttpRequest, studio_id: PathId, payload: StudioSeatIn) -> dict[str, Any]:
    studio = _studio(request, studio_id)
    member = load_member(request, payload.member_id, "member_id")
    with fields_renamed(RENAMED):
        services.studio_member_add(actor=request.user, studio=studio, name=payload.name, member=member,
                                   role=payload.role, joined_on=payload.joined_on)
    return _detail(request, studio_id)


@router.post("/skills/studios/{studio_id}/team/{seat_id}/leave", response=DONE, summary="团队成员退出")
def studio_member_leave(request: HttpRequest, studio_id: PathId, seat_id: PathId, payload: StudioLeaveIn
                        ) -> dict[str, Any]:
    studio = _studio(request, studio_id)
    seat = selectors.studio_team(studio=studio, current_only=False).filter(pk=seat_id).first()
    if seat is None:
        raise NotFound()
    services.studio_member_leave(actor=request.user, seat=seat, left_on=payload.left_on)
    return _detail(request, studio_id)


@router.post("/skills/studios/{studio_id}/results", response=DONE,
             summary="登记成果（攻关项目、创新成果、先进操作法、培训带徒），可附创效（万元）")
def studio_result_add(request: HttpRequest, studio_id: PathId, payload: StudioResultIn) -> dict[str, Any]:
    with fields_renamed(RENAMED):
        services.studio_result_add(actor=request.user, studio=_studio(request, studio_id), kind=payload.kind,
                                   title=payload.title, year=payload.year, benefit=payload.benefit,
                                   note=payload.note)
    return _detail(request, studio_id)


@router.post("/skills/studios/{studio_id}/assessments", response=DONE,
             summary="年度考核（已满一年的年度，每年一次）")
def studio_assess(request: HttpRequest, studio_id: PathId, payload: StudioAssessIn) -> dict[str, Any]:
    services.studio_assess(actor=request.user, studio=_studio(request, studio_id), year=payload.year,
                           grade=payload.grade, assessed_on=payload.assessed_on, note=payload.note)
    return _detail(request, studio_id)


@router.post("/skills/studios/{studio_id}/revoke", response=DONE, summary="摘牌（须说明原因）")
def studio_revoke(request: HttpRequest, studio_id: PathId, payload: StudioRevokeIn) -> dict[str, Any]:
    services.studio_revoke(actor=request.user, studio=_studio(request, studio_id), reason=payload.reason,
                           revoked_on=payload.revoked_on, version=payload.version)
    return _detail(request, studio_id)

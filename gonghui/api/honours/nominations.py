"""Nominations over the API: the lists, one nomination with its checks, screening findings and the
steps the caller may take, the nominating union's create, edit, documents and withdrawal, and each
level's check, pass, return and unselect; a level's list with the call's rules judged, and its submission."""

from typing import Any

from django.http import HttpRequest, HttpResponseBase
from ninja import File, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit
from gonghui.api.common.unions import load_union
from gonghui.api.honours.router import READ, WRITE, PathId, list_scope, load_call, manage_scope, ref, view_scope
from gonghui.api.honours.schemas import (
    HonourCheckIn,
    HonourDocumentOut,
    HonourListSummaryOut,
    HonourNominationDetailOut,
    HonourNominationEditIn,
    HonourNominationFilters,
    HonourNominationIn,
    HonourNominationOut,
    HonourReasonIn,
    HonourStepIn,
)
from gonghui.core.audit import actor_shown
from gonghui.core.uploads import upload_response
from gonghui.honours import selectors, services
from gonghui.honours.models import HonourNomination, Objection
from gonghui.honours.screening import screen_one

router = Router(tags=["honours"])
DONE: dict[Any, Any] = {200: HonourNominationDetailOut, **WRITE}
# The services' names for what the API calls *_id.
RENAMED = {"member": "member_id", "employer": "employer_id", "union": "union_id", "call": "call_id"}


def nomination_out(n: HonourNomination) -> dict[str, Any]:
    return {"id": n.pk, "call_id": n.call_id, "name": n.name, "nominee_type": n.nominee_type,
            "id_masked": n.id_masked, "gender": n.gender, "post": n.post, "category": n.category,
            "employer_name": n.employer_name, "union": ref(n.union), "at_union": ref(n.at_union),
            "status": n.status, "status_label": str(n.get_status_display()), "version": n.version}


def objection_out(o: Objection) -> dict[str, Any]:
    return {"id": o.pk, "nomination_id": o.nomination_id, "nominee": o.nomination.name, "text": o.text,
            "phone_masked": o.phone_masked, "case_number": o.case.number, "verdict": o.verdict,
            "verdict_note": o.verdict_note, "filed_at": o.filed_at}


def nomination_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    scope = view_scope(request)
    n = selectors.nomination_get(scope=scope, pk=pk)
    parts = selectors.nomination_parts(scope=scope, nomination=n)
    return {**nomination_out(n), "rank": n.rank, "deeds": n.deeds, "deeds_summary": n.deeds_summary,
            "employer_opinion": n.employer_opinion, "returned_reason": n.returned_reason,
            "findings": [f.as_dict() for f in screen_one(scope=scope, nomination=n).findings],
            "checks": [{"union": ref(c.union), "decision": c.decision, "note": c.note, "findings": c.findings,
                        "checked_by": actor_shown(c.checked_by_label), "at": c.at} for c in parts.checks],
            "documents": parts.documents, "objections": [objection_out(o) for o in parts.objections],
            "events": [{"action": e.action, "old_status": e.old_status, "new_status": e.new_status,
                        "actor": actor_shown(e.actor_label), "note": e.note, "at": e.at} for e in parts.events],
            "actions": selectors.nomination_actions(scope=manage_scope(request), nomination=n),
            "award_id": parts.award_id}


def _load(request: HttpRequest, pk: int) -> HonourNomination:
    return selectors.nomination_get(scope=view_scope(request), pk=pk)


@router.get("/honours/nominations", response={200: list[HonourNominationOut], **READ},
            summary="推荐对象：可按评选通知、列表（waiting 待本级审核、selected 本级已通过、returned 退回、"
                    "final 已确定、notice 公示中、awarded 已表彰）、状态、推荐工会（含下级）和姓名/单位筛选")
@paginate(Pagination)
def nomination_list(request: HttpRequest, filters: Query[HonourNominationFilters]) -> Any:
    scope = list_scope(request)
    call = load_call(request, filters.call_id, field="call_id") if filters.call_id else None
    union = load_union(request, filters.union_id, field="union_id") if filters.union_id else None
    rows = selectors.nomination_list(scope=scope, call=call, show=filters.show, status=filters.status or "",
                                     union=union, query=filters.q)
    return [nomination_out(n) for n in rows]


@router.post("/honours/calls/{call_id}/nominations", response={201: HonourNominationDetailOut, **WRITE},
             summary="推荐：基层工会或下级工会推荐个人或集体（证件号码只存密文，返回脱敏）；同一评选中不能重复推荐")
def nomination_create(request: HttpRequest, call_id: PathId, payload: HonourNominationIn,
                      idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    call = load_call(request, call_id)
    union = load_union(request, payload.union_id, field="union_id")
    data = payload.dict(exclude={"union_id", "member_id", "employer_id"}, exclude_none=True)
    data |= {"member": payload.member_id, "employer": payload.employer_id}

    def create() -> HonourNomination:
        with fields_renamed(RENAMED):
            return services.nomination_create(actor=request.user, call=call, union=union, data=data)

    return Status(201, nomination_detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/honours/nominations/{nomination_id}", response={200: HonourNominationDetailOut, **READ},
            summary="推荐对象详情：事迹、各级核查结论、系统核查发现（12351诉求、集体合同、重复荣誉等）、"
                    "证明材料、公示异议、办理过程和当前可做的步骤")
def nomination_get(request: HttpRequest, nomination_id: PathId) -> dict[str, Any]:
    return nomination_detail(request, nomination_id)


@router.patch("/honours/nominations/{nomination_id}", response=DONE,
              summary="修改推荐材料（推荐单位在本级待审或被退回时）")
def nomination_edit(request: HttpRequest, nomination_id: PathId, payload: HonourNominationEditIn) -> dict[str, Any]:
    n = _load(request, nomination_id)
    data = payload.dict(exclude={"version"}, exclude_unset=True)
    services.nomination_edit(actor=request.user, nomination=n, data=data, version=payload.version)
    return nomination_detail(request, nomination_id)


@router.post("/honours/nominations/{nomination_id}/documents", response={201: HonourDocumentOut, **WRITE},
             summary="上传证明材料（PDF或图片，按内容识别类型，数量和大小有上限）")
def nomination_attach(request: HttpRequest, nomination_id: PathId, file: File[UploadedFile]) -> Status[Any]:
    n = _load(request, nomination_id)
    return Status(201, services.nomination_attach(actor=request.user, nomination=n, upload=file))


DOCUMENT_DOC = {"responses": {200: {"description": "证明材料原件（PDF或图片，以附件下载）", "content": {
    "application/pdf": {"schema": {"type": "string", "format": "binary"}},
    "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
    "image/png": {"schema": {"type": "string", "format": "binary"}}}}}}


@router.get("/honours/nominations/{nomination_id}/documents/{document_id}", response=READ,
            openapi_extra=DOCUMENT_DOC, summary="下载一份证明材料（能查看该推荐对象即可下载；每次下载记入审计日志）")
def nomination_document(request: HttpRequest, nomination_id: PathId, document_id: PathId) -> HttpResponseBase:
    document = services.nomination_document_open(actor=request.user, nomination=_load(request, nomination_id),
                                                 document_pk=document_id)
    return upload_response(document)  # type: ignore[no-any-return]


@router.post("/honours/nominations/{nomination_id}/withdraw", response=DONE,
             summary="撤回推荐（推荐单位在本级持有时；已占用的名额随之释放）")
def nomination_withdraw(request: HttpRequest, nomination_id: PathId, payload: HonourReasonIn) -> dict[str, Any]:
    services.nomination_withdraw(actor=request.user, nomination=_load(request, nomination_id),
                                 reason=payload.reason, version=payload.version)
    return nomination_detail(request, nomination_id)


@router.post("/honours/nominations/{nomination_id}/check", response=DONE,
             summary="记录本级核查结论（系统核查发现随结论一并保存；结论为存在情况或问题的须说明）")
def nomination_check(request: HttpRequest, nomination_id: PathId, payload: HonourCheckIn) -> dict[str, Any]:
    services.nomination_check_record(actor=request.user, nomination=_load(request, nomination_id),
                                     decision=payload.decision, note=payload.note)
    return nomination_detail(request, nomination_id)


@router.post("/honours/nominations/{nomination_id}/pass", response=DONE,
             summary="本级审核通过（须先记录同意推荐的核查结论；占用本级名额，名额用完时拒绝并说明）")
def nomination_pass(request: HttpRequest, nomination_id: PathId, payload: HonourStepIn) -> dict[str, Any]:
    services.nomination_pass(actor=request.user, nomination=_load(request, nomination_id), version=payload.version)
    return nomination_detail(request, nomination_id)


@router.post("/honours/nominations/{nomination_id}/return", response=DONE,
             summary="退回推荐单位（须说明理由；所占各级名额随之释放）")
def nomination_return(request: HttpRequest, nomination_id: PathId, payload: HonourReasonIn) -> dict[str, Any]:
    services.nomination_return(actor=request.user, nomination=_load(request, nomination_id), reason=payload.reason,
                               version=payload.version)
    return nomination_detail(request, nomination_id)


@router.post("/honours/nominations/{nomination_id}/unselect", response=DONE,
             summary="撤销本级通过（上报前；名额随之释放）")
def nomination_unselect(request: HttpRequest, nomination_id: PathId, payload: HonourStepIn) -> dict[str, Any]:
    services.nomination_unselect(actor=request.user, nomination=_load(request, nomination_id),
                                 version=payload.version)
    return nomination_detail(request, nomination_id)


def _summary(request: HttpRequest, call_id: int, union_id: int) -> dict[str, Any]:
    call = load_call(request, call_id)
    union = load_union(request, union_id)
    s = selectors.level_list_summary(scope=manage_scope(request), call=call, union=union)
    return {"call_id": call.pk, "union_id": union.pk, "count": s.count, "persons": s.persons,
            "front_line": s.front_line, "women": s.women, "places": s.places, "problems": [str(p) for p in s.problems]}


@router.get("/honours/calls/{call_id}/levels/{union_id}", response={200: HonourListSummaryOut, **READ},
            summary="本级名单：人数、一线职工和专业技术人员、女性人数、名额，以及上报时将不符合的规则（为空即可上报）")
def level_summary(request: HttpRequest, call_id: PathId, union_id: PathId) -> dict[str, Any]:
    return _summary(request, call_id, union_id)


@router.post("/honours/calls/{call_id}/levels/{union_id}/submit", response={200: list[HonourNominationOut], **WRITE},
             summary="上报本级名单：按名额、一线比例、女性比例和职级限制整体判断，逐条说明不符合的规则和人数；"
                     "发文工会上报即确定最终人选")
def level_submit(request: HttpRequest, call_id: PathId, union_id: PathId) -> list[dict[str, Any]]:
    call = load_call(request, call_id)
    union = load_union(request, union_id)
    moved = services.level_list_submit(actor=request.user, call=call, union=union)
    return [nomination_out(n) for n in moved]

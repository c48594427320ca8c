"""公示, objections, awards and the 劳模 register over the API.

Objections come from the public on the portal (phone proven by SMS) and are 12351 cases; here the
issuing union lists them, the objector's phone masked, and records its verdict once the case is answered.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit
from gonghui.api.honours.nominations import nomination_detail, objection_out
from gonghui.api.honours.router import READ, WRITE, PathId, list_scope, load_call, ref, view_scope
from gonghui.api.honours.schemas import (
    HonourAwardFilters,
    HonourAwardIn,
    HonourAwardOut,
    HonourConcludeIn,
    HonourFiguresOut,
    HonourNominationDetailOut,
    HonourNoticeIn,
    HonourNoticeOut,
    HonourObjectionFilters,
    HonourObjectionOut,
    HonourReasonIn,
    HonourRecordIn,
    HonourRecordOut,
    HonourRegisterDetailOut,
    HonourRegisterFilters,
    HonourRegisterOut,
    HonourRevokeIn,
)
from gonghui.core.errors import NotFound
from gonghui.honours import record_selectors, selectors, services
from gonghui.honours.models import Award, ModelWorker, ModelWorkerRecord, Objection, PublicNotice

router = Router(tags=["honours"])


def notice_out(n: PublicNotice) -> dict[str, Any]:
    return {"id": n.pk, "call_id": n.call_id, "title": n.title, "starts_on": n.starts_on, "ends_on": n.ends_on,
            "working_days": n.working_days, "needs_review": n.needs_review, "contact": n.contact}


def award_out(a: Award) -> dict[str, Any]:
    return {"id": a.pk, "kind": ref(a.kind), "level": a.level, "year": a.year, "name": a.name,
            "nominee_type": a.nominee_type, "id_masked": a.id_masked, "employer_name": a.employer_name,
            "union": ref(a.union), "decision_number": a.decision_number, "decided_on": a.decided_on,
            "certificate_number": a.certificate_number, "status": a.status, "revoked_on": a.revoked_on,
            "revoke_reason": a.revoke_reason, "call_id": a.call_id, "nomination_id": a.nomination_id}


def register_out(m: ModelWorker) -> dict[str, Any]:
    return {"id": m.pk, "name": m.name, "id_masked": m.id_masked, "gender": m.gender, "title": m.title,
            "level": m.level, "year": m.year, "employer_name": m.employer_name, "post": m.post, "union": ref(m.union),
            "status": m.status, "in_hardship": m.in_hardship, "died_on": m.died_on, "revoked_on": m.revoked_on}


def record_out(r: ModelWorkerRecord) -> dict[str, Any]:
    return {"id": r.pk, "kind": r.kind, "year": r.year, "on": r.on,
            "amount": str(r.amount) if r.amount is not None else None, "result": r.result, "note": r.note}


@router.post("/honours/calls/{call_id}/notice", response={201: HonourNoticeOut, **WRITE},
             summary="发布公示：最终人选在职工服务平台公示评选通知规定的工作日数（只公开姓名、单位、职务和事迹摘要）")
def notice_publish(request: HttpRequest, call_id: PathId, payload: HonourNoticeIn,
                   idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    call = load_call(request, call_id)
    create_once_for(request, idempotency_key, payload, lambda: services.notice_publish(
        actor=request.user, call=call, starts_on=payload.starts_on, title=payload.title, contact=payload.contact))
    return Status(201, notice_out(load_call(request, call_id).notice))


@router.get("/honours/objections", response={200: list[HonourObjectionOut], **READ},
            summary="公示异议（异议人电话脱敏）：可按评选通知、是否未作结论筛选；每条异议对应一件12351诉求")
@paginate(Pagination)
def objection_list(request: HttpRequest, filters: Query[HonourObjectionFilters]) -> Any:
    scope = list_scope(request)
    call = load_call(request, filters.call_id, field="call_id") if filters.call_id else None
    return [objection_out(o) for o in selectors.objection_list(scope=scope, unanswered=filters.unanswered, call=call)]


def _objection(request: HttpRequest, pk: int) -> Objection:
    found = selectors.objection_list(scope=view_scope(request)).filter(pk=pk).first()
    if found is None:
        raise NotFound()
    return found


@router.post("/honours/objections/{objection_id}/conclude", response={200: HonourObjectionOut, **WRITE},
             summary="异议核查结论（成立或不成立，须说明；对应的12351诉求办结答复后）")
def objection_conclude(request: HttpRequest, objection_id: PathId, payload: HonourConcludeIn) -> dict[str, Any]:
    services.objection_conclude(actor=request.user, objection=_objection(request, objection_id),
                                verdict=payload.verdict, note=payload.note)
    return objection_out(_objection(request, objection_id))


@router.post("/honours/nominations/{nomination_id}/award", response={201: HonourAwardOut, **WRITE},
             summary="表彰：公示期满且异议均已答复（不成立）后，登记表彰决定文号、日期和证书编号；"
                     "劳动模范等称号同时进入劳模名册")
def award_make(request: HttpRequest, nomination_id: PathId, payload: HonourAwardIn,
               idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    nomination = selectors.nomination_get(scope=view_scope(request), pk=nomination_id)
    values = payload.dict(exclude={"version"})
    pk = create_once_for(request, idempotency_key, payload, lambda: services.award_make(
        actor=request.user, nomination=nomination, version=payload.version, **values))
    return Status(201, award_out(record_selectors.award_get(scope=view_scope(request), pk=pk)))


@router.post("/honours/nominations/{nomination_id}/reject", response={200: HonourNominationDetailOut, **WRITE},
             summary="不予表彰（如公示异议经核实成立；须说明理由）")
def nomination_reject(request: HttpRequest, nomination_id: PathId, payload: HonourReasonIn) -> dict[str, Any]:
    nomination = selectors.nomination_get(scope=view_scope(request), pk=nomination_id)
    services.nomination_reject(actor=request.user, nomination=nomination, reason=payload.reason,
                               version=payload.version)
    return nomination_detail(request, nomination_id)


@router.get("/honours/awards", response={200: list[HonourAwardOut], **READ},
            summary="已授予的荣誉（含已撤销的）：可按年度、级别、状态和荣誉种类筛选")
@paginate(Pagination)
def award_list(request: HttpRequest, filters: Query[HonourAwardFilters]) -> Any:
    rows = record_selectors.award_list(scope=list_scope(request), year=filters.year, level=filters.level or "",
                                       status=filters.status or "", kind_code=filters.kind_code)
    return [award_out(a) for a in rows]


@router.get("/honours/awards/{award_id}", response={200: HonourAwardOut, **READ}, summary="荣誉详情")
def award_get(request: HttpRequest, award_id: PathId) -> dict[str, Any]:
    return award_out(record_selectors.award_get(scope=view_scope(request), pk=award_id))


@router.post("/honours/awards/{award_id}/revoke", response={200: HonourAwardOut, **WRITE},
             summary="撤销荣誉（须说明理由）；劳模名册改为其仍持有的最高称号，没有的标为已撤销称号")
def award_revoke(request: HttpRequest, award_id: PathId, payload: HonourRevokeIn) -> dict[str, Any]:
    award = record_selectors.award_get(scope=view_scope(request), pk=award_id)
    services.award_revoke(actor=request.user, award=award, reason=payload.reason, revoked_on=payload.revoked_on)
    return award_out(record_selectors.award_get(scope=view_scope(request), pk=award_id))


@router.get("/honours/register/figures", response={200: list[HonourFiguresOut], **READ},
            summary="劳模名册统计：各级别在册、已故、已撤销称号和困难劳模人数")
def register_figures(request: HttpRequest) -> list[dict[str, Any]]:
    figures = record_selectors.register_figures(scope=list_scope(request))
    return [{"level": level, **counts} for level, counts in figures.items()]


@router.get("/honours/register", response={200: list[HonourRegisterOut], **READ},
            summary="劳模名册：可按级别、状态、是否困难劳模和姓名/单位筛选（证件号码脱敏）")
@paginate(Pagination)
def register_list(request: HttpRequest, filters: Query[HonourRegisterFilters]) -> Any:
    rows = record_selectors.register_list(scope=list_scope(request), level=filters.level or "",
                                          status=filters.status or "", in_hardship=filters.in_hardship,
                                          query=filters.q)
    return [register_out(m) for m in rows]


def _register_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    scope = view_scope(request)
    entry = record_selectors.register_get(scope=scope, pk=pk)
    return {**register_out(entry), "records": [
        record_out(r) for r in record_selectors.register_records(scope=scope, model_worker=entry)]}


@router.get("/honours/register/{entry_id}", response={200: HonourRegisterDetailOut, **READ},
            summary="劳模名册详情：联系走访、年度考核、劳模津贴、健康体检、疗休养和困难帮扶记录")
def register_get(request: HttpRequest, entry_id: PathId) -> dict[str, Any]:
    return _register_detail(request, entry_id)


@router.post("/honours/register/{entry_id}/records", response={201: HonourRecordOut, **WRITE},
             summary="登记联系走访、年度考核或待遇（劳模津贴、困难帮扶须填金额）")
def register_record_add(request: HttpRequest, entry_id: PathId, payload: HonourRecordIn,
                        idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    entry = record_selectors.register_get(scope=view_scope(request), pk=entry_id)

    def create() -> ModelWorkerRecord:
        with fields_renamed({"record_kind": "kind"}):
            return services.model_worker_record_add(actor=request.user, model_worker=entry, **payload.dict())

    pk = create_once_for(request, idempotency_key, payload, create)
    records = record_selectors.register_records(scope=view_scope(request), model_worker=entry)
    return Status(201, record_out(records.get(pk=pk)))

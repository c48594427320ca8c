"""维权 cases (12351 and the lines that share its engine): intake with a routing suggestion, the
queues, a case with its timeline, each step of the workflow, 督办, attachments and the figures.

Cases load through case.view, so an out-of-scope case is a 404 like a missing one; the services then
refuse with 403 a cadre who sees a case but may not act on it, and with 409 a lost race.
"""

import datetime
from collections.abc import Callable
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.cases.schemas import (
    CaseFilters,
    CaseListOut,
    CaseOut,
    FiguresFilters,
    FiguresOut,
    IntakeIn,
    IntakeOut,
    RouteIn,
    RouteOut,
    Versioned,
)
from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.cases import services
from gonghui.cases.choices import Category
from gonghui.cases.dashboard import case_figures
from gonghui.cases.models import Case
from gonghui.cases.routing import route
from gonghui.cases.selectors import CaseDetail, case_detail, case_get, case_queue_filtered
from gonghui.core.audit import actor_shown
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import region_label, tree_roots, union_get

router = Router(tags=["cases"])

CaseId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
DONE: dict[Any, Any] = {200: CaseOut, **WRITE}


def _scope(request: HttpRequest, permission: str = Perm.CASE_VIEW) -> Scope:
    return scope_for(request.user, permission)


def _union(request: HttpRequest, pk: int, permission: str, field: str) -> TradeUnion:
    try:
        return union_get(scope=_scope(request, permission), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def _load(request: HttpRequest, case_id: int) -> Case:
    # The version the client read travels to the service, which refuses a stale one as a lost race.
    return case_get(scope=_scope(request), pk=case_id)


def case_out(detail: CaseDetail) -> dict[str, Any]:
    case = detail.case

    def union(u: TradeUnion | None) -> dict[str, Any] | None:
        return {"id": u.pk, "name": u.name} if u is not None else None

    return {
        **CaseListOut.of(case), "address": case.address, "employer_credit_code": case.employer_credit_code,
        "description": case.description, "intake_union": union(case.intake_union),
        "lawyer": {"id": case.lawyer.pk, "name": case.lawyer.full_name} if case.lawyer else None,
        "outcome": case.outcome, "money_recovered": case.money_recovered, "people_helped": case.people_helped,
        "rating": case.rating, "callback_note": case.callback_note, "escalation_level": case.escalation_level,
        "identity_withheld": case.identity_withheld, "actions": detail.actions,
        "events": [{"action": e.action, "old_status": e.old_status, "new_status": e.new_status,
                    "actor": actor_shown(e.actor_label), "note": e.note, "from_union": union(e.from_union),
                    "to_union": union(e.to_union), "at": e.at} for e in detail.events],
        "supervisions": [{"id": s.pk, "by_union": union(s.by_union), "note": s.note, "reply_due": s.reply_due,
                          "reply": s.reply, "replied_at": s.replied_at, "created_at": s.created_at}
                         for s in detail.supervisions],
        "attachments": [{"id": a.pk, "name": a.name, "content_type": a.content_type, "size": a.size,
                         "sha256": a.sha256, "at": a.at} for a in detail.attachments],
    }


def _detail(request: HttpRequest, case_id: int) -> dict[str, Any]:
    return case_out(case_detail(scope=_scope(request), pk=case_id, actor=request.user))


@router.get("/cases", response={200: list[CaseListOut], **READ}, summary=(
    "案件队列：todo 需要我处理（指派给我的，或在我所在工会待签收、待办理的），mine 我承办的，union 本单位，"
    "overdue 已超期，supervised 督办中，all 范围内全部；可按状态、类别、难度、条线筛选，按编号查找"))
@paginate(Pagination)
def case_queue_list(request: HttpRequest, filters: Query[CaseFilters]) -> Any:
    view_scope = _scope(request)
    union = None
    if filters.queue == "union":
        own = getattr(request.user, "org", None)
        union = own if own is not None and view_scope.covers(own.path) else tree_roots(scope=view_scope).first()
    qs = case_queue_filtered(scope=view_scope, queue=filters.queue, user=request.user, union=union,
                             status=filters.status or "", category=filters.category or "", line=filters.line or "",
                             difficulty=filters.difficulty or "", query=filters.q or "")
    return [CaseListOut.of(c) for c in qs]


@router.post("/cases", response={201: IntakeOut, **WRITE}, summary="受理：记录一次来电、网上或来访诉求，返回案件编号"
             "和近30天同一电话或同一用人单位的案件编号（仅提示）")
def case_create(request: HttpRequest, payload: IntakeIn) -> Status[dict[str, Any]]:
    union = _union(request, payload.union_id, Perm.CASE_VIEW, "union_id")
    data = payload.dict(exclude={"union_id", "difficulty", "dispatch_to"}, exclude_none=True)
    target = None if payload.dispatch_to is None else \
        _union(request, payload.dispatch_to, Perm.CASE_HANDLE, "dispatch_to")
    with fields_renamed({"union": "union_id"}):
        result = services.case_intake(actor=request.user, union=union, data=data,
                                      difficulty=payload.difficulty or "", dispatch_to=target)
    return Status(201, {"case": CaseListOut.of(case_get(scope=_scope(request), pk=result.case.pk)),
                        "possible_duplicates": result.possible_duplicates})


@router.post("/cases/route", response={200: RouteOut, **WRITE},
             summary="分派建议：按诉求内容、用人单位和地址建议问题类别、诉求类型、行政区划和承办工会（不写入）")
def case_route(request: HttpRequest, payload: RouteIn) -> dict[str, Any]:
    view_scope = _scope(request, Perm.CASE_HANDLE)
    if payload.union_id is not None:
        centre = _union(request, payload.union_id, Perm.CASE_VIEW, "union_id")
    else:
        own = getattr(request.user, "org", None)
        if own is None or not _scope(request).covers(own.path):
            raise ValidationFailed(field="union_id", code="required")
        centre = own
    routing = route(scope=view_scope, centre=centre, text=payload.text, credit_code=payload.employer_credit_code,
                    employer_name=payload.employer_name, address=payload.address)
    suggestion = routing.union
    return {
        "categories": [{"category": c, "label": str(Category(c).label), "probability": round(p, 4)}
                       for c, p in routing.categories],
        "kind": routing.kind, "region": suggestion.region.adcode if suggestion.region else None,
        "region_label": region_label(suggestion.region.adcode) or None if suggestion.region else None,
        "industry": routing.industry, "basis": suggestion.basis, "reason": str(suggestion.reason),
        "union": {"id": suggestion.union.pk, "name": suggestion.union.name} if suggestion.union else None,
        "employer_id": suggestion.employer.pk if suggestion.employer else None,
    }


@router.get("/cases/figures", response={200: FiguresOut, **READ},
            summary="维权统计：[start, end) 内受理的案件，来电、工单、各状态/类别/难度、"
                    "按时办结率、办结率、满意率、挽回经济损失（元）")
def case_figures_get(request: HttpRequest, filters: Query[FiguresFilters]) -> dict[str, Any]:
    if filters.end <= filters.start:
        raise ValidationFailed(field="end", code="range")
    tz = timezone.get_default_timezone()
    start = datetime.datetime.combine(filters.start, datetime.time.min, tzinfo=tz)
    end = datetime.datetime.combine(filters.end, datetime.time.min, tzinfo=tz)
    union = _union(request, filters.union, Perm.CASE_VIEW, "union") if filters.union else None
    figures = case_figures(scope=_scope(request), union=union, start=start, end=end, line=filters.line or "")
    return {**figures.__dict__, "on_time_rate": figures.on_time_rate, "closure_rate": figures.closure_rate,
            "satisfaction_rate": figures.satisfaction_rate}


@router.get("/cases/{case_id}", response={200: CaseOut, **READ}, summary="案件详情、办理过程、督办和附件")
def case_get_one(request: HttpRequest, case_id: CaseId) -> dict[str, Any]:
    return _detail(request, case_id)


def _step(request: HttpRequest, case_id: int, payload: Versioned, fn: Callable[..., Any], **kwargs: Any
          ) -> dict[str, Any]:
    case = _load(request, case_id)
    with fields_renamed({"union": "union_id", "handler": "handler_id", "lawyer": "lawyer_id",
                         "callback_note": "note"}):
        done = fn(actor=request.user, case=case, version=payload.version, **kwargs)
    try:
        return _detail(request, case_id)
    except NotFound:
        # Returned or escalated out of the actor's scope: the answer is the case as the step left it,
        # without the timeline the actor may no longer read.
        return case_out(CaseDetail(done if isinstance(done, Case) else case, [], [], [], []))

"""荣誉评选 over the API: award kinds, calls (评选通知) with their quotas and progress, and what every
honours router shares.

Records load through honours.view, so another county's nomination is a 404 like a missing one; the
services refuse with 403 one who sees but may not manage, and a step taken on a record already moved
on (its `version`, or its status) with 409 or 400 naming the field.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut, Omit
from gonghui.api.common.unions import load_union
from gonghui.api.honours.schemas import (
    HonourCallDetailOut,
    HonourCallFilters,
    HonourCallIn,
    HonourCallOut,
    HonourKindOut,
    HonourProgressOut,
    HonourQuotaIn,
    HonourReasonIn,
)
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.honours import selectors, services
from gonghui.honours.models import Call
from gonghui.orgs.scope import Scope, scope_for

router = Router(tags=["honours"])

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.HONOURS_VIEW)


def manage_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.HONOURS_MANAGE)


def list_scope(request: HttpRequest) -> Scope:
    """A list for someone who holds the permission nowhere is a refusal, not an empty page."""
    scope = view_scope(request)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def load_call(request: HttpRequest, pk: int, field: str | None = None) -> Call:
    try:
        return selectors.call_get(scope=view_scope(request), pk=pk)
    except NotFound as exc:
        exc.field = field
        raise


def ref(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "name": obj.name}


def call_out(c: Call) -> dict[str, Any]:
    return {"id": c.pk, "title": c.title, "year": c.year, "union": ref(c.union), "kind": ref(c.kind),
            "status": c.status, "status_label": str(c.get_status_display()), "document_number": c.document_number,
            "nominations_due": c.nominations_due, "reviews_due": c.reviews_due, "places": c.places,
            "front_line_min_pct": c.front_line_min_pct, "women_min_pct": c.women_min_pct,
            "excluded_ranks": list(c.excluded_ranks), "notice_working_days": c.notice_working_days,
            "version": c.version}


def call_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    c = selectors.call_get(scope=view_scope(request), pk=pk)
    notice = getattr(c, "notice", None)
    return {**call_out(c), "rules_note": c.rules_note, "notice_id": notice.pk if notice is not None else None}


@router.get("/honours/kinds", response={200: list[HonourKindOut], **READ},
            summary="荣誉种类（五一劳动奖章、劳动模范、工人先锋号等）：级别、推荐对象类型、是否纳入劳模名册")
def kind_list(request: HttpRequest) -> Any:
    list_scope(request)
    return list(selectors.award_kind_list())


@router.get("/honours/calls", response={200: list[HonourCallOut], **READ},
            summary="评选通知：本级和上级发布、下级可推荐的通知，可按状态和年度筛选")
@paginate(Pagination)
def call_list(request: HttpRequest, filters: Query[HonourCallFilters]) -> Any:
    return [call_out(c) for c in selectors.call_list(scope=list_scope(request), status=filters.status or "",
                                                     year=filters.year)]


@router.post("/honours/calls", response={201: HonourCallDetailOut, **WRITE},
             summary="发布评选通知：荣誉种类须为本级工会的级别；名额、一线职工和女性比例、不得推荐的职级、各阶段截止日期")
def call_issue(request: HttpRequest, payload: HonourCallIn,
               idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    union = load_union(request, payload.union_id, field="union_id")
    kind = selectors.award_kind_list().filter(code=payload.kind_code).first()
    if kind is None:
        raise NotFound(field="kind_code")
    values = payload.dict(exclude={"union_id", "kind_code"})

    def create() -> Call:
        with fields_renamed({"kind": "kind_code", "union": "union_id"}):
            return services.call_issue(actor=request.user, union=union, kind=kind, **values)

    return Status(201, call_detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/honours/calls/{call_id}", response={200: HonourCallDetailOut, **READ}, summary="评选通知详情")
def call_get(request: HttpRequest, call_id: PathId) -> dict[str, Any]:
    return call_detail(request, call_id)


@router.put("/honours/calls/{call_id}/quotas/{union_id}", response={200: HonourProgressOut, **WRITE},
            summary="给下级工会分配名额（不少于其已通过的人数；仅在推荐评选期间）")
def quota_set(request: HttpRequest, call_id: PathId, union_id: PathId, payload: HonourQuotaIn) -> dict[str, Any]:
    c = load_call(request, call_id)
    union = load_union(request, union_id)
    services.call_quota_set(actor=request.user, call=c, union=union, places=payload.places)
    return call_progress(request, call_id)


@router.get("/honours/calls/{call_id}/progress", response={200: HonourProgressOut, **READ},
            summary="评选进度：各下级工会的名额、已用、剩余、待审和已通过待上报人数，以及各状态合计")
def call_progress(request: HttpRequest, call_id: PathId) -> dict[str, Any]:
    scope = view_scope(request)
    c = selectors.call_get(scope=scope, pk=call_id)
    return {"call_id": c.pk, "totals": selectors.call_totals(scope=scope, call=c),
            "quotas": [{"union": ref(q.union), "places": q.places, "used": q.used, "left": q.left,
                        "waiting": q.waiting, "selected": q.selected}
                       for q in selectors.call_progress(scope=scope, call=c)]}


@router.post("/honours/calls/{call_id}/cancel", response={200: HonourCallDetailOut, **WRITE},
             summary="撤销评选通知（须说明理由；仅在推荐评选期间）")
def call_cancel(request: HttpRequest, call_id: PathId, payload: HonourReasonIn) -> dict[str, Any]:
    services.call_cancel(actor=request.user, call=load_call(request, call_id), reason=payload.reason)
    return call_detail(request, call_id)


@router.post("/honours/calls/{call_id}/decide", response={200: HonourCallDetailOut, **WRITE},
             summary="评选结束：公示对象均已作出表彰或不予表彰决定后")
def call_decide(request: HttpRequest, call_id: PathId) -> dict[str, Any]:
    services.call_decide(actor=request.user, call=load_call(request, call_id))
    return call_detail(request, call_id)

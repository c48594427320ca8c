"""工会活动 over the API: activities and every step a union takes on them, the sign-up list with the
waiting list (phones masked), check-in by a cadre at the door, the door code's address and the figures.
A worker signs up, cancels and checks in on the portal (their own phone-verified session), not here.

Records load through activity.view, so another county's activity is a 404 like a missing one; the
services refuse with 403 one who sees but may not manage."""

from dataclasses import asdict
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.activities import selectors, services
from gonghui.activities.figures import activity_figures
from gonghui.activities.models import Activity, SignUp
from gonghui.api.activities.schemas import (
    ActivityCancelIn,
    ActivityCheckinOut,
    ActivityEditIn,
    ActivityFiguresFilters,
    ActivityFiguresOut,
    ActivityFilters,
    ActivityIn,
    ActivityOut,
    ActivitySignUpOut,
)
from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut, Omit
from gonghui.api.common.unions import load_union
from gonghui.core.errors import PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for

router = Router(tags=["activities"])

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
RENAMED = {"region": "adcode", "organiser": "union_id", "audience_union": "audience_union_id"}


def view_scope(request: HttpRequest) -> Scope:
    scope = scope_for(request.user, Perm.ACTIVITY_VIEW)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def load(request: HttpRequest, pk: int) -> Activity:
    return selectors.activity_get(scope=view_scope(request), pk=pk)


def ref(union: Any) -> dict[str, Any] | None:
    return {"id": union.pk, "name": union.name} if union is not None else None


def out(a: Activity) -> dict[str, Any]:
    return {"id": a.pk, "organiser": ref(a.organiser), "kind": a.kind, "title": a.title,
            "description": a.description, "audience": a.audience, "audience_union": ref(a.audience_union),
            "capacity": a.capacity, "taken": getattr(a, "taken", 0), "waiting": getattr(a, "waiting", 0),
            "checked_in": getattr(a, "checked_in", 0), "no_shows": a.no_shows, "signup_opens_at": a.signup_opens_at,
            "signup_closes_at": a.signup_closes_at, "starts_at": a.starts_at, "ends_at": a.ends_at, "fee": a.fee,
            "adcode": a.region_id, "address": a.address, "status": a.status,
            "status_label": str(a.get_status_display()), "cancel_reason": a.cancel_reason, "version": a.version}


def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return out(load(request, pk))


def _data(payload: ActivityIn) -> dict[str, Any]:
    data = payload.dict(exclude={"union_id", "adcode", "audience_union_id", "version"})
    return data | {"region": payload.adcode, "audience_union": payload.audience_union_id}


@router.get("/activities", response={200: list[ActivityOut], **READ},
            summary="工会活动：本级及下级工会主办的活动，可按类型、状态和名称筛选")
@paginate(Pagination)
def activity_list(request: HttpRequest, filters: Query[ActivityFilters]) -> Any:
    return [out(a) for a in selectors.activity_list(scope=view_scope(request), kind=filters.kind or "",
                                                    status=filters.status or "", q=filters.q or "")]


@router.post("/activities", response={201: ActivityOut, **WRITE},
             summary="新建活动（草稿）：类型、报名范围（本工会或某下级工会的会员，或面向社会）、名额、报名时间、活动时间、费用、地点")
def activity_create(request: HttpRequest, payload: ActivityIn,
                    idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    union = load_union(request, payload.union_id, field="union_id")

    def create() -> Activity:
        with fields_renamed(RENAMED):
            return services.activity_create(actor=request.user, organiser=union, data=_data(payload))

    return Status(201, detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/activities/figures", response={200: ActivityFiguresOut, **READ},
            summary="活动统计：场次、参与人次（签到人次）、覆盖会员（不同会员人数），按类型和下级工会")
def figures(request: HttpRequest, filters: Query[ActivityFiguresFilters]) -> dict[str, Any]:
    root = load_union(request, filters.union_id, field="union_id")
    got = activity_figures(scope=view_scope(request), root=root, start=filters.start, end=filters.end,
                           kind=filters.kind or "")
    return {"total": asdict(got.total), "by_kind": [asdict(r) for r in got.by_kind],
            "by_branch": [asdict(r) for r in got.by_branch]}


@router.get("/activities/{activity_id}", response={200: ActivityOut, **READ}, summary="活动详情")
def activity_get(request: HttpRequest, activity_id: PathId) -> dict[str, Any]:
    return detail(request, activity_id)


@router.put("/activities/{activity_id}", response={200: ActivityOut, **WRITE},
            summary="修改活动（草稿或报名中）：名额不能少于已报名人数，增加的名额按候补顺序递补并短信通知")
def activity_edit(request: HttpRequest, activity_id: PathId, payload: ActivityEditIn) -> dict[str, Any]:
    activity = load(request, activity_id)
    with fields_renamed(RENAMED):
        services.activity_edit(actor=request.user, activity=activity, data=_data(payload),
                               version=payload.version)
    return detail(request, activity_id)


@router.post("/activities/{activity_id}/publish", response={200: ActivityOut, **WRITE},
             summary="发布活动：报名范围内的会员可在报名时间内报名")
def activity_publish(request: HttpRequest, activity_id: PathId) -> dict[str, Any]:
    services.activity_publish(actor=request.user, activity=load(request, activity_id))
    return detail(request, activity_id)


@router.post("/activities/{activity_id}/cancel", response={200: ActivityOut, **WRITE},
             summary="取消活动：须说明原因，已报名和候补的人收到短信")
def activity_cancel(request: HttpRequest, activity_id: PathId, payload: ActivityCancelIn) -> dict[str, Any]:
    services.activity_cancel(actor=request.user, activity=load(request, activity_id), reason=payload.reason)
    return detail(request, activity_id)


@router.post("/activities/{activity_id}/finish", response={200: ActivityOut, **WRITE},
             summary="结束活动（活动结束后）：已报名未签到的记为未到")
def activity_finish(request: HttpRequest, activity_id: PathId) -> dict[str, Any]:
    services.activity_finish(actor=request.user, activity=load(request, activity_id))
    return detail(request, activity_id)


def _checkin(request: HttpRequest, activity: Activity) -> dict[str, Any]:
    base = settings.GONGHUI_PORTAL_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    path = reverse("portal:activity_checkin", args=[activity.pk, services.checkin_token(activity)])
    return {"activity_id": activity.pk, "url": base + path}


@router.get("/activities/{activity_id}/checkin-code", response={200: ActivityCheckinOut, **READ},
            summary="现场签到码的网址（打印成二维码）")
def checkin_code(request: HttpRequest, activity_id: PathId) -> dict[str, Any]:
    return _checkin(request, load(request, activity_id))


@router.post("/activities/{activity_id}/checkin-code", response={200: ActivityCheckinOut, **WRITE},
             summary="更换签到码：已打印的旧签到码失效")
def checkin_rotate(request: HttpRequest, activity_id: PathId) -> dict[str, Any]:
    return _checkin(request, services.activity_rotate_checkin(actor=request.user, activity=load(request, activity_id)))


def signup_out(s: SignUp, place: int | None) -> dict[str, Any]:
    return {"id": s.pk, "name": s.name, "phone_masked": s.phone_masked, "member": s.member_id is not None,
            "status": s.status, "waiting_place": place, "walk_in": s.walk_in, "signed_up_at": s.signed_up_at,
            "checked_in_at": s.checked_in_at}


@router.get("/activities/{activity_id}/signups", response={200: list[ActivitySignUpOut], **READ},
            summary="报名名单（手机号脱敏）：先列占名额的，再按顺序列候补")
@paginate(Pagination)
def signup_list(request: HttpRequest, activity_id: PathId) -> Any:
    rows, line = [], 0
    for s in selectors.signup_list(activity=load(request, activity_id)):
        line += s.status == "waiting"
        rows.append(signup_out(s, line if s.status == "waiting" else None))
    return rows


@router.post("/activities/signups/{signup_id}/check-in", response={200: ActivitySignUpOut, **WRITE},
             summary="工作人员代为签到（未带手机的人）；已签到的再次签到返回409")
def signup_check_in(request: HttpRequest, signup_id: PathId) -> dict[str, Any]:
    signup = selectors.signup_get(scope=view_scope(request), pk=signup_id)
    return signup_out(services.signup_check_in_by_staff(actor=request.user, signup=signup), None)

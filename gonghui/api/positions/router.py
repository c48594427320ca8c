"""服务阵地 over the API: the kinds and services, the list with its filters and the 60-day idle list,
one position, registering and editing it, 暂停/恢复开放/关闭, and its 服务人次 by month.

Positions load through positions.view, so another union's position is a 404 like a missing one; the
services refuse with 403 one who sees but may not manage, and a step on a position changed meanwhile
(its `version`) with 409."""

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit
from gonghui.api.common.unions import load_union
from gonghui.api.positions.common import (
    READ,
    RENAMED,
    WRITE,
    PathId,
    list_scope,
    load_employer,
    load_position,
    position_detail,
    position_out,
)
from gonghui.api.positions.schemas import (
    PositionDetailOut,
    PositionFilters,
    PositionIdleOut,
    PositionIn,
    PositionKindsOut,
    PositionOut,
    PositionPatch,
    PositionStatusIn,
    PositionVisitsOut,
)
from gonghui.positions import selectors
from gonghui.positions.choices import PositionAction
from gonghui.positions.coverage import area_filter
from gonghui.positions.models import ServicePosition
from gonghui.positions.services import positions as services

router = Router(tags=["positions"])
DONE: dict[Any, Any] = {200: PositionDetailOut, **WRITE}
Months = Annotated[int, Query(ge=1, le=36)]


@router.get("/positions/kinds", response={200: PositionKindsOut, **READ},
            summary="阵地类型（职工之家、职工书屋、工会驿站……）和服务项目（饮水、热饭、休息……）的代码")
def kind_list(request: HttpRequest) -> dict[str, Any]:
    list_scope(request)
    return {"kinds": [{"code": k.code, "name": k.name, "short_name": k.short_name, "has_rating": k.has_rating}
                      for k in selectors.kinds()],
            "services": [{"code": s.code, "name": s.name} for s in selectors.services()]}


@router.get("/positions", response={200: list[PositionOut], **READ},
            summary="服务阵地列表：可按类型、状态、服务项目、区划（省市县6位或乡镇9位代码）、60天无人签到和名称地址查找筛选；"
                    "坐标为 WGS-84")
@paginate(Pagination)
def position_list(request: HttpRequest, filters: Query[PositionFilters]) -> Any:
    scope = list_scope(request)  # another county's division is not found, as on the pages
    return [position_out(p) for p in selectors.position_list(
        scope=scope, kind=filters.kind or "", status=filters.status or "",
        service=filters.service or "", division=area_filter(scope=scope, division=filters.division or ""),
        idle=filters.idle, query=filters.q)]


@router.get("/positions/idle", response={200: list[PositionIdleOut], **READ},
            summary="60天无人签到的服务阵地（开放满60天、60天内无签到），最久无人的在前")
@paginate(Pagination)
def idle_list(request: HttpRequest) -> Any:
    today = timezone.localdate()
    rows = selectors.position_list(scope=list_scope(request), idle=True, today=today)
    out = [{**position_out(p), "days_idle": (today - (p.last_visit_on or p.opened_on)).days} for p in rows]
    return sorted(out, key=lambda row: -row["days_idle"])


@router.post("/positions", response={201: PositionDetailOut, **WRITE},
             summary="登记服务阵地：坐标默认 GCJ-02（高德、腾讯地图拾取），GPS 坐标请写 datum=wgs84；须在中国境内、"
                     "所填区划内；依托单位或所在场所至少填一项")
def position_create(request: HttpRequest, payload: PositionIn,
                    idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    owner = load_union(request, payload.union_id, field="union_id")
    data = payload.dict(exclude={"union_id", "host_employer_id", "studio_id"}, exclude_none=True)
    data["host_employer"] = load_employer(request, payload.host_employer_id)
    data["studio"] = payload.studio_id  # the service takes the id and checks it against the owner union

    def create() -> ServicePosition:
        with fields_renamed(RENAMED):
            return services.position_create(actor=request.user, owner=owner, data=data)

    return Status(201, position_detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/positions/{position_id}", response={200: PositionDetailOut, **READ},
            summary="服务阵地详情：开放时间、今后的特殊日期、服务项目、年检、照片、签到二维码内容和变更记录")
def position_get(request: HttpRequest, position_id: PathId) -> dict[str, Any]:
    return position_detail(request, position_id)


@router.patch("/positions/{position_id}", response=DONE,
              summary="修改服务阵地（只改所送的字段；经纬度须一并送，datum 默认 gcj02；已关闭的不能修改）")
def position_edit(request: HttpRequest, position_id: PathId, payload: PositionPatch) -> dict[str, Any]:
    position = load_position(request, position_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    if "host_employer_id" in data:
        data["host_employer"] = load_employer(request, data.pop("host_employer_id"))
    if "studio_id" in data:
        data["studio"] = data.pop("studio_id")
    with fields_renamed(RENAMED):
        services.position_edit(actor=request.user, position=position, data=data, version=version)
    return position_detail(request, position_id)


def _status(request: HttpRequest, pk: int, action: str, payload: PositionStatusIn) -> dict[str, Any]:
    services.position_set_status(actor=request.user, position=load_position(request, pk), action=action,
                                 reason=payload.reason, version=payload.version)
    return position_detail(request, pk)


@router.post("/positions/{position_id}/suspend", response=DONE, summary="暂停开放（须说明原因；近邻查询不再列出）")
def position_suspend(request: HttpRequest, position_id: PathId, payload: PositionStatusIn) -> dict[str, Any]:
    return _status(request, position_id, PositionAction.SUSPEND, payload)


@router.post("/positions/{position_id}/reopen", response=DONE, summary="恢复开放（暂停的服务阵地）")
def position_reopen(request: HttpRequest, position_id: PathId, payload: PositionStatusIn) -> dict[str, Any]:
    return _status(request, position_id, PositionAction.REOPEN, payload)


@router.post("/positions/{position_id}/close", response=DONE,
             summary="关闭（须说明原因；关闭后不能恢复，重新启用的场所另行登记）")
def position_close(request: HttpRequest, position_id: PathId, payload: PositionStatusIn) -> dict[str, Any]:
    return _status(request, position_id, PositionAction.CLOSE, payload)


@router.get("/positions/{position_id}/visits", response={200: PositionVisitsOut, **READ},
            summary="服务人次（扫码签到）按月统计，最近的月份在前，无签到的月份为0")
def position_visits(request: HttpRequest, position_id: PathId, months: Months = 12) -> dict[str, Any]:
    position = load_position(request, position_id)
    return {"position_id": position.pk, "months": [{"month": f"{m:%Y-%m}", "visits": n}
                                                   for m, n in selectors.visits_by_month(position=position,
                                                                                         months=months)]}

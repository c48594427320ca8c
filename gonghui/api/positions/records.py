"""What hangs off a position over the API: its weekly hours (replaced whole), dated exceptions, 年检
and photos. Each answers with the position's detail, as the console shows it after the step."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest, HttpResponseBase
from ninja import File, Form, Path, Router, Status, UploadedFile

from gonghui.api.common.errors import fields_renamed
from gonghui.api.positions.common import READ, RENAMED, WRITE, PathId, load_position, position_detail
from gonghui.api.positions.schemas import (
    PositionDetailOut,
    PositionExceptionIn,
    PositionHoursIn,
    PositionInspectionIn,
)
from gonghui.core.uploads import upload_response
from gonghui.positions import selectors
from gonghui.positions.hours import Span, parse_time
from gonghui.positions.services import positions as services

router = Router(tags=["positions"])
DONE: dict[Any, Any] = {200: PositionDetailOut, **WRITE}
PathDay = Annotated[datetime.date, Path(ge=datetime.date(1900, 1, 1), le=datetime.date(2100, 12, 31))]
PHOTO_DOC = {"responses": {200: {"description": "照片原件（以附件下载）", "content": {
    "image/jpeg": {"schema": {"type": "string", "format": "binary"}},
    "image/png": {"schema": {"type": "string", "format": "binary"}}}}}}


@router.put("/positions/{position_id}/hours", response=DONE,
            summary="设置每周开放时间（整周替换，全部或全不；跨夜写 22:00–次日06:00，24小时写 00:00–24:00；"
                    "重叠或结束早于开始的时段被拒绝）")
def hours_set(request: HttpRequest, position_id: PathId, payload: PositionHoursIn) -> dict[str, Any]:
    position = load_position(request, position_id)
    spans = [Span(s.weekday, parse_time(s.opens, field=f"spans.{i}.opens"),
                  parse_time(s.closes, field=f"spans.{i}.closes", end=True)) for i, s in enumerate(payload.spans)]
    with fields_renamed({"hours": "spans"}):
        services.position_set_hours(actor=request.user, position=position, spans=spans, version=payload.version)
    return position_detail(request, position_id)


@router.put("/positions/{position_id}/exceptions/{day}", response=DONE,
            summary="设置某一天的特殊安排：闭馆，或当天的特殊开放时间（替换该日原有安排）")
def exception_set(request: HttpRequest, position_id: PathId, day: PathDay,
                  payload: PositionExceptionIn) -> dict[str, Any]:
    position = load_position(request, position_id)
    opens = closes = None
    if not payload.closed:
        opens = parse_time(payload.opens or "", field="opens")
        closes = parse_time(payload.closes or "", field="closes", end=True)
    with fields_renamed(RENAMED):
        services.position_set_exception(actor=request.user, position=position, day=day, closed=payload.closed,
                                        opens=opens, closes=closes, note=payload.note)
    return position_detail(request, position_id)


@router.delete("/positions/{position_id}/exceptions/{day}", response=DONE,
               summary="删除某一天的特殊安排（恢复按每周开放时间）")
def exception_remove(request: HttpRequest, position_id: PathId, day: PathDay) -> dict[str, Any]:
    with fields_renamed(RENAMED):
        services.position_set_exception(actor=request.user, position=load_position(request, position_id), day=day,
                                        closed=True, remove=True)
    return position_detail(request, position_id)


@router.post("/positions/{position_id}/inspections", response={201: PositionDetailOut, **WRITE},
             summary="登记年检（每年一次；限期整改须写整改期限，晚于检查日期；不合格、限期整改须写检查发现）")
def inspection_add(request: HttpRequest, position_id: PathId, payload: PositionInspectionIn) -> Status[Any]:
    services.position_inspect(actor=request.user, position=load_position(request, position_id), year=payload.year,
                              inspected_on=payload.inspected_on, result=payload.result, findings=payload.findings,
                              rectify_by=payload.rectify_by, inspector=payload.inspector)
    return Status(201, position_detail(request, position_id))


@router.post("/positions/{position_id}/photos", response={201: PositionDetailOut, **WRITE},
             summary="上传照片（JPG或PNG，按内容识别类型，不超过5MB，每个阵地最多12张）")
def photo_add(request: HttpRequest, position_id: PathId, file: File[UploadedFile],
              caption: Form[str] = "") -> Status[Any]:
    services.position_photo_add(actor=request.user, position=load_position(request, position_id), upload=file,
                                caption=caption)
    return Status(201, position_detail(request, position_id))


@router.get("/positions/{position_id}/photos/{photo_id}", response=READ, openapi_extra=PHOTO_DOC,
            summary="下载一张照片（能查看该服务阵地即可）")
def photo_get(request: HttpRequest, position_id: PathId, photo_id: PathId) -> HttpResponseBase:
    photo = selectors.position_photo(position=load_position(request, position_id), pk=photo_id)
    return upload_response(photo)  # type: ignore[no-any-return]


@router.delete("/positions/{position_id}/photos/{photo_id}", response=DONE, summary="删除一张照片")
def photo_remove(request: HttpRequest, position_id: PathId, photo_id: PathId) -> dict[str, Any]:
    photo = selectors.position_photo(position=load_position(request, position_id), pk=photo_id)
    services.position_photo_remove(actor=request.user, photo=photo)
    return position_detail(request, position_id)

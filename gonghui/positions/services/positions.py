"""服务阵地: registering and editing a position, its status (暂停/恢复/关闭), its hours, 年检, photos."""

import datetime
import os
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.core.storage import atomic_with_files, create_with_file
from gonghui.core.uploads import UploadRule, check_upload
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.positions.choices import TRANSITIONS, InspectionResult, PositionAction, PositionStatus, RatingLevel
from gonghui.positions.hours import (
    DayException,
    Span,
    check_exception,
    check_spans,
    format_minutes,
    weekday_label,
)
from gonghui.positions.models import (
    PositionDayException,
    PositionHours,
    PositionInspection,
    PositionKind,
    PositionPhoto,
    PositionService,
    ServicePosition,
)
from gonghui.positions.services.common import (
    GCJ02,
    clean_day,
    clean_int,
    clean_point,
    clean_text,
    record,
    require_manage,
    who,
)
from gonghui.skills.models import InnovationStudio

CONCURRENT_CHANGE = _("该服务阵地刚刚已被他人修改，请刷新后再操作。")
MAX_PHOTOS = 12
MAX_PHOTO_MB = 5
PHOTO_RULE = UploadRule({"image/jpeg": ((".jpg", ".jpeg"), (b"\xff\xd8\xff",)),
                         "image/png": ((".png",), (b"\x89PNG\r\n\x1a\n",))}, _("照片"), _("JPG或PNG图片"), MAX_PHOTO_MB)
EDITABLE = ("name", "kind", "host_employer", "place_name", "region", "address", "lat", "lng", "contact_name",
            "contact_phone", "facilities", "area_m2", "star_level", "rating_level", "rating_year", "studio",
            "opened_on")


def _kind(value: Any) -> PositionKind:
    if isinstance(value, PositionKind):
        return value
    kind = PositionKind.objects.filter(code=str(value or ""), active=True).first()
    if kind is None:
        raise ValidationFailed(_("请选择阵地类型。"), field="kind", code="choice")
    return kind


def _region(value: Any) -> Region:
    code = value.adcode if isinstance(value, Region) else str(value or "").strip()
    region = Region.objects.filter(adcode=code, is_current=True).first() if code else None
    if region is None or region.level not in (Region.RegionLevel.COUNTY, Region.RegionLevel.TOWN):
        raise ValidationFailed(_("请选择所在区划（到县区或乡镇街道）。"), field="region", code="choice")
    return region


def _services(values: Any) -> list[PositionService]:
    codes = [v.code if isinstance(v, PositionService) else str(v) for v in (values or [])]
    rows = list(PositionService.objects.filter(code__in=codes, active=True))
    if len(rows) != len(set(codes)):
        raise ValidationFailed(_("服务项目中有无效的选项。"), field="services", code="choice")
    return rows


def _studio(value: Any, kind: PositionKind, owner: TradeUnion) -> InnovationStudio | None:
    """The studio a 创新工作室 position is, given as a studio or its id (console and API alike): one of the
    owner union's subtree only."""
    if value in (None, ""):
        return None
    pk = value.pk if isinstance(value, InnovationStudio) else value
    studio = (InnovationStudio.objects.filter(pk=pk, org_path__startswith=owner.path).first()
              if str(pk).isdigit() else None)
    if studio is None or not kind.is_studio:
        raise ValidationFailed(_("只有创新工作室类阵地可以关联本工会管辖范围内的创新工作室。"), field="studio",
                               code="choice")
    return studio


def _clean(owner: TradeUnion, data: dict[str, Any], today: datetime.date) -> dict[str, Any]:
    kind = _kind(data.get("kind"))
    region = _region(data.get("region"))
    lat, lng = clean_point(data.get("lat"), data.get("lng"), datum=data.get("datum") or GCJ02, region=region)
    host = data.get("host_employer")
    if host is not None and not (isinstance(host, Employer) and host.org_path.startswith(owner.path)):
        raise ValidationFailed(_("依托单位须在主管工会的管辖范围内。"), field="host_employer", code="elsewhere")
    place = clean_text(data.get("place_name"), field="place_name", max_length=100)
    if host is None and not place:
        raise ValidationFailed(_("请填写依托单位或所在场所。"), field="place_name", code="required")
    rating = data.get("rating_level") or ""
    if rating and (not kind.has_rating or rating not in RatingLevel.values):
        raise ValidationFailed(_("只有职工之家可以登记模范职工之家级别。") if not kind.has_rating
                               else _("请选择模范职工之家级别。"), field="rating_level", code="choice")
    rating_year = clean_int(data.get("rating_year"), field="rating_year", low=1980, high=today.year)
    if bool(rating) != (rating_year is not None):
        raise ValidationFailed(_("模范职工之家级别与命名年度须一并填写。"), field="rating_year", code="required")
    studio = _studio(data.get("studio"), kind, owner)
    return {
        "name": clean_text(data.get("name"), field="name", max_length=100, required=True),
        "kind": kind, "host_employer": host, "place_name": place, "region": region, "county_code": region.adcode[:6],
        "address": clean_text(data.get("address"), field="address", max_length=200, required=True),
        "lat": lat, "lng": lng,
        "contact_name": clean_text(data.get("contact_name"), field="contact_name", max_length=50),
        "contact_phone": clean_text(data.get("contact_phone"), field="contact_phone", max_length=30),
        "facilities": clean_text(data.get("facilities"), field="facilities", max_length=500),
        "area_m2": clean_int(data.get("area_m2"), field="area_m2", low=1, high=1_000_000),
        "star_level": clean_int(data.get("star_level"), field="star_level", low=0, high=5) or 0,
        "rating_level": rating, "rating_year": rating_year, "studio": studio,
        "opened_on": clean_day(data.get("opened_on") or today, field="opened_on", today=today),
    }


def position_create(*, actor: Any, owner: TradeUnion, data: dict[str, Any],
                    today: datetime.date | None = None) -> ServicePosition:
    """Register a position under its owner union. `data` carries lat/lng as picked on a map (GCJ-02,
    `datum="gcj02"`, the default) or from GPS (`datum="wgs84"`); they are stored WGS-84."""
    require_manage(actor, owner.path)
    values = _clean(owner, data, today or timezone.localdate())
    services = _services(data.get("services"))
    try:
        with transaction.atomic():
            position = ServicePosition.objects.create(owner=owner, org_path=owner.path, **values)
            position.services.set(services)
            record(actor, position, PositionAction.CREATE, new=position.status,
                   detail={"kind": position.kind_id, "region": position.region_id})
    except IntegrityError:
        raise Conflict(msg(_("本工会已有名为“%(name)s”的服务阵地。"), {"name": values["name"]}), field="name",
                       code="duplicate_name") from None
    return position


def _bump(position: ServicePosition, version: int | None, values: dict[str, Any], old_status: str = "") -> None:
    if version is not None and version != position.version:
        raise Conflict(CONCURRENT_CHANGE, field="version", code="concurrent_change")
    filters: dict[str, Any] = {"pk": position.pk, "version": position.version}
    if old_status:
        filters["status"] = old_status
    if not ServicePosition.objects.filter(**filters).update(version=F("version") + 1, **values):
        if not ServicePosition.objects.filter(pk=position.pk).exists():
            raise NotFound()
        raise Conflict(CONCURRENT_CHANGE, field="version", code="concurrent_change")
    position.refresh_from_db()


def position_edit(*, actor: Any, position: ServicePosition, data: dict[str, Any], version: int | None = None,
                  today: datetime.date | None = None) -> ServicePosition:
    require_manage(actor, position.org_path)
    if position.status == PositionStatus.CLOSED:
        raise ValidationFailed(_("该服务阵地已关闭，不能修改。"), field="status", code="closed")
    if ("lat" in data) != ("lng" in data):
        # One coordinate alone would pair with the other's stored WGS-84 value read in another datum.
        raise ValidationFailed(_("经度和纬度须一并修改。"), field="lng" if "lat" in data else "lat", code="required")
    merged = {f: getattr(position, f) for f in EDITABLE} | {"datum": "wgs84"} | data
    if "lat" in data and "datum" not in data:
        merged["datum"] = GCJ02
    values = _clean(position.owner, merged, today or timezone.localdate())
    services = _services(data["services"]) if "services" in data else None
    changed = [f for f in values if values[f] != getattr(position, f)]
    try:
        with transaction.atomic():
            _bump(position, version, values)
            if services is not None:
                position.services.set(services)
                changed.append("services")
            record(actor, position, PositionAction.EDIT, detail={"fields": changed})
    except IntegrityError:
        raise Conflict(msg(_("本工会已有名为“%(name)s”的服务阵地。"), {"name": values["name"]}), field="name",
                       code="duplicate_name") from None
    return position


_STATUS_ACTIONS = {PositionAction.SUSPEND: PositionStatus.SUSPENDED, PositionAction.REOPEN: PositionStatus.OPEN,
                   PositionAction.CLOSE: PositionStatus.CLOSED}


def position_set_status(*, actor: Any, position: ServicePosition, action: str, reason: str = "",
                        version: int | None = None) -> ServicePosition:
    """暂停 (with the reason), 恢复开放, 关闭 (final), by the transition table."""
    require_manage(actor, position.org_path)
    new = _STATUS_ACTIONS.get(action)  # type: ignore[call-overload]
    if new is None:
        raise ValidationFailed(_("操作无效。"), field="action", code="choice")
    if new not in TRANSITIONS[position.status]:
        raise ValidationFailed(msg(_("“%(status)s”的服务阵地不能%(action)s。"), {
            "status": position.get_status_display(), "action": PositionAction(action).label}), field="status",
            code="bad_transition")
    text = clean_text(reason, field="reason", max_length=500, required=new != PositionStatus.OPEN)
    old = position.status
    with transaction.atomic():
        _bump(position, version, {"status": new}, old_status=old)
        record(actor, position, action, old=old, new=new, note=text)
    return position


def position_set_hours(*, actor: Any, position: ServicePosition, spans: list[Span],
                       version: int | None = None) -> list[PositionHours]:
    """Replace the weekly hours, all or nothing: overlapping spans or one that ends before it starts
    are refused with nothing written."""
    require_manage(actor, position.org_path)
    rows = check_spans(spans)
    with transaction.atomic():
        _bump(position, version, {})
        PositionHours.objects.filter(position=position).delete()
        made = PositionHours.objects.bulk_create(
            PositionHours(position=position, weekday=s.weekday, opens=s.opens, closes=s.closes) for s in rows)
        # Read on the timeline: 周一 08:00–18:00, as the hours table shows them.
        record(actor, position, PositionAction.HOURS, note="；".join(
            f"{weekday_label(s.weekday)} {format_minutes(s.opens)}–{format_minutes(s.closes)}" for s in rows))
    return made


def position_set_exception(*, actor: Any, position: ServicePosition, day: Any, closed: bool,
                           opens: int | None = None, closes: int | None = None, note: str = "",
                           remove: bool = False) -> PositionDayException | None:
    """A dated exception (闭馆 or special hours) set, replaced, or removed."""
    require_manage(actor, position.org_path)
    date = clean_day(day, field="exception", future_ok=True)
    text = clean_text(note, field="note", max_length=100)
    with transaction.atomic():
        PositionDayException.objects.filter(position=position, day=date).delete()
        row = None
        if not remove:
            ex = check_exception(DayException(date, bool(closed), opens, closes))
            row = PositionDayException.objects.create(position=position, day=date, closed=ex.closed, opens=ex.opens,
                                                      closes=ex.closes, note=text)
        record(actor, position, PositionAction.HOURS, note=f"{date.isoformat()} {text}",
               detail={"day": date, "closed": closed, "removed": remove})
    return row


def position_inspect(*, actor: Any, position: ServicePosition, year: Any, inspected_on: Any, result: str,
                     inspector: str, findings: str = "", rectify_by: Any = None,
                     today: datetime.date | None = None) -> PositionInspection:
    """年检, once per position and year; 限期整改 needs its deadline after the inspection."""
    require_manage(actor, position.org_path)
    day = clean_day(inspected_on, field="inspected_on", today=today)
    number = clean_int(year, field="year", low=position.opened_on.year, high=day.year, required_=True)
    assert number is not None
    if result not in InspectionResult.values:
        raise ValidationFailed(_("请选择结论。"), field="result", code="choice")
    deadline = None
    if result == InspectionResult.RECTIFY:
        deadline = clean_day(rectify_by, field="rectify_by", future_ok=True)
        if deadline <= day:
            raise ValidationFailed(_("整改期限须晚于检查日期。"), field="rectify_by", code="dates_backwards")
    text = clean_text(findings, field="findings", max_length=1000, required=result != InspectionResult.PASSED)
    person = clean_text(inspector, field="inspector", max_length=50, required=True)
    try:
        with transaction.atomic():
            row = PositionInspection.objects.create(position=position, year=number, inspected_on=day, result=result,
                                                    findings=text, rectify_by=deadline, inspector=person)
            record(actor, position, PositionAction.INSPECT, note=text, detail={"year": number, "result": result})
    except IntegrityError:
        raise Conflict(msg(_("%(year)s 年度已年检。"), {"year": number}), field="year",
                       code="already_inspected") from None
    return row


def position_photo_add(*, actor: Any, position: ServicePosition, upload: UploadedFile,
                       caption: str = "") -> PositionPhoto:
    require_manage(actor, position.org_path)
    content_type, sha256 = check_upload(upload, PHOTO_RULE, field="file")
    text = clean_text(caption, field="caption", max_length=100)
    if position.photos.count() >= MAX_PHOTOS:
        raise ValidationFailed(msg(_("每个服务阵地最多上传%(n)s张照片。"), {"n": MAX_PHOTOS}), field="file",
                               code="too_many")
    name = os.path.basename(upload.name or "")[:200]
    row = who(actor)
    with atomic_with_files():
        photo = create_with_file(PositionPhoto, upload=upload, field="file", what=_("照片"), position=position,
                                 name=name, content_type=content_type, size=upload.size or 0, sha256=sha256,
                                 caption=text, uploaded_by_id=row.id, uploaded_by_label=row.shown)
        record(actor, position, PositionAction.PHOTO_ADD, note=name, detail={"sha256": sha256})
    return photo


def position_photo_remove(*, actor: Any, photo: PositionPhoto) -> None:
    position = photo.position
    require_manage(actor, position.org_path)
    with transaction.atomic():
        name, storage, path = photo.name, photo.file.storage, photo.file.name
        PositionPhoto.objects.filter(pk=photo.pk).delete()
        # The file goes only once the row is gone for good.
        transaction.on_commit(lambda: storage.delete(path))
        record(actor, position, PositionAction.PHOTO_REMOVE, note=name)

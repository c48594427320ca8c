"""Pieces the position services share: who acts, the scope check, field cleaning, coordinates, the
event and audit rows."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.validators import clean_text_field
from gonghui.members.services.common import who
from gonghui.orgs.models import Region
from gonghui.orgs.scope import require
from gonghui.positions.geo.gcj02 import gcj_to_wgs, wgs_to_gcj
from gonghui.positions.geo.places import in_china, in_county
from gonghui.positions.models import PositionEvent, ServicePosition

FIELD_LABELS: dict[str, Any] = {
    "name": _("名称"), "kind": _("阵地类型"), "owner": _("主管工会"), "host_employer": _("依托单位"),
    "place_name": _("所在场所"), "region": _("所在区划"), "address": _("详细地址"), "lat": _("纬度"),
    "lng": _("经度"), "datum": _("坐标系"), "contact_name": _("联系人"), "contact_phone": _("服务电话"),
    "facilities": _("设施"), "area_m2": _("面积（平方米）"), "services": _("服务项目"), "star_level": _("星级"),
    "rating_level": _("模范职工之家级别"), "rating_year": _("命名年度"), "studio": _("创新工作室"),
    "opened_on": _("启用日期"), "hours": _("开放时间"), "exception": _("特殊日期"), "reason": _("原因"),
    "year": _("年度"), "inspected_on": _("检查日期"), "result": _("结论"), "findings": _("检查发现"),
    "rectify_by": _("整改期限"), "inspector": _("检查人"), "file": _("照片"), "caption": _("说明"),
    "service": _("使用的服务"), "rating": _("评分"), "note": _("留言"), "phone": _("手机号"),
}

GCJ02 = "gcj02"
WGS84 = "wgs84"
SIX_PLACES = Decimal("0.000001")


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def require_manage(actor: Any, org_path: str) -> None:
    """Out of sight answers like missing; in sight but read-only answers forbidden."""
    require(actor, Perm.POSITION_MANAGE, org_path, visible_permission=Perm.POSITION_VIEW)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def required(field: str) -> ValidationFailed:
    return ValidationFailed(msg(_("请填写%(field)s。"), {"field": label_of(field)}), field=field, code="required")


def clean_day(value: Any, *, field: str, today: datetime.date | None = None, future_ok: bool = False
              ) -> datetime.date:
    if value is None or value == "":
        raise required(field)
    if isinstance(value, datetime.datetime):
        value = value.date()
    if isinstance(value, str):
        try:
            value = datetime.date.fromisoformat(value.strip())
        except ValueError:
            value = None
    if not isinstance(value, datetime.date):
        raise ValidationFailed(msg(_("%(field)s不是有效的日期。"), {"field": label_of(field)}), field=field,
                               code="bad_date")
    if not future_ok and value > (today or timezone.localdate()):
        raise ValidationFailed(msg(_("%(field)s（%(day)s）不能晚于今天。"),
                                   {"field": label_of(field), "day": value.isoformat()}), field=field, code="future")
    return value


def clean_int(value: Any, *, field: str, low: int, high: int, required_: bool = False) -> int | None:
    if value is None or value == "":
        if required_:
            raise required(field)
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else None
    except ValueError:
        number = None
    if number is None or not low <= number <= high:
        raise ValidationFailed(msg(_("%(field)s须为%(low)s至%(high)s之间的整数。"),
                                   {"field": label_of(field), "low": low, "high": high}), field=field,
                               code="out_of_range")
    return number


def _degrees(value: Any, *, field: str, limit: int) -> float:
    if value is None or value == "":
        raise required(field)
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        number = None
    if number is None or not number.is_finite() or not -limit <= number <= limit:
        raise ValidationFailed(msg(_("%(field)s“%(value)s”不是有效的坐标。"),
                                   {"field": label_of(field), "value": value}), field=field, code="bad_coordinate")
    return float(number)


def clean_point(lat: Any, lng: Any, *, datum: str, region: Region) -> tuple[Decimal, Decimal]:
    """A point as typed or picked, refused outside China or outside the stated county (see geo.places),
    returned in WGS-84 with six decimals. Map pickers give GCJ-02; GPS gives WGS-84."""
    if datum not in (GCJ02, WGS84):
        raise ValidationFailed(msg(_("请选择%(field)s。"), {"field": label_of("datum")}), field="datum", code="choice")
    y, x = _degrees(lat, field="lat", limit=90), _degrees(lng, field="lng", limit=180)
    if datum == GCJ02:
        g_lat, g_lng = y, x
        w_lat, w_lng = gcj_to_wgs(y, x)
    else:
        w_lat, w_lng = y, x
        g_lat, g_lng = wgs_to_gcj(y, x)
    if not in_china(g_lat, g_lng):
        raise ValidationFailed(msg(_("坐标（纬度 %(lat)s，经度 %(lng)s）不在中国境内，请检查经纬度是否填反。"),
                                   {"lat": lat, "lng": lng}), field="lat", code="outside_china")
    county = region.adcode[:6]
    if not in_county(g_lat, g_lng, county):
        raise ValidationFailed(msg(
            _("坐标（纬度 %(lat)s，经度 %(lng)s）不在所填区划“%(region)s”内，请核对位置或区划。"),
            {"lat": lat, "lng": lng, "region": region.name}), field="lat",
                               code="outside_division")
    return Decimal(w_lat).quantize(SIX_PLACES), Decimal(w_lng).quantize(SIX_PLACES)


def record(actor: Any, position: ServicePosition, action: str, *, old: str = "", new: str = "", note: str = "",
           detail: dict[str, Any] | None = None) -> None:
    """The timeline row and the audit row, inside the caller's transaction."""
    row = who(actor)
    PositionEvent.objects.create(position=position, action=action, old_status=old, new_status=new,
                                 actor_id=row.id, actor_label=row.shown, note=note[:1000])
    audit_record(actor=row, action=f"positions.{action}", obj=position, org_path=position.org_path,
                 detail={k: str(v) if isinstance(v, Decimal | datetime.date) else v
                         for k, v in {"old": old, "new": new, **(detail or {})}.items()})

"""Pieces every jobs service shares: field labels, cleaning, scope checks, the event and audit rows."""

import datetime
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.idnumbers import mask_phone, parse_mobile
from gonghui.core.permissions import Perm
from gonghui.core.validators import clean_text_field
from gonghui.jobs.models import JobEvent, JobPosting
from gonghui.members.services.common import who
from gonghui.orgs.models import Region
from gonghui.orgs.scope import require

FIELD_LABELS: dict[str, Any] = {
    "employer": _("用人单位"), "title": _("岗位名称"), "places": _("招聘人数"), "pay_min": _("月薪下限"),
    "pay_max": _("月薪上限"), "requirements": _("岗位要求"), "region": _("工作地点"), "address": _("详细地址"),
    "contact_name": _("联系人"), "contact_phone": _("联系电话"), "expires_on": _("有效期至"),
    "note": _("审核意见"), "union": _("主办工会"), "mode": _("形式"), "held_on": _("举办日期"),
    "place": _("举办地点/平台"), "visitors": _("入场求职人数"), "intentions": _("达成就业意向人数"),
    "booth": _("展位号"), "posting": _("岗位"), "skills": _("技能特长"), "experience": _("工作经历"),
    "expected_pay": _("期望月薪"), "desired_region": _("期望工作地区"), "consent": _("同意提供求职信息"),
    "member": _("会员"), "version": _("版本"),
}

PAY_CEILING = 1_000_000
PLACES_CEILING = 10_000
CONCURRENT_CHANGE = _("该岗位刚刚已被他人办理，请刷新后再操作。")


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_int(value: Any, *, field: str, low: int, high: int, required: bool = True) -> int | None:
    if value in (None, "") and not required:
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise ValidationFailed(msg(_("%(field)s应为%(low)s至%(high)s之间的整数。"), {
            "field": label_of(field), "low": low, "high": high}), field=field, code="range")
    return number


def clean_day(value: Any, *, field: str) -> datetime.date:
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    if isinstance(value, str) and value.strip():
        try:
            return datetime.date.fromisoformat(value.strip())
        except ValueError:
            pass
        raise ValidationFailed(msg(_("%(field)s不是有效日期。"), {"field": label_of(field)}), field=field,
                               code="format")
    raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label_of(field)}), field=field, code="required")


def clean_choice(value: Any, choices: Any, *, field: str) -> str:
    text = str(value or "").strip()
    if text not in choices.values:
        raise ValidationFailed(msg(_("请选择有效的%(field)s。"), {"field": label_of(field)}), field=field,
                               code="choice")
    return text


def clean_region(value: Any, *, field: str, required: bool = True, label: Any = None) -> Region | None:
    """A current division at the county level or below: a posting or a fair is placed to the district."""
    label = label or label_of(field)
    if value in (None, ""):
        if required:
            raise ValidationFailed(msg(_("请选择%(field)s。"), {"field": label}), field=field,
                                   code="required")
        return None
    region = value if isinstance(value, Region) else Region.objects.filter(pk=str(value).strip()).first()
    if region is None or not region.is_current or region.level < Region.RegionLevel.COUNTY:
        raise ValidationFailed(msg(_("%(field)s应选到区县或乡镇（街道）一级的现行行政区划。"),
                                   {"field": label}), field=field, code="region")
    return region


def clean_phone(value: Any, *, field: str = "contact_phone") -> tuple[str, str, str]:
    """(phone, blind index, masked), as the member registry stores a phone."""
    phone = parse_mobile(value, field=field)
    return phone, blind_index(phone), mask_phone(phone)


def require_manage(actor: Any, path: str) -> None:
    require(actor, Perm.JOBS_MANAGE, path, visible_permission=Perm.JOBS_VIEW)


def now() -> datetime.datetime:
    return timezone.now()


def record_event(*, actor: Any, posting: JobPosting, action: str, old_status: str = "", new_status: str = "",
                 note: str = "", detail: dict[str, Any] | None = None) -> JobEvent:
    """The timeline row and the audit row, inside the caller's transaction."""
    row = who(actor)
    event = JobEvent.objects.create(posting=posting, action=action, old_status=old_status, new_status=new_status,
                                    actor_id=row.id, actor_label=row.shown, note=note[:500])
    audit_record(actor=row, action=f"jobs.posting.{action}", obj=posting, org_path=posting.org_path,
                 detail={"old": old_status, "new": new_status, **(detail or {})})
    return event

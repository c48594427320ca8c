"""Pieces every benefits service shares: field labels, cleaning, the scope check, the event and audit rows."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.benefits.models import BenefitEvent, Merchant, Offer, Voucher
from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.validators import clean_date_field, clean_text_field
from gonghui.members.services.common import who
from gonghui.orgs.scope import require

FIELD_LABELS: dict[str, Any] = {
    "name": _("商户名称"), "credit_code": _("统一社会信用代码"), "contact_name": _("联系人"),
    "contact_phone": _("联系电话"), "region": _("行政区划"), "address": _("地址"), "union": _("工会"),
    "agreement_from": _("协议开始日期"), "agreement_to": _("协议截止日期"), "partner": _("合作方密钥"),
    "merchant": _("商户"), "kind": _("优惠类型"), "title": _("优惠名称"), "terms": _("使用规则"),
    "valid_from": _("有效期开始"), "valid_to": _("有效期截止"), "per_person_limit": _("每人限领"),
    "quantity": _("发放总量"), "reason": _("原因"), "code": _("券码"), "card_token": _("会员卡二维码"),
    "members": _("会员"), "offer": _("优惠"), "status": _("状态"),
}
CONCURRENT_CHANGE = _("该记录刚刚已被他人修改，请刷新后再操作。")


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_day(value: Any, *, field: str) -> datetime.date:
    return clean_date_field(value, field=field, label=label_of(field))


def clean_period(start: Any, end: Any, *, start_field: str, end_field: str) -> tuple[datetime.date, datetime.date]:
    first, last = clean_day(start, field=start_field), clean_day(end, field=end_field)
    if last < first:
        raise ValidationFailed(msg(_("%(end)s不能早于%(start)s。"), {
            "end": label_of(end_field), "start": label_of(start_field)}), field=end_field, code="order")
    return first, last


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


def clean_choice(value: Any, choices: Any, *, field: str) -> str:
    text = str(value or "").strip()
    if text not in choices.values:
        raise ValidationFailed(msg(_("请选择有效的%(field)s。"), {"field": label_of(field)}), field=field,
                               code="choice")
    return text


def require_manage(actor: Any, path: str) -> None:
    require(actor, Perm.BENEFITS_MANAGE, path, visible_permission=Perm.BENEFITS_VIEW)


def record_event(*, actor: Any, action: str, org_path: str, merchant: Merchant | None = None,
                 offer: Offer | None = None, voucher: Voucher | None = None, old_status: str = "",
                 new_status: str = "", note: str = "", detail: dict[str, Any] | None = None) -> BenefitEvent:
    """The timeline row and the audit row, inside the caller's transaction."""
    row = who(actor)
    event = BenefitEvent.objects.create(merchant=merchant, offer=offer, voucher=voucher, org_path=org_path,
                                        action=action, old_status=old_status, new_status=new_status,
                                        actor_id=row.id, actor_label=row.shown, note=note[:1000])
    obj: Any = voucher or offer or merchant
    audit_record(actor=row, action=f"benefits.{action}", obj=obj, org_path=org_path,
                 detail={"old": old_status, "new": new_status, **(detail or {})})
    return event

"""Pieces every mutual-aid service shares: who acts, the event and audit rows, field checks."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.idnumbers import parse_date
from gonghui.core.text import normalize_text
from gonghui.core.validators import clean_text_field
from gonghui.members.services.common import who
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEvent, MutualAidPlan

FIELD_LABELS: dict[str, Any] = {
    "name": _("计划名称"), "kind": _("保障类别"), "year": _("保障年度"), "starts_on": _("保障起期"),
    "ends_on": _("保障止期"), "premium": _("每人每年互助金"), "per_claim_limit": _("单次给付限额"),
    "yearly_limit": _("年度累计给付限额"), "waiting_days": _("等待期"), "event_date": _("发病/出险日期"),
    "amount_claimed": _("申请金额"), "amount": _("核定金额"), "diagnosis": _("诊断/事故经过"),
    "reason": _("原因"), "paid_on": _("给付日期"), "enrolled_on": _("参保日期"), "note": _("说明"),
    "reveal_reason": _("查看原因"),
}
MAX_MONEY = Decimal("9999999999.99")


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_money(value: Any, *, field: str, allow_zero: bool = False) -> Decimal:
    """元 with at most two decimals; "1,200.50" and full-width digits are read as typed."""
    if isinstance(value, bool) or value is None or normalize_text(str(value)) == "":
        raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label_of(field)}), field=field, code="required")
    text = normalize_text(str(value)).replace(",", "").replace("元", "").strip()
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationFailed(msg(_("%(field)s应为金额，如 1200 或 1200.50。"), {"field": label_of(field)}),
                               field=field, code="money") from None
    if not amount.is_finite() or amount != amount.quantize(Decimal("0.01")):
        raise ValidationFailed(msg(_("%(field)s最多保留两位小数。"), {"field": label_of(field)}), field=field,
                               code="money")
    if amount < 0 and allow_zero:
        raise ValidationFailed(msg(_("%(field)s不能为负数。"), {"field": label_of(field)}), field=field, code="money")
    if amount <= 0 and not allow_zero:
        raise ValidationFailed(msg(_("%(field)s应大于0。"), {"field": label_of(field)}), field=field, code="money")
    if amount > MAX_MONEY:
        raise ValidationFailed(msg(_("%(field)s过大。"), {"field": label_of(field)}), field=field, code="money")
    return amount.quantize(Decimal("0.01"))


def clean_date(value: Any, *, field: str) -> datetime.date:
    if value is None or (isinstance(value, str) and not normalize_text(value)):
        raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label_of(field)}), field=field, code="required")
    return parse_date(value, field=field)


def record_event(*, actor: Any, plan: MutualAidPlan, action: str, claim: MutualAidClaim | None = None,
                 old_status: str = "", new_status: str = "", note: str = "", org_path: str = "",
                 detail: dict[str, Any] | None = None) -> MutualAidEvent:
    """The timeline row and the audit row, written together inside the caller's transaction."""
    actor_row = who(actor)
    detail = detail or {}
    event = MutualAidEvent.objects.create(plan=plan, claim=claim, action=action, old_status=old_status,
                                          new_status=new_status, actor_id=actor_row.id,
                                          actor_label=actor_row.shown, note=note[:500], detail=detail)
    subject: Any = claim if claim is not None else plan
    audit_record(actor=actor_row, action=f"mutualaid.{action}", obj=subject,
                 org_path=org_path or subject.org_path,
                 detail={"plan": plan.pk, "old": old_status, "new": new_status, **detail})
    return event

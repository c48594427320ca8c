"""Pieces every hardship service shares: who acts, the event and audit rows, field checks."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.assistance.models import HardshipEvent, HardshipFile
from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.text import normalize_text
from gonghui.core.validators import clean_text_field
from gonghui.members.services.common import who

FIELD_LABELS: dict[str, Any] = {
    "worker_name": _("职工姓名"), "worker_id_number": _("证件号码"), "worker_phone": _("手机号码"),
    "employer_name": _("工作单位"), "address": _("家庭住址"), "survey_note": _("摸底情况"), "adcode": _("所在地区代码"),
    "household": _("家庭成员"), "relation": _("与职工关系"), "name": _("姓名"), "id_number": _("证件号码"),
    "annual_income": _("年收入"), "health_notes": _("健康或残疾情况"), "rigid_expenses": _("刚性支出"),
    "causes": _("致困原因"), "reason": _("原因"), "note": _("情况说明"), "exit_reason": _("解困脱困原因"),
    "consent_signer": _("同意人"), "consent_text_version": _("同意书版本"), "result": _("回头看结论"),
    "kind": _("材料类型"), "file": _("证明材料"), "area_name": _("地区"), "source": _("依据"),
    "min_living_monthly": _("最低生活保障标准"), "deep_factor": _("深度困难系数"),
    "relative_factor": _("相对困难系数"), "accident_factor": _("意外致困系数"), "effective_from": _("生效日期"),
    "effective_to": _("失效日期"), "union": _("建档工会"), "member": _("会员"),
}


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_choice(value: Any, choices: Any, *, field: str) -> str:
    text = normalize_text(value)
    if text in choices.values:
        return text
    # The Chinese label is accepted too (survey spreadsheets are written in it).
    by_label = {str(label): v for v, label in choices.choices}
    if text in by_label:
        return by_label[text]
    if not text:
        raise ValidationFailed(msg(_("请选择%(field)s。"), {"field": label_of(field)}), field=field, code="required")
    raise ValidationFailed(msg(_("%(field)s“%(value)s”无效。"), {"field": label_of(field), "value": text[:20]}),
                           field=field, code="choice")


def clean_amount(value: Any, *, field: str, maximum: Decimal = Decimal("9999999999")) -> Decimal:
    """元 with at most two decimals, not negative; full-width digits and thousands separators accepted."""
    text = normalize_text(value if value is not None else "").replace(",", "").replace("元", "") or "0"
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationFailed(msg(_("%(field)s应为金额（元）。"), {"field": label_of(field)}), field=field,
                               code="amount") from None
    if not amount.is_finite() or amount < 0 or amount > maximum:
        raise ValidationFailed(msg(_("%(field)s应为不小于0的金额（元）。"), {"field": label_of(field)}), field=field,
                               code="amount")
    if amount != amount.quantize(Decimal("0.01")):
        raise ValidationFailed(msg(_("%(field)s最多保留两位小数。"), {"field": label_of(field)}), field=field,
                               code="amount")
    return amount.quantize(Decimal("0.01"))


def add_months(day: datetime.date, months: int) -> datetime.date:
    """The same day `months` later, or the month's last day when it has no such day (31 Aug + 6 = 28 Feb)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise AssertionError("unreachable")  # pragma: no cover


def record_file_event(*, actor: Any, file: HardshipFile, action: str, old_status: str = "", new_status: str = "",
                      note: str = "", detail: dict[str, Any] | None = None) -> HardshipEvent:
    """The file's timeline row and the audit row, written together inside the caller's transaction.

    Neither carries an identity number or a health note: the audit log must hold no plaintext IDs.
    """
    actor_row = who(actor)
    event = HardshipEvent.objects.create(file=file, action=action, old_status=old_status, new_status=new_status,
                                         actor_id=actor_row.id, actor_label=actor_row.shown, note=note[:500],
                                         detail=detail or {})
    audit_record(actor=actor_row, action=f"hardship.{action}", obj=file, org_path=file.org_path,
                 detail={"old": old_status, "new": new_status, **(detail or {})})
    return event

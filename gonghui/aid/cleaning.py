"""Reading the values a cadre types for the aid app (names, money in 元), shared by the services
and the recipient parser; outside the services package so either can import it."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.money import yuan
from gonghui.core.text import normalize_text
from gonghui.core.validators import clean_text_field

CENT = Decimal("0.01")
MAX_AMOUNT = Decimal("1000000")  # one grant; a typo of a few zeros stops here, not at the bank

FIELD_LABELS: dict[str, Any] = {
    "name": _("姓名"), "title": _("批次名称"), "cash": _("现金"), "goods_value": _("物资折价"), "goods": _("物资"),
    "budget": _("预算"), "standard_amount": _("标准金额"), "standard_goods_value": _("标准物资折价"),
    "payee_name": _("户名"), "payee_account": _("银行账号"), "student_name": _("学生姓名"), "school": _("学校"),
    "grade": _("年级"), "reason": _("原因"), "period": _("期次"), "phone": _("手机号码"), "id_number": _("证件号码"),
}


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_money(value: Any, *, field: str, maximum: Decimal = MAX_AMOUNT) -> Decimal:
    """Yuan to the fen: '1,200', '1200.5', ' １２００ ', 1200 (Excel's float) all read as Decimal."""
    if value in (None, ""):
        return Decimal("0.00")
    text = normalize_text(str(value)).replace(",", "").replace("，", "").removesuffix("元")
    try:
        amount = Decimal(text)
    except InvalidOperation:
        raise ValidationFailed(msg(_("%(field)s“%(value)s”不是有效的金额。"),
                                   {"field": label_of(field), "value": text[:20]}), field=field,
                               code="money") from None
    if not amount.is_finite() or amount < 0 or amount > maximum:
        raise ValidationFailed(msg(_("%(field)s应在0至%(max)s元之间。"),
                                   {"field": label_of(field), "max": yuan(maximum)}), field=field, code="money_range")
    if amount != amount.quantize(CENT):
        raise ValidationFailed(msg(_("%(field)s最多保留两位小数（分）。"), {"field": label_of(field)}), field=field,
                               code="money_precision")
    return amount.quantize(CENT)

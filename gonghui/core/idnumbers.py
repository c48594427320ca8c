"""Identity documents and phone numbers as people actually type or paste them.

居民身份证 (GB 11643): 18 characters, birth date, a region code that exists or once existed in
GB/T 2260 (people keep the code of where they first registered, so an abolished code, or one
created after the birth year, is still valid), and the ISO 7064 MOD 11-2 check character. A
lowercase x, full-width digits, spaces and dashes are accepted; a legacy 15-digit number is
upgraded to 18. Excel's habit of turning long numbers into floats is detected and explained,
because the last digits are already lost by then.
"""

import datetime
import operator
import re
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.text import normalize_text


class IdType(models.TextChoices):
    RESIDENT = "resident", _("居民身份证")
    PASSPORT = "passport", _("护照")
    HK_MACAO = "hk_macao", _("港澳居民来往内地通行证")
    TAIWAN = "taiwan", _("台湾居民来往大陆通行证")
    FOREIGN_PR = "foreign_pr", _("外国人永久居留身份证")


_WEIGHTS = [pow(2, 17 - i, 11) for i in range(17)]
_OTHER_PATTERNS = {
    IdType.PASSPORT: re.compile(r"^[A-Z0-9]{5,17}$"),
    IdType.HK_MACAO: re.compile(r"^[HM]\d{8,10}$"),
    IdType.TAIWAN: re.compile(r"^\d{8}$|^\d{10}$"),
    IdType.FOREIGN_PR: re.compile(r"^[A-Z]{3}\d{12}$|^9\d{17}$"),
}
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


_DIGIT_OFFSET = 48 * sum(_WEIGHTS)  # ord("0") times every weight, taken off once instead of int() per digit


def resident_check_character(first17: str) -> str:
    if first17.isascii() and len(first17) == 17:
        total = sum(map(operator.mul, first17.encode(), _WEIGHTS)) - _DIGIT_OFFSET
    else:
        total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return "10X98765432"[total % 11]


@dataclass(frozen=True)
class IdentityNumber:
    id_type: str
    number: str = field(repr=False)
    birth_date: datetime.date | None = None
    gender: str = ""  # "M" / "F", from the sequence digit of a resident ID

    @property
    def masked(self) -> str:
        return mask_id(self.number)


def _text_of_cell(value: Any, field: str) -> str:
    if isinstance(value, float):
        if value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        raise ValidationFailed(_("证件号码已被 Excel 转成数字，末几位已丢失；请把该列设为“文本”后重新填写。"),
                               field=field, code="excel_number")
    if isinstance(value, int):
        return str(value)
    text = normalize_text(value)
    if ("E" in text or "e" in text) and re.fullmatch(r"\d(\.\d+)?[eE]\+\d+", text):
        raise ValidationFailed(_("证件号码已被 Excel 转成科学计数法，末几位已丢失；请把该列设为“文本”后重新填写。"),
                               field=field, code="excel_number")
    return text


@lru_cache(maxsize=16384)
def _region_known(code: str) -> bool:
    from stdnum import numdb

    if code[:2] in {"81", "82", "83"}:  # 港澳台居民居住证
        return code[2:] == "0000"
    parts = numdb.get("cn/loc").info(code)
    return len(parts) == 2 and bool(parts[1][1])


def _birth_date(number: str, field: str) -> datetime.date:
    try:
        born = datetime.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError:
        raise ValidationFailed(_("身份证号码中的出生日期无效。"), field=field, code="birth_date") from None
    # today() only for recent years: asking the clock costs more than the rest of the check.
    if born.year < 1900 or (born.year >= 2000 and born > datetime.date.today()):
        raise ValidationFailed(_("身份证号码中的出生日期无效。"), field=field, code="birth_date")
    return born


def parse_resident_id(raw: Any, *, field: str = "id_number") -> IdentityNumber:
    number = _text_of_cell(raw, field)
    if not number.isalnum():
        number = re.sub(r"[\s-]", "", number)
    number = number.upper()
    if len(number) == 15 and number.isdigit():
        body = number[:6] + "19" + number[6:]
        number = body + resident_check_character(body)
    if len(number) != 18:
        raise ValidationFailed(msg(_("身份证号码应为18位，当前为%(n)d位。"), {"n": len(number)}), field=field,
                               code="length")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise ValidationFailed(_("身份证号码只能由数字和末位X组成。"), field=field, code="format")
    born = _birth_date(number, field)
    if not _region_known(number[:6]):
        raise ValidationFailed(_("身份证号码前6位不是有效的行政区划代码。"), field=field, code="region")
    if number[17] != resident_check_character(number[:17]):
        raise ValidationFailed(_("身份证号码校验位错误，请核对后重新输入。"), field=field, code="check_digit")
    return IdentityNumber(IdType.RESIDENT, number, born, "M" if int(number[16]) % 2 else "F")


def parse_identity(id_type: str, raw: Any, *, field: str = "id_number") -> IdentityNumber:
    if id_type == IdType.RESIDENT or not id_type:
        return parse_resident_id(raw, field=field)
    if id_type not in _OTHER_PATTERNS:
        raise ValidationFailed(_("证件类型无效。"), field="id_type", code="id_type")
    number = re.sub(r"[\s-]", "", _text_of_cell(raw, field)).upper()
    if not _OTHER_PATTERNS[IdType(id_type)].match(number):
        raise ValidationFailed(msg(_("%(type)s号码格式不正确。"), {"type": IdType(id_type).label}), field=field,
                               code="format")
    return IdentityNumber(id_type, number)


def excel_number_text(value: float) -> str:
    """A long number as Excel's General format shows it (4.40301E+17): what the person who typed an
    ID into a number cell sees in their sheet, and no more digits than the region code."""
    mantissa, exponent = f"{value:.5E}".split("E")
    return f"{mantissa.rstrip('0').rstrip('.')}E{exponent}"


_SCIENTIFIC = re.compile(r"\d(\.\d+)?[eE][+-]?\d+")


def shown_id_cell(value: Any) -> str:
    """An identity-number cell for a report, as its author would recognise it, never in full: a number
    Excel turned into a float in Excel's own form, any other cell compacted and upper-cased the way
    the validator reads it (a lowercase x check digit is an X), then masked."""
    if isinstance(value, float) and not (value.is_integer() and abs(value) < 1e15):
        return excel_number_text(value)
    text = str(int(value)) if isinstance(value, float) else normalize_text(value)
    if _SCIENTIFIC.fullmatch(text):
        return text.upper()
    compact = re.sub(r"[\s-]", "", text)
    return mask_id(compact) if compact else ""


def mask_id(number: str) -> str:
    """510104********1234: the region and the last four stay, the birth date never shows."""
    number = number.upper()  # as the validator stores it: a lowercase x check digit is shown as X
    if len(number) <= 8:
        return number[:1] + "*" * max(0, len(number) - 2) + number[-1:]
    return number[:6] + "*" * (len(number) - 10) + number[-4:]


def parse_mobile(raw: Any, *, field: str = "phone", required: bool = True) -> str:
    text = _text_of_cell(raw, field) if raw not in (None, "") else ""
    digits = re.sub(r"[\s\-()]", "", text)
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not digits:
        if required:
            raise ValidationFailed(_("请填写手机号码。"), field=field, code="required")
        return ""
    if not _MOBILE.match(digits):
        raise ValidationFailed(_("手机号码应为11位、以1开头的中国大陆手机号。"), field=field, code="format")
    return digits


def mask_phone(phone: str) -> str:
    return phone[:3] + "****" + phone[-4:] if len(phone) == 11 else phone


def parse_date(raw: Any, *, field: str) -> datetime.date:
    """2023-05-01, 2023.5.1, 2023/05/01, 2023年5月1日, 20230501, or an Excel serial day number."""
    if isinstance(raw, datetime.datetime):
        return raw.date()
    if isinstance(raw, datetime.date):
        return raw
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        if 1 <= raw < 80000:  # Excel's 1900 date system, with its phantom 29 Feb 1900
            return datetime.date(1899, 12, 30) + datetime.timedelta(days=int(raw))
        raise ValidationFailed(_("日期格式无法识别。"), field=field, code="date")
    text = normalize_text(raw)
    m = re.fullmatch(r"(\d{4})\s*[-./年]\s*(\d{1,2})\s*[-./月]\s*(\d{1,2})\s*日?", text) or re.fullmatch(
        r"(\d{4})(\d{2})(\d{2})", text)
    if m is None:
        try:
            serial = Decimal(text)
        except InvalidOperation:
            raise ValidationFailed(_("日期格式无法识别，请写成 2023-05-01。"), field=field, code="date") from None
        return parse_date(float(serial), field=field)
    try:
        return datetime.date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        raise ValidationFailed(msg(_("日期不存在：%(text)s。"), {"text": text}), field=field, code="date") from None

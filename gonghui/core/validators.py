"""Identifier checks that must be exact (GB 32100 unified social credit codes), and the cleaning of
names and free text that every domain's services share."""

import datetime

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.text import normalize_name, normalize_text, unreadable_characters

# GB 32100-2015: 31 characters, without I, O, Z, S, V.
CREDIT_CODE_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
_CREDIT_CODE_WEIGHTS = [pow(3, i, 31) for i in range(17)]
_REGISTRATION_AUTHORITIES = set("123456789ABCDEFGNY")


def credit_code_check_character(first17: str) -> str:
    total = sum(CREDIT_CODE_ALPHABET.index(ch) * w for ch, w in zip(first17, _CREDIT_CODE_WEIGHTS, strict=True))
    return CREDIT_CODE_ALPHABET[(31 - total % 31) % 31]


def normalize_credit_code(raw: str | None, *, field: str = "credit_code") -> str:
    """Return the canonical code, or raise naming the field and what is wrong.

    Only the GB 32100 structure and check character are verified: codes whose embedded
    organisation code starts with a letter are valid, which some libraries wrongly reject.
    """
    code = normalize_text(raw).upper().replace(" ", "").replace("-", "")
    if len(code) != 18:
        raise ValidationFailed(msg(_("统一社会信用代码应为18位，当前为%(n)d位。"), {"n": len(code)}), field=field)
    bad = [ch for ch in code if ch not in CREDIT_CODE_ALPHABET]
    if bad:
        raise ValidationFailed(msg(_("统一社会信用代码含有无效字符：%(chars)s。"), {"chars": "".join(bad)}),
                               field=field)
    if code[0] not in _REGISTRATION_AUTHORITIES:
        raise ValidationFailed(_("统一社会信用代码第1位（登记管理部门代码）无效。"), field=field)
    if not code[2:8].isdigit():
        raise ValidationFailed(_("统一社会信用代码第3至8位应为行政区划代码。"), field=field)
    expected = credit_code_check_character(code[:17])
    if code[17] != expected:
        raise ValidationFailed(_("统一社会信用代码校验位错误，请核对后重新输入。"), field=field)
    return code


def is_name_field(field: str) -> bool:
    """A person's, a union's or an employer's name: by the convention of the field's name."""
    return field == "name" or field.endswith("_name")


def clean_name_text(value: object, *, field: str, label: object) -> str:
    """A name on one line (`normalize_name`), refused if it holds a private-use or unassigned code
    point: that character would show as a box, or as another one elsewhere, and silently dropping it
    would register a different name."""
    text = normalize_name(value)  # type: ignore[arg-type]
    bad = unreadable_characters(text)
    if bad:
        codes = "、".join(f"U+{ord(ch):04X}" for ch in bad[:5])
        raise ValidationFailed(msg(_("%(field)s含有无法识别的字符（%(codes)s），请改用规范汉字重新填写。"),
                                   {"field": label, "codes": codes}), field=field, code="unreadable")
    return text


def clean_date_field(value: object, *, field: str, label: object) -> datetime.date:
    """A date as a form or the API sends it (a datetime is its date); anything else is a missing date,
    named by what the users call the field."""
    if isinstance(value, datetime.datetime):
        return value.date()
    if isinstance(value, datetime.date):
        return value
    raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label}), field=field, code="required")


def clean_text_field(value: object, *, field: str, label: object, max_length: int, required: bool = False) -> str:
    """Free text as a form, the API or a spreadsheet sends it: normalized, required or not, and no
    longer than `max_length` characters; a wrong value is named by what the users call the field.
    A name field (`is_name_field`) is cleaned as a name: one line, as `clean_name_text`."""
    text = (clean_name_text(value, field=field, label=label) if is_name_field(field)
            else normalize_text(value))  # type: ignore[arg-type]
    if required and not text:
        raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label}), field=field, code="required")
    if len(text) > max_length:
        raise ValidationFailed(msg(_("%(field)s不能超过%(n)d个字。"), {"field": label, "n": max_length}),
                               field=field, code="too_long")
    return text

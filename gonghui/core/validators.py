"""Identifier checks that must be exact: GB 32100 unified social credit codes."""

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.text import normalize_text

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


def clean_text_field(value: object, *, field: str, label: object, max_length: int, required: bool = False) -> str:
    """Free text as a form, the API or a spreadsheet sends it: normalized, required or not, and no
    longer than `max_length` characters; a wrong value is named by what the users call the field."""
    text = normalize_text(value)  # type: ignore[arg-type]
    if required and not text:
        raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label}), field=field, code="required")
    if len(text) > max_length:
        raise ValidationFailed(msg(_("%(field)s不能超过%(n)d个字。"), {"field": label, "n": max_length}),
                               field=field, code="too_long")
    return text

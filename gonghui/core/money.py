"""How money is written for people: 1,000.00 元, and 2.10 万元 where a report counts in 万元.

Decimal all the way (a float turns 0.005 into 0.00499…), rounded half-up as the 会计 rules and the
bank round, two decimals in both units. A missing figure is "—", never 0.00: nothing recorded is not
nothing paid. The filters of the same names (`{% load money %}`) call these, so every page, panel
and export shown on screen writes money one way.

On paper that is signed, the amount is also written in uppercase Chinese (大写), by the rules of the
People's Bank's 《支付结算办法》 (附件一《正确填写票据和结算凭证的基本规定》): 拾 always carries its
digit (壹拾), a zero inside the number is written once as 零, 零 is written between 元 and 分 when
the 角 is zero, and 整 closes an amount that stops at 元 or 角 (never after 分).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

MISSING = "—"
CENT = Decimal("0.01")
TEN_THOUSAND = Decimal(10_000)


def to_decimal(value: Any) -> Decimal | None:
    """A Decimal from a Decimal, an int or a numeric string; None (and anything unreadable) stays None."""
    if value is None or value == "" or isinstance(value, bool):
        return None
    if isinstance(value, float):
        # A float reaching here already lost its exact value; its shortest repr is what was meant.
        value = repr(value)
    try:
        number = Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def _grouped(number: Decimal) -> str:
    rounded = number.quantize(CENT, rounding=ROUND_HALF_UP)
    if rounded == 0:
        rounded = abs(rounded)  # -0.00 reads as a debt of nothing
    return f"{rounded:,.2f}"


def yuan(value: Any) -> str:
    """12345678.9 → "12,345,678.90" (the unit 元 is the template's, beside the figure)."""
    number = to_decimal(value)
    return MISSING if number is None else _grouped(number)


def in_wan(value: Any) -> Decimal | None:
    """The number a chart plots for an amount in 元 shown in 万元 (two decimals, half-up)."""
    number = to_decimal(value)
    return None if number is None else (number / TEN_THOUSAND).quantize(CENT, rounding=ROUND_HALF_UP)


def wan_yuan(value: Any) -> str:
    """An amount in 元 written in 万元: 21000 → "2.10"; 12345678.9 → "1,234.57"."""
    number = to_decimal(value)
    return MISSING if number is None else _grouped(number / TEN_THOUSAND)

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("仟", "佰", "拾", "")
SECTIONS = ("", "万", "亿", "万亿")
LIMIT = Decimal(10) ** (4 * len(SECTIONS))


def _four_digits(value: int) -> str:
    """One group of four digits (1–9999), zeros inside it written once."""
    text, zero = "", False
    for place, digit in zip(PLACES, f"{value:04d}", strict=True):
        if digit == "0":
            zero = bool(text)
            continue
        if zero:
            text += DIGITS[0]
            zero = False
        text += DIGITS[int(digit)] + place
    return text


def _whole(value: int) -> str:
    groups = []
    while value:
        value, group = divmod(value, 10_000)
        groups.append(group)
    text, zero = "", False
    for section in reversed(range(len(groups))):
        group = groups[section]
        if group == 0:
            zero = bool(text)
            continue
        # A gap before a group (1,000,001 → 壹佰万零壹) is read as one 零, like a zero inside a group.
        if text and (zero or group < 1000):
            text += DIGITS[0]
        text += _four_digits(group) + SECTIONS[section]
        zero = False
    return text


def uppercase_amount(amount: Decimal | int | str) -> str:
    """1200 → 壹仟贰佰元整, 10.05 → 壹拾元零伍分, 0.5 → 伍角整; rounded half up to the fen."""
    try:
        value = Decimal(amount).quantize(CENT, rounding=ROUND_HALF_UP)
    except (InvalidOperation, ValueError, TypeError) as exc:
        raise ValueError(f"not an amount of money: {amount!r}") from exc
    if not value.is_finite() or abs(value) >= LIMIT:
        raise ValueError(f"amount out of range: {amount!r}")
    sign = "负" if value < 0 else ""
    cents = int(abs(value) * 100)
    yuan, rest = divmod(cents, 100)
    jiao, fen = divmod(rest, 10)
    text = _whole(yuan) + "元" if yuan else ""
    if jiao:
        text += DIGITS[jiao] + "角" + (DIGITS[fen] + "分" if fen else "整")
    elif fen:
        text += ("零" if yuan else "") + DIGITS[fen] + "分"
    else:
        text = text or "零元"
        text += "整"
    return sign + text


__all__ = ["MISSING", "in_wan", "to_decimal", "uppercase_amount", "wan_yuan", "yuan"]

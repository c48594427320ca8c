"""Amounts of money as they are written on paper that is signed: the uppercase Chinese amount (大写).

The rules are those of the People's Bank's 《支付结算办法》 (附件一《正确填写票据和结算凭证的基本规定》):
拾 always carries its digit (壹拾), a zero inside the number is written once as 零, 零 is written
between 元 and 分 when the 角 is zero, and 整 closes an amount that stops at 元 or 角 (never after 分).
"""

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

DIGITS = "零壹贰叁肆伍陆柒捌玖"
PLACES = ("仟", "佰", "拾", "")
SECTIONS = ("", "万", "亿", "万亿")
CENT = Decimal("0.01")
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

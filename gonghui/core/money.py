"""How money is written for people: 1,000.00 元, and 2.10 万元 where a report counts in 万元.

Decimal all the way (a float turns 0.005 into 0.00499…), rounded half-up as the 会计 rules and the
bank round, two decimals in both units. A missing figure is "—", never 0.00: nothing recorded is not
nothing paid. The filters of the same names (`{% load money %}`) call these, so every page, panel
and export shown on screen writes money one way.
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


__all__ = ["MISSING", "in_wan", "to_decimal", "wan_yuan", "yuan"]

from decimal import Decimal

from django import template

from gonghui.core.money import uppercase_amount as _uppercase_amount

register = template.Library()


@register.filter
def uppercase_amount(amount: Decimal | int | str | None) -> str:
    """1200 → 壹仟贰佰元整: written in Chinese in every language, as the paper it is printed on."""
    return _uppercase_amount(amount or 0)

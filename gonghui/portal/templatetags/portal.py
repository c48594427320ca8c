from typing import Any

from django import template

from gonghui.core.idnumbers import mask_phone
from gonghui.members.services.applications import PortalWorker

register = template.Library()


@register.filter
def card_groups(number: str) -> str:
    """6201 0000 0000 0001 019: read aloud and typed in groups of four, like a bank card."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def phone_masked(worker: PortalWorker | None) -> str:
    return mask_phone(worker.phone) if worker else ""

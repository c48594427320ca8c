"""What the 维权 pages share: the guest's SMS step, and turning the case engine's errors into field
messages."""

from typing import Any

from django import forms
from django.http import HttpRequest

from gonghui.core.errors import DomainError
from gonghui.members import selectors as member_selectors
from gonghui.portal.common.forms import add_errors as common_add_errors
from gonghui.portal.common.guest import GuestPhoneForm
from gonghui.portal.common.guest import send_guest_code as common_send_guest_code

# The engine's field names where the portal's forms call them otherwise.
FIELD_ALIASES = {"caller_phone": "phone", "callback_note": "note"}


def worker_name(phone: str) -> str:
    """Prefill the caller's name from the registry when the phone belongs to a member."""
    mine = member_selectors.my_records(phone=phone)
    return mine.memberships[0].member.name if mine.memberships else ""


def add_errors(exc: DomainError, *forms_: forms.BaseForm) -> None:
    """The portal's `add_errors`, knowing the case engine's own names for the forms' fields."""
    common_add_errors(exc, *forms_, aliases=FIELD_ALIASES)


def send_guest_code(request: HttpRequest, guest: GuestPhoneForm) -> bool:
    return common_send_guest_code(request, guest, aliases=FIELD_ALIASES)


def unbound_copy(form_class: type[forms.Form], data: Any, **kwargs: Any) -> forms.Form:
    """The same form showing what was typed, without complaining about fields not filled in yet."""
    values = {name: data.get(name) for name in form_class.base_fields if name in data}
    return form_class(initial=values, **kwargs)

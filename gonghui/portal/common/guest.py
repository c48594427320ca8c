"""A guest proves a phone on the form itself (我要求助, 查询进度, a 公示 objection): the same SMS code as
the portal login (accounts.sms, purpose portal_login), sent by the form's "获取验证码" button and
verified by the service that files what the guest sends."""

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.http import HttpRequest
from django.utils.translation import gettext as _

from gonghui.accounts.sms import Purpose, sms_send
from gonghui.core.errors import DomainError
from gonghui.core.idnumbers import mask_phone
from gonghui.core.request_context import client_ip
from gonghui.portal.common.forms import CodeForm, PhoneForm, add_errors


class GuestPhoneForm(PhoneForm, CodeForm):
    """A guest's phone and the code sent to it; the code is only required when the form is sent."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["phone"].widget.attrs["data-testid"] = "guest-phone"
        self.fields["code"].required = False


def send_guest_code(request: HttpRequest, guest: GuestPhoneForm, aliases: Mapping[str, str] | None = None) -> bool:
    """The guest's "获取验证码" button: the page comes back with everything typed, and the code is sent."""
    guest.is_valid()
    if guest.has_error("phone"):
        return False
    phone = guest.cleaned_data["phone"]
    try:
        sms_send(phone=phone, purpose=Purpose.PORTAL_LOGIN, ip=client_ip(request))
    except DomainError as exc:
        add_errors(exc, guest, aliases=aliases)
        return False
    messages.success(request, _("验证码已发送至%(phone)s，5分钟内有效。") % {"phone": mask_phone(phone)})
    return True

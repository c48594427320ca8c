"""我要求助: a worker's request to the 12351 centre, signed in or as a guest who proves the phone
by an SMS code on the same page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.cases.choices import Channel
from gonghui.cases.portal_centre import portal_centre
from gonghui.cases.services import case_submit, case_submit_as_guest
from gonghui.cases.services.attachments import check_worker_attachments
from gonghui.cases.services.intake import clean_intake
from gonghui.core.errors import DomainError, InvalidFields
from gonghui.core.request_context import client_ip
from gonghui.members.services.applications import PortalWorker
from gonghui.portal.cases.forms import CaseRequestForm, GuestPhoneForm
from gonghui.portal.cases.views.common import add_errors, send_guest_code, unbound_copy, worker_name
from gonghui.portal.common import session


def _judge_content(form: CaseRequestForm, raw: Any, phone: str) -> None:
    """Every field's problem at once, by the rules the case engine applies, before a guest's code is
    spent on a form that would be refused."""
    data = {name: raw.get(name, "") for name in form.fields} | {
        "caller_phone": phone, "channel": Channel.PORTAL, "anonymous": False}
    try:
        clean_intake(data, now=timezone.now())
    except InvalidFields as exc:
        # The phone is the guest form's business (or proved at login); the rest is this form's.
        for error in exc.errors:
            if error.field != "caller_phone":
                add_errors(error, form)
    try:
        check_worker_attachments(form.cleaned_data.get("attachments") or [])
    except DomainError as exc:
        add_errors(exc, form)


def _submit(request: HttpRequest, form: CaseRequestForm, guest: GuestPhoneForm | None,
            worker: PortalWorker | None) -> str | None:
    """The case number on success; None with the errors placed on the forms."""
    union = portal_centre()
    attachments = form.cleaned_data.get("attachments") or []
    if union is None:
        form.add_error(None, _("网上维权服务暂未开通，请拨打12351热线。"))
        return None
    try:
        if worker is not None:
            case = case_submit(worker=worker, union=union, data=form.service_data(), attachments=attachments)
        else:
            assert guest is not None
            phone = guest.cleaned_data["phone"]
            case = case_submit_as_guest(phone=phone, code=guest.cleaned_data.get("code", ""), union=union,
                                        data=form.service_data(), ip=client_ip(request), attachments=attachments)
            # The code proved the phone exactly as the portal login does: the guest is now signed in,
            # so the case page, 我的诉求 and rating need no second code.
            session.sign_in(request, phone)
    except DomainError as exc:
        add_errors(exc, form, *([guest] if guest is not None else []))
        return None
    return case.number


def case_request(request: HttpRequest) -> HttpResponse:
    worker = session.current_worker(request)
    prefill = {"caller_name": worker_name(worker.phone)} if worker else {}
    form = CaseRequestForm(request.POST or None, request.FILES or None, initial=prefill)
    guest = None if worker else GuestPhoneForm(request.POST or None)
    if request.method == "POST" and guest is not None and "send_code" in request.POST:
        send_guest_code(request, guest)
        form = unbound_copy(CaseRequestForm, request.POST)  # type: ignore[assignment]
    elif request.method == "POST":
        content_ok = form.is_valid()
        phone_ok = guest is None or guest.is_valid()
        if guest is not None and phone_ok and not guest.cleaned_data.get("code"):
            guest.add_error("code", _("请先获取并填写短信验证码。"))
            phone_ok = False
        _judge_content(form, request.POST, guest.cleaned_data.get("phone", "") if guest and phone_ok else "")
        if content_ok and phone_ok and not form.errors:
            number = _submit(request, form, guest, worker)
            if number is not None:
                return redirect(reverse("portal:case_detail", args=[number]) + "?submitted=1")
    return render(request, "portal/cases/request.html", {
        "form": form, "guest": guest, "worker": session.current_worker(request),
    })

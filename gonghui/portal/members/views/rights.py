"""我的个人信息 (PIPL arts. 44-47): what the system holds about the signed-in worker, masked; a full copy to
download; corrections (the phone by the worker, after an SMS code to the new number; the rest by the
union); consents withdrawn; an erasure request. Each action is one service call."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core import session_values
from gonghui.core.errors import DomainError
from gonghui.core.idnumbers import mask_phone
from gonghui.members import rights_selectors
from gonghui.members.models import Member
from gonghui.members.services import rights
from gonghui.portal.common.forms import add_errors, call_service
from gonghui.portal.common.session import sign_in, worker_of, worker_required
from gonghui.portal.common.views import flash_error, portal_errors
from gonghui.portal.members.rights_forms import CopyForm, CorrectionForm, EraseForm, NewPhoneForm, PhoneCodeForm
from gonghui.reports.personal.consent import EFFECT, consent_withdraw, consents_of
from gonghui.reports.personal.copy import personal_copy
from gonghui.reports.personal.erasure import retention_reasons
from gonghui.reports.personal.holdings import person_holdings

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
NEW_PHONE = "gonghui_portal_new_phone"  # sealed like the login phone (core.session_values)
# Each record on the page has its own forms (a phone may stand for two records): field names and ids apart.
PREFIX: dict[type[Any], str] = {CopyForm: "c", EraseForm: "e"}


def _page(request: HttpRequest, refused: CopyForm | EraseForm | None = None,
          refused_pk: int | None = None) -> HttpResponse:
    """The page; `refused`, a form of the record `refused_pk` sent back with its errors (answered 400)."""
    def form(kind: type[CopyForm] | type[EraseForm], m: Member) -> CopyForm | EraseForm:
        if refused is not None and isinstance(refused, kind) and m.pk == refused_pk:
            return refused
        return kind(prefix=f"{PREFIX[kind]}{m.pk}")

    phone = worker_of(request).phone
    people = [{"member": m, "sections": person_holdings(member=m), "consents": consents_of(member=m),
               "requests": rights_selectors.requests_of(member=m), "kept": retention_reasons(m),
               "copy_form": form(CopyForm, m), "erase_form": form(EraseForm, m)}
              for m in rights_selectors.members_of_phone(phone=phone)]
    return render(request, "portal/rights/page.html", {
        "people": people, "worker": worker_of(request), "effect": EFFECT},
        status=200 if refused is None else 400)


@worker_required
def page(request: HttpRequest) -> HttpResponse:
    return _page(request)


@worker_required
@require_POST
@portal_errors
def copy(request: HttpRequest, pk: int) -> HttpResponse:
    """The full copy, once the identity number typed matches the record (the phone alone may be shared)."""
    worker = worker_of(request)
    member = rights_selectors.my_member_get(phone=worker.phone, pk=pk)
    form = CopyForm(request.POST, prefix=f"{PREFIX[CopyForm]}{member.pk}")
    data = (call_service(form, personal_copy, actor=worker, member=member, id_number=form.cleaned_data["id_number"])
            if form.is_valid() else None)
    if data is None:
        return _page(request, refused=form, refused_pk=member.pk)
    response = HttpResponse(data, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="personal-data-{timezone.localdate():%Y%m%d}.xlsx"'
    response["Cache-Control"] = "no-store"  # the copy holds the identity number in full
    return response


@worker_required
@portal_errors
def correct(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_of(request)
    member = rights_selectors.my_member_get(phone=worker.phone, pk=pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, rights.data_request_correct, actor=worker, member=member,
                            field=form.cleaned_data["field"], value=form.cleaned_data["value"],
                            note=form.cleaned_data["note"])
        if done is not None:
            messages.success(request, _("更正申请已提交，工会核实后会处理，结果可在本页查看。"))
            return redirect("portal:my_data")
    return render(request, "portal/rights/correct.html", {"form": form, "member": member})


@worker_required
@portal_errors
def phone(request: HttpRequest, pk: int) -> HttpResponse:
    """Two steps on one page: the new number gets a code; the code, typed back, changes the phone."""
    worker = worker_of(request)
    member = rights_selectors.my_member_get(phone=worker.phone, pk=pk)
    pending = str(session_values.peek(request.session, NEW_PHONE, ""))
    phone_form, code_form = NewPhoneForm(), PhoneCodeForm()
    if request.method == "POST" and "code" in request.POST and pending:
        code_form = PhoneCodeForm(request.POST)
        if code_form.is_valid():
            try:
                rights.phone_change_by_member(worker=worker, member=member, new_phone=pending,
                                              code=code_form.cleaned_data["code"])
            except DomainError as exc:
                add_errors(exc, code_form)
            else:
                request.session.pop(NEW_PHONE, None)
                # The worker proved the new number: the portal session now stands on it.
                sign_in(request, pending)
                messages.success(request, _("手机号码已更新，请以后用新号码登录。"))
                return redirect("portal:my_data")
    elif request.method == "POST":
        phone_form = NewPhoneForm(request.POST)
        if phone_form.is_valid():
            sent = call_service(phone_form, rights.phone_change_send, worker=worker, member=member,
                                new_phone=phone_form.cleaned_data["phone"])
            if sent is not None:
                session_values.keep(request.session, NEW_PHONE, sent)
                pending = sent
                messages.success(request, _("验证码已发送到新号码。"))
    return render(request, "portal/rights/phone.html", {
        "member": member, "phone_form": phone_form, "code_form": code_form,
        "pending": mask_phone(pending) if pending else ""})


@worker_required
@require_POST
@portal_errors
def consent(request: HttpRequest, pk: int, application_pk: int) -> HttpResponse:
    worker = worker_of(request)
    member = rights_selectors.my_member_get(phone=worker.phone, pk=pk)
    try:
        consent_withdraw(actor=worker, member=member, application_pk=application_pk)
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("已撤回同意，用人单位不再能看到这份求职申请。"))
    return redirect("portal:my_data")


@worker_required
@require_POST
@portal_errors
def erase(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_of(request)
    member = rights_selectors.my_member_get(phone=worker.phone, pk=pk)
    form = EraseForm(request.POST, prefix=f"{PREFIX[EraseForm]}{member.pk}")
    if not form.is_valid() or call_service(form, rights.data_request_erase, actor=worker, member=member,
                                           note=form.cleaned_data["note"]) is None:
        return _page(request, refused=form, refused_pk=member.pk)
    messages.success(request, _("删除申请已提交，工会将依法处理并告知结果。"))
    return redirect("portal:my_data")

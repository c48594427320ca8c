"""个人信息权利 in the console (PIPL arts. 44-47): a cadre acts on a person's request made at the counter
(a copy for the person, a correction or an erasure request recorded, a consent withdrawn) and decides
the requests waiting for the member's union. Each action is one service call."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.core.permissions import Perm
from gonghui.members import rights_selectors, selectors
from gonghui.members.models import Member
from gonghui.members.rights_models import RightKind
from gonghui.members.services import rights
from gonghui.reports.personal.consent import consent_withdraw, consents_of
from gonghui.reports.personal.copy import personal_copy
from gonghui.reports.personal.erasure import erasure_decide, retention_reasons
from gonghui.web.common.forms import call_service_or_message
from gonghui.web.common.views import can, flash_error, needs_any, paginate, query_id, scope
from gonghui.web.members.rights_forms import CopyForm, CorrectionForm, DecisionForm, EraseForm

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def rights_context(request: HttpRequest, member: Member) -> dict[str, Any]:
    """The 个人信息权利 section of the member's page (web/members/_rights.html)."""
    return {"rights": {
        "requests": rights_selectors.requests_of(member=member), "consents": consents_of(member=member),
        "kept": retention_reasons(member), "can_act": can(request, Perm.MEMBER_EDIT, member.org_path),
        "can_copy": (can(request, Perm.MEMBER_REVEAL, member.org_path)
                     and can(request, Perm.MEMBER_EXPORT, member.org_path)),
        "copy_form": CopyForm(), "correction_form": CorrectionForm(), "erase_form": EraseForm(),
        "decision_form": DecisionForm(),
    }}


ACTIONS = frozenset({"copy", "correct", "erase", "consent"})
DECISIONS = {"accept": True, "refuse": False}


def _refused(request: HttpRequest, form: forms.Form) -> None:
    """A form the member's page does not show again: each error as a message naming its field."""
    for name, errors in form.errors.items():
        for error in errors:
            label = form.fields[name].label if name in form.fields else ""
            text = str(error)
            messages.error(request, _("%(field)s：%(error)s") % {"field": label, "error": text} if label else text)


@require_POST
def member_rights(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404
    member = selectors.member_get(scope=scope(request, Perm.MEMBER_VIEW), pk=pk)
    try:
        if action == "copy":
            form = CopyForm(request.POST)
            if not form.is_valid():
                _refused(request, form)
                return redirect(f"{member_url(member)}#rights")
            data = personal_copy(actor=request.user, member=member, reason=form.cleaned_data["reason"])
            response = HttpResponse(data, content_type=XLSX)
            response["Content-Disposition"] = (f'attachment; filename="personal-data-{member.pk}-'
                                               f'{timezone.localdate():%Y%m%d}.xlsx"')
            response["Cache-Control"] = "no-store"
            return response
        if action == "correct":
            correction = CorrectionForm(request.POST)
            if not correction.is_valid():
                _refused(request, correction)
            else:
                rights.data_request_correct(actor=request.user, member=member, **correction.cleaned_data)
                messages.success(request, _("已登记更正申请，请在下方处理。"))
        elif action == "erase":
            erase = EraseForm(request.POST)
            if not erase.is_valid():
                _refused(request, erase)
            else:
                rights.data_request_erase(actor=request.user, member=member, note=erase.cleaned_data["note"])
                messages.success(request, _("已登记删除申请，请在下方处理。"))
        else:
            application = query_id(request.POST.get("application"))
            consent_withdraw(actor=request.user, member=member, application_pk=application)
            messages.success(request, _("已为本人撤回同意，用人单位不再能看到这份求职申请。"))
    except DomainError as exc:
        flash_error(request, exc)
    return redirect(f"{member_url(member)}#rights")


def member_url(member: Member) -> str:
    return reverse("web:member_detail", args=[member.pk])


@require_POST
def data_request_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in DECISIONS:
        raise Http404
    found = rights_selectors.data_request_get(scope=scope(request, Perm.MEMBER_VIEW), pk=pk)
    accept = DECISIONS[decision]
    form = DecisionForm(request.POST)
    decide = erasure_decide if found.kind == RightKind.ERASE else rights.correction_decide
    if not form.is_valid():
        _refused(request, form)
    elif call_service_or_message(request, decide, actor=request.user, request=found, accept=accept,
                                 reason=form.cleaned_data["reason"]) is not None:
        messages.success(request, _("已办理。") if accept else _("已答复不予办理。"))
    if request.POST.get("back") == "list":
        return redirect("web:data_request_list")
    return redirect(f"{member_url(found.member)}#rights")


@needs_any(Perm.MEMBER_EDIT)
def data_request_list(request: HttpRequest) -> HttpResponse:
    rows = rights_selectors.pending_requests(scope=scope(request, Perm.MEMBER_EDIT))
    return render(request, "web/members/data_requests.html", {
        "page": paginate(request, rows), "decision_form": DecisionForm()})

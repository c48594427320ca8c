"""个人信息权利 in the console (PIPL arts. 44-47): a cadre acts on a person's request made at the counter
(a copy for the person, a correction or an erasure request recorded, a consent withdrawn) and decides
the requests waiting for the member's union. Each action is one service call."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
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
from gonghui.web.common.views import can, needs_any, paginate, scope
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


def _flash(request: HttpRequest, exc: DomainError) -> None:
    for error in getattr(exc, "errors", None) or [exc]:
        messages.error(request, str(error.message))


@require_POST
def member_rights(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    member = selectors.member_get(scope=scope(request, Perm.MEMBER_VIEW), pk=pk)
    try:
        if action == "copy":
            form = CopyForm(request.POST)
            reason = form.cleaned_data["reason"] if form.is_valid() else ""
            response = HttpResponse(personal_copy(actor=request.user, member=member, reason=reason),
                                    content_type=XLSX)
            response["Content-Disposition"] = (f'attachment; filename="personal-data-{member.pk}-'
                                               f'{timezone.localdate():%Y%m%d}.xlsx"')
            response["Cache-Control"] = "no-store"
            return response
        if action == "correct":
            rights.data_request_correct(actor=request.user, member=member, field=request.POST.get("field", ""),
                                        value=request.POST.get("value", ""), note=request.POST.get("note", ""))
            messages.success(request, _("已登记更正申请，请在下方处理。"))
        elif action == "erase":
            rights.data_request_erase(actor=request.user, member=member, note=request.POST.get("note", ""))
            messages.success(request, _("已登记删除申请，请在下方处理。"))
        elif action == "consent":
            consent_withdraw(actor=request.user, member=member, application_pk=request.POST.get("application", ""))
            messages.success(request, _("已为本人撤回同意，用人单位不再能看到这份求职申请。"))
    except DomainError as exc:
        _flash(request, exc)
    return redirect(f"{member_url(member)}#rights")


def member_url(member: Member) -> str:
    return reverse("web:member_detail", args=[member.pk])


@require_POST
def data_request_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    found = rights_selectors.data_request_get(scope=scope(request, Perm.MEMBER_VIEW), pk=pk)
    accept = decision == "accept"
    reason = request.POST.get("reason", "")
    decide = erasure_decide if found.kind == RightKind.ERASE else rights.correction_decide
    try:
        decide(actor=request.user, request=found, accept=accept, reason=reason)
    except DomainError as exc:
        _flash(request, exc)
    else:
        messages.success(request, _("已办理。") if accept else _("已答复不予办理。"))
    if request.POST.get("back") == "list":
        return redirect("web:data_request_list")
    return redirect(f"{member_url(found.member)}#rights")


@needs_any(Perm.MEMBER_EDIT)
def data_request_list(request: HttpRequest) -> HttpResponse:
    rows = rights_selectors.pending_requests(scope=scope(request, Perm.MEMBER_EDIT))
    return render(request, "web/members/data_requests.html", {
        "page": paginate(request, rows), "decision_form": DecisionForm()})

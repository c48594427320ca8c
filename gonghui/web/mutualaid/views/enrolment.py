"""Yearly enrolment (参保): a union's members from the registry in bulk, or an enrolment list from a
file (checked first, then committed from the staged copy); 退保; a claim filed for an enrolled member."""

import datetime
import os
import secrets
from typing import Any

from django.contrib import messages
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError, StorageFailed
from gonghui.core.money import yuan
from gonghui.core.storage import save_to_storage
from gonghui.mutualaid.choices import CLAIM_KINDS_OF_PLAN
from gonghui.mutualaid.models import MutualAidPlan
from gonghui.mutualaid.selectors import enrolment_get, plan_get
from gonghui.mutualaid.services import claim_submit, enrolment_bulk_create, enrolment_cancel, enrolment_import
from gonghui.web.common.forms import add_refusal, call_service
from gonghui.web.common.unions import union_choices, union_from_choice
from gonghui.web.common.views import flash_error, needs_any, not_found_as_404
from gonghui.web.mutualaid.forms import ClaimForm, EnrolForm, ImportForm
from gonghui.web.mutualaid.views.plans import PERM, mutual_scope, render_plan_page

STAGE_KEY = "mutualaid-import-%s"
STAGE_DIR = "mutualaid/imports/"


def _result_text(enrolled: int, already: int, ineligible: int, premiums: Any) -> str:
    text = _("已参保%(n)d人，互助金合计%(premiums)s元；已在本计划中的%(already)d人已跳过。") % {
        "n": enrolled, "premiums": yuan(premiums), "already": already}
    if ineligible:
        text += _("另有%(n)d名男职工不符合本计划条件，未参保。") % {"n": ineligible}
    return text


@require_POST
@needs_any(PERM)
@not_found_as_404
def enrol(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(scope=mutual_scope(request), pk=pk)
    form = EnrolForm(request.POST, unions=union_choices(request, PERM), auto_id="id_enrol_%s")
    if form.is_valid():
        data = form.cleaned_data
        union = union_from_choice(request, PERM, data["union"])
        result = call_service(form, enrolment_bulk_create, actor=request.user, plan=plan, union=union,
                              include_branch=data["include_branch"], paid_on=data["paid_on"])
        if result is not None:
            messages.success(request, _result_text(result.enrolled, result.already, result.ineligible,
                                                   result.premiums))
            return redirect("web:mutualaid_plan_detail", plan.pk)
    return render_plan_page(request, plan, failed={"enrol": form})


def _stage(request: HttpRequest, plan: MutualAidPlan, upload: Any, paid_on: Any) -> str:
    """Keep the checked file until the cadre confirms: the commit reads exactly what was previewed."""
    token = secrets.token_urlsafe(12)
    extension = os.path.splitext(upload.name or "")[1].lower()[:6]
    stored = save_to_storage(default_storage, f"{STAGE_DIR}{token}{extension}", ContentFile(upload.read()),
                             field="file", what=_("参保名单"))
    request.session[STAGE_KEY % token] = {"plan": plan.pk, "path": stored, "name": (upload.name or "")[:100],
                                          "paid_on": paid_on.isoformat() if paid_on else ""}
    return token


@require_POST
@needs_any(PERM)
@not_found_as_404
def import_list(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(scope=mutual_scope(request), pk=pk)
    token = request.POST.get("staged", "")
    if token:
        return _commit(request, plan, token)
    form = ImportForm(request.POST, request.FILES, auto_id="id_import_%s")
    if not form.is_valid():
        return render_plan_page(request, plan, failed={"import": form})
    upload, paid_on = form.cleaned_data["file"], form.cleaned_data["paid_on"]
    report = call_service(form, enrolment_import, actor=request.user, plan=plan, file=upload,
                          filename=upload.name or "", paid_on=paid_on)
    if report is None:
        return render_plan_page(request, plan, failed={"import": form})
    upload.seek(0)
    try:
        staged = _stage(request, plan, upload, paid_on) if report.valid else ""
    except StorageFailed as exc:
        add_refusal(form, exc)
        return render_plan_page(request, plan, failed={"import": form})
    return render_plan_page(request, plan, report=report, staged=staged)


def _commit(request: HttpRequest, plan: MutualAidPlan, token: str) -> HttpResponse:
    stage = request.session.pop(STAGE_KEY % token, None)
    if not stage or stage["plan"] != plan.pk or not default_storage.exists(stage["path"]):
        messages.error(request, _("待导入的名单已失效，请重新选择文件。"))
        return redirect("web:mutualaid_plan_detail", plan.pk)
    try:
        with default_storage.open(stage["path"], "rb") as file:
            report = enrolment_import(actor=request.user, plan=plan, file=file, filename=stage["name"], commit=True,
                                      paid_on=_date(stage["paid_on"]))
    except DomainError as exc:
        flash_error(request, exc)
        return redirect("web:mutualaid_plan_detail", plan.pk)
    finally:
        default_storage.delete(stage["path"])
    result = report.result
    if result is not None:
        messages.success(request, _result_text(result.enrolled, report.already, result.ineligible, result.premiums))
    if report.issue_count:
        messages.warning(request, _("名单中有%(n)d行未导入，原因见检查结果。") % {"n": report.issue_count})
    return redirect("web:mutualaid_plan_detail", plan.pk)


def _date(text: str) -> datetime.date | None:
    return datetime.date.fromisoformat(text) if text else None


@require_POST
@needs_any(PERM)
@not_found_as_404
def enrolment_cancel_page(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_get(scope=mutual_scope(request), pk=pk)
    try:
        # The service judges the reason (required, its length) and names it when wrong.
        enrolment_cancel(actor=request.user, enrolment=enrolment, reason=request.POST.get("reason", ""))
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("%(name)s已退保。") % {"name": enrolment.member.name})
    return redirect("web:mutualaid_plan_detail", enrolment.plan_id)


@needs_any(PERM)
@not_found_as_404
def claim_create_page(request: HttpRequest, pk: int) -> HttpResponse:
    enrolment = enrolment_get(scope=mutual_scope(request), pk=pk)
    plan = enrolment.plan
    form = ClaimForm(request.POST or None, request.FILES or None, kinds=sorted(CLAIM_KINDS_OF_PLAN[plan.kind]))
    if request.method == "POST" and form.is_valid():
        claim = call_service(form, claim_submit, actor=request.user, enrolment=enrolment, data=form.claim_data(),
                             documents=form.cleaned_data["documents"])
        if claim is not None:
            messages.success(request, _("已提交给付申请。"))
            return redirect("web:mutualaid_claim_detail", claim.pk)
    return render(request, "mutualaid/claim_form.html", {"form": form, "enrolment": enrolment, "plan": plan},
                  status=400 if form.errors else 200)


"""互助保障给付: the claims list and the claim page with its documents, what may be paid under the
plan's rules, its timeline, the diagnosis shown only on a stated reason (audited), and the forms of
the steps this cadre may take: review, approve, reject, pay, attach."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.errors import Conflict, NotFound
from gonghui.core.uploads import upload_response
from gonghui.mutualaid.choices import ClaimAction, ClaimStatus
from gonghui.mutualaid.models import MutualAidClaim
from gonghui.mutualaid.rules import Cap
from gonghui.mutualaid.selectors import claim_documents, claim_get, claim_list, claim_timeline
from gonghui.mutualaid.services import (
    claim_approve,
    claim_attach,
    claim_diagnosis_reveal,
    claim_pay,
    claim_payable,
    claim_reject,
    claim_review,
)
from gonghui.mutualaid.workflow import RULES, At, allowed_actions
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import can, flash_error, needs_any, not_found_as_404, paginate
from gonghui.web.mutualaid.forms import ApproveForm, AttachForm, NoteForm, PayForm, RejectForm, RevealForm
from gonghui.web.mutualaid.views.plans import PERM, mutual_scope

FORMS: dict[str, type[forms.Form]] = {
    ClaimAction.REVIEW: NoteForm, ClaimAction.APPROVE: ApproveForm, ClaimAction.REJECT: RejectForm,
    ClaimAction.PAY: PayForm, ClaimAction.ATTACH: AttachForm,
}
DONE: dict[str, Any] = {
    ClaimAction.REVIEW: gettext_lazy("已审核，等待计划承办工会批准。"), ClaimAction.APPROVE: gettext_lazy("已批准。"),
    ClaimAction.REJECT: gettext_lazy("已拒付。"), ClaimAction.PAY: gettext_lazy("已给付。"),
    ClaimAction.ATTACH: gettext_lazy("已上传证明材料。"),
}

CAPS: dict[str, Any] = {
    Cap.WAITING_PERIOD: gettext_lazy("等待期"), Cap.OUTSIDE_TERM: gettext_lazy("保障期"),
    Cap.PER_CLAIM: gettext_lazy("单次给付限额"), Cap.YEARLY: gettext_lazy("年度累计给付限额"),
}


@needs_any(PERM)
def claim_list_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    status = status if status in ClaimStatus.values else ""
    claims = claim_list(scope=mutual_scope(request), status=status).select_related("plan__union")
    return render(request, "mutualaid/claim_list.html", {
        "page": paginate(request, claims, per_page=30), "status": status, "statuses": ClaimStatus.choices,
    })


def claim_actions(request: HttpRequest, claim: MutualAidClaim) -> list[str]:
    """What the status table allows, narrowed to the union whose grant each step needs."""
    shown = []
    for action in allowed_actions(claim.status):
        rule = RULES[action]
        path = claim.org_path if rule.at == At.MEMBER_UNION else claim.plan.org_path
        if can(request, rule.permission, path):
            shown.append(action)
    return shown


def _blank(action: str, claim: MutualAidClaim, payable: Any) -> forms.Form:
    initial: dict[str, Any] = {"version": claim.version}
    if action == ClaimAction.APPROVE and payable is not None:
        initial["amount"] = f"{payable.amount:.2f}"
    return FORMS[action](initial=initial, auto_id=f"id_{action}_%s")


def render_claim_page(request: HttpRequest, claim: MutualAidClaim, failed: dict[str, forms.Form] | None = None,
                      diagnosis: str = "", reveal_form: forms.Form | None = None) -> HttpResponse:
    failed = failed or {}
    actions = claim_actions(request, claim)
    payable = claim_payable(claim=claim) if claim.status in (ClaimStatus.SUBMITTED, ClaimStatus.REVIEWED) else None
    action_forms = [(a, ClaimAction(a).label, failed.get(a) or _blank(a, claim, payable)) for a in actions]
    labels = dict(ClaimAction.choices)
    events = [{"label": labels.get(e.action.removeprefix("claim_"), e.action), "e": e}
              for e in claim_timeline(claim=claim)]
    return render(request, "mutualaid/claim_detail.html", {
        "claim": claim, "plan": claim.plan, "enrolment": claim.enrolment, "payable": payable,
        "documents": claim_documents(claim=claim), "events": events, "forms": action_forms,
        "caps": [CAPS[c] for c in payable.caps] if payable else [],
        "open_action": next(iter(failed), ""), "diagnosis": diagnosis,
        "reveal_form": reveal_form or RevealForm(), "can_reveal": can(request, PERM, claim.org_path),
    }, status=400 if failed or (reveal_form is not None and reveal_form.errors) else 200)


@needs_any(PERM)
@not_found_as_404
def claim_detail_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_claim_page(request, claim_get(scope=mutual_scope(request), pk=pk))


def _run(action: str, request: HttpRequest, claim: MutualAidClaim, form: forms.Form) -> Any:
    data = form.cleaned_data
    common = {"actor": request.user, "claim": claim, "version": data["version"]}
    if action == ClaimAction.REVIEW:
        return call_service(form, claim_review, note=data["note"], **common)
    if action == ClaimAction.APPROVE:
        return call_service(form, claim_approve, amount=data["amount"], note=data["note"], **common)
    if action == ClaimAction.REJECT:
        return call_service(form, claim_reject, reason=data["reason"], **common)
    if action == ClaimAction.PAY:
        return call_service(form, claim_pay, paid_on=data["paid_on"], note=data["note"], **common)
    return call_service(form, claim_attach, upload=data["file"], **common)


@require_POST
@needs_any(PERM)
@not_found_as_404
def claim_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    claim = claim_get(scope=mutual_scope(request), pk=pk)
    form = FORMS[action](request.POST, request.FILES, auto_id=f"id_{action}_%s")
    if form.is_valid():
        try:
            done = _run(action, request, claim, form)
        except Conflict as exc:
            flash_error(request, exc)
            return redirect("web:mutualaid_claim_detail", pk)
        if done is not None and not form.errors:
            messages.success(request, DONE[action])
            return redirect("web:mutualaid_claim_detail", pk)
        if form.has_error("version"):
            # A stale page: nothing to correct in the form, so the claim as it is now is shown instead.
            messages.error(request, str(form.errors["version"][0]))
            return redirect("web:mutualaid_claim_detail", pk)
    return render_claim_page(request, claim, failed={action: form})


@require_POST
@needs_any(PERM)
@not_found_as_404
def claim_reveal(request: HttpRequest, pk: int) -> HttpResponse:
    claim = claim_get(scope=mutual_scope(request), pk=pk)
    form = RevealForm(request.POST)
    text = ""
    if form.is_valid():
        text = call_service(form, claim_diagnosis_reveal, actor=request.user, claim=claim,
                            reason=form.cleaned_data["reason"]) or ""
    return render_claim_page(request, claim, diagnosis=text, reveal_form=form)


@needs_any(PERM)
def claim_document(request: HttpRequest, pk: int, document_pk: int) -> HttpResponseBase:
    try:
        claim = claim_get(scope=mutual_scope(request), pk=pk)
    except NotFound:
        raise Http404 from None
    document = next((d for d in claim_documents(claim=claim) if d.pk == document_pk), None)
    if document is None:
        raise Http404
    return upload_response(document)  # type: ignore[no-any-return]

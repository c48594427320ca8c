"""The contract page: its state, its deadlines, what has been agreed, and the forms for the steps this
viewer may take now (the main one first). Every form posts to `contract_act`, which loads the
contract through the viewer's scope and calls the one service for that step with the version shown."""

import re
from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.contracts import services
from gonghui.contracts.choices import Action, Reach, Side, Status
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.selectors import (
    ContractParts,
    codebook,
    contract_actions,
    contract_attachment_get,
    contract_get,
    contract_parts,
    employers_by_credit_code,
    lowest_wage_check,
)
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.uploads import upload_response
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import not_found_as_404
from gonghui.web.contracts import forms as f
from gonghui.web.contracts.views.common import contract_scope, needs_contract_permission

FORMS: dict[str, type[forms.Form]] = {
    Action.ANSWER: f.AnswerForm, Action.MEET: f.MeetForm, Action.DRAFT: f.DraftForm, Action.VOTE: f.VoteForm,
    Action.SIGN: f.SignForm, Action.FILE: f.FileForm, Action.OBJECT: f.ObjectForm, Action.APPROVE: f.ApproveForm,
    Action.PUBLISH: f.PublishForm, Action.CHECK: f.CheckForm, Action.RENEW: f.RenewForm,
    Action.TERMINATE: f.TerminateForm, Action.ATTACH: f.AttachForm, Action.GUIDE: f.GuideForm,
}
DONE: dict[str, Any] = {
    Action.ANSWER: _("已记录回应，进入协商。"), Action.MEET: _("已记录协商会议。"), Action.DRAFT: _("已保存草案。"),
    Action.VOTE: _("草案已审议通过。"), Action.SIGN: _("已签订，请在报送期限内报送人社部门。"),
    Action.FILE: _("已报送，审查期限届满未提出异议即生效。"), Action.OBJECT: _("已记录审查意见，合同退回协商。"),
    Action.APPROVE: _("合同已生效。"), Action.PUBLISH: _("已公布。"), Action.CHECK: _("已记录履约检查。"),
    Action.RENEW: _("已发起续签要约。"), Action.TERMINATE: _("合同已终止。"), Action.ATTACH: _("已上传附件。"),
    Action.GUIDE: _("已记录指导意见。"),
}


def _actions(request: HttpRequest, contract: CollectiveContract, parts: ContractParts) -> list[str]:
    return [a for a in contract_actions(actor=request.user, contract=contract, has_terms=bool(parts.terms))
            if a in FORMS]


def _form_kwargs(action: str, parts: ContractParts) -> dict[str, Any]:
    if action == Action.DRAFT:
        return {"codebook": codebook()}
    if action == Action.CHECK:
        return {"terms": [(t.variable.code, t.variable.name) for t in parts.terms]}
    return {}


def _lines(rows: list[Any]) -> str:
    return "\n".join(rows)


def _blank_form(action: str, contract: CollectiveContract, parts: ContractParts) -> forms.Form:
    today = timezone.localdate()
    initial: dict[str, Any] = {"version": contract.version}
    date_fields: dict[str, str] = {Action.ANSWER: "answered_on", Action.MEET: "held_on", Action.VOTE: "held_on",
                  Action.SIGN: "signed_on", Action.FILE: "filed_on", Action.APPROVE: "effective_on",
                  Action.PUBLISH: "published_on", Action.CHECK: "checked_on", Action.RENEW: "received_on",
                  Action.TERMINATE: "ended_on"}
    date_field = date_fields.get(action)
    if date_field:
        initial[date_field] = today
    if action == Action.CHECK:
        initial["year"] = today.year
    if action == Action.DRAFT:
        initial.update(title=contract.title, start_on=contract.start_on, end_on=contract.end_on, text=contract.text)
        for side, name in ((Side.UNION, "union_negotiators"), (Side.EMPLOYER, "employer_negotiators")):
            people = sorted((n for n in parts.negotiators if n.side == side), key=lambda n: not n.is_chief)
            initial[name] = _lines([f"{n.name}，{n.position}" if n.position else n.name for n in people])
        if contract.reach != Reach.EMPLOYER:
            initial["coverage"] = _lines([f"{c.employer.credit_code}，{c.workers_covered}" for c in parts.coverage])
        for term in parts.terms:
            value = term.number if term.number is not None else (
                ("1" if term.flag else "0") if term.flag is not None else term.text)
            initial[f"term_{term.variable.code}"] = value
    return FORMS[action](initial=initial, auto_id=f"id_{action}_%s", **_form_kwargs(action, parts))


@needs_contract_permission()
@not_found_as_404
def contract_detail_page(request: HttpRequest, pk: int, failed: dict[str, forms.Form] | None = None) -> HttpResponse:
    scope = contract_scope(request)
    contract = contract_get(scope=scope, pk=pk)
    parts = contract_parts(scope=scope, contract=contract)
    actions = _actions(request, contract, parts)
    action_forms = [(a, Action(a).label, (failed or {}).get(a) or _blank_form(a, contract, parts)) for a in actions]
    open_action = next(iter(failed or {}), "")
    if failed and open_action not in actions:
        for error in failed[open_action].non_field_errors() or [_("当前状态下您不能办理此操作。")]:
            messages.error(request, str(error))
    today = timezone.localdate()
    return render(request, "contracts/detail.html", {
        "contract": contract, "parts": parts, "main_form": action_forms[:1], "more_forms": action_forms[1:],
        "open_action": open_action, "more_open": any(a == open_action for a, *_r in action_forms[1:]),
        "today": today, "wage": lowest_wage_check(scope=scope, contract=contract),
        "answer_overdue": contract.status == Status.OFFERED and contract.answer_due < today,
        "filing_overdue": contract.status == Status.SIGNED and contract.filing_due and contract.filing_due < today,
        "days_left": (contract.end_on - today).days if contract.end_on and contract.in_force else None,
        "can_manage": bool(actions), "supervising": actions == [Action.GUIDE],
    }, status=400 if failed else 200)


_LINE = re.compile(r"[，,、\s\t]+")


def _negotiators(text: str, side: str) -> list[services.NegotiatorIn]:
    rows = []
    for i, line in enumerate(t for t in text.splitlines() if t.strip()):
        bits = re.split(r"[，,]", line.strip(), maxsplit=1)
        name, position = bits[0].strip(), (bits[1].strip() if len(bits) > 1 else "")
        rows.append(services.NegotiatorIn(side, name, position, i == 0))
    return rows


def _coverage(request: HttpRequest, contract: CollectiveContract, text: str) -> list[services.CoverageIn]:
    """Lines of "credit code, workers"; a line that names no employer in scope is refused by number."""
    lines = [(i, _LINE.split(line.strip(), maxsplit=1)) for i, line in enumerate(text.splitlines(), 1) if line.strip()]
    found = employers_by_credit_code(scope=contract_scope(request, Perm.CONTRACT_MANAGE),
                                     codes=[bits[0] for _i, bits in lines])
    rows, errors = [], []
    for i, bits in lines:
        employer = found.get(bits[0].upper())
        if employer is None:
            errors.append(msg(_("第%(row)s行：找不到统一社会信用代码为“%(code)s”的用人单位，或不在您的管辖范围内。"),
                              {"row": i, "code": bits[0][:20]}))
            continue
        rows.append(services.CoverageIn(employer, bits[1] if len(bits) > 1 else ""))
    if errors:
        raise ValidationFailed("；".join(str(e) for e in errors), field="coverage", code="coverage_unknown")
    return rows


def _run(action: str, request: HttpRequest, contract: CollectiveContract, form: forms.Form) -> Any:
    data, user = form.cleaned_data, request.user
    common = {"actor": user, "contract": contract, "version": data.get("version")}
    if action == Action.ANSWER:
        return call_service(form, services.contract_answer, **common, answered_on=data["answered_on"],
                            note=data["note"])
    if action == Action.MEET:
        return call_service(form, services.contract_meet, **common, held_on=data["held_on"], place=data["place"],
                            minutes=data["minutes"])
    if action == Action.DRAFT:
        assert isinstance(form, f.DraftForm)
        coverage = None
        if contract.reach != Reach.EMPLOYER:
            coverage = call_service(form, _coverage, request=request, contract=contract, text=data["coverage"])
            if coverage is None:
                return None
        return call_service(form, services.contract_draft, **common, title=data["title"], start_on=data["start_on"],
                            end_on=data["end_on"], text=data["text"], terms=form.term_values(), coverage=coverage,
                            negotiators=_negotiators(data["union_negotiators"], Side.UNION)
                            + _negotiators(data["employer_negotiators"], Side.EMPLOYER))
    if action == Action.VOTE:
        return call_service(form, services.contract_vote, **common, body=data["body"], held_on=data["held_on"],
                            entitled=data["entitled"], present=data["present"], in_favour=data["in_favour"],
                            against=data["against"] or 0, abstained=data["abstained"] or 0)
    dated: dict[str, tuple[Callable[..., Any], str]] = {
        Action.SIGN: (services.contract_sign, "signed_on"), Action.FILE: (services.contract_file, "filed_on"),
        Action.APPROVE: (services.contract_approve, "effective_on")}
    if action in dated:
        fn, field = dated[action]
        return call_service(form, fn, **common, **{field: data[field]})
    if action == Action.OBJECT:
        return call_service(form, services.contract_object, **common, objection=data["objection"])
    if action == Action.PUBLISH:
        return call_service(form, services.contract_publish, **common, published_on=data["published_on"],
                            note=data["note"])
    if action == Action.CHECK:
        assert isinstance(form, f.CheckForm)
        kept = list(data["kept"])
        return call_service(form, services.contract_check, **common, year=data["year"], checked_on=data["checked_on"],
                            kept=kept, broken=[c for c in form.term_codes if c not in kept], note=data["note"])
    if action == Action.RENEW:
        common.pop("version")
        return call_service(form, services.contract_renew, **common, received_on=data["received_on"],
                            offered_by=data["offered_by"], offer_text=data["offer_text"])
    if action == Action.TERMINATE:
        return call_service(form, services.contract_terminate, **common, ended_on=data["ended_on"],
                            reason=data["reason"])
    if action == Action.ATTACH:
        return call_service(form, services.contract_attach, **common, upload=data["file"])
    if action == Action.GUIDE:
        common.pop("version")
        return call_service(form, services.contract_guide, **common, note=data["note"])
    raise Http404


@require_POST
@needs_contract_permission()
@not_found_as_404
def contract_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    scope = contract_scope(request)
    contract = contract_get(scope=scope, pk=pk)
    parts = contract_parts(scope=scope, contract=contract)
    form = FORMS[action](request.POST, request.FILES, auto_id=f"id_{action}_%s", **_form_kwargs(action, parts))
    if form.is_valid():
        try:
            done = _run(action, request, contract, form)
        except Conflict as exc:
            messages.error(request, str(exc.message))
            return redirect("web:contract_detail", pk)
        if form.has_error("version"):
            messages.error(request, str(form.errors["version"][0]))
            return redirect("web:contract_detail", pk)
        if done is not None and not form.errors:
            messages.success(request, DONE[action])
            if action == Action.RENEW and isinstance(done, CollectiveContract):
                return redirect("web:contract_detail", done.pk)
            return redirect("web:contract_detail", pk)
    return contract_detail_page(request, pk, failed={action: form})


@needs_contract_permission()
@not_found_as_404
def contract_attachment(request: HttpRequest, pk: int, attachment_pk: int) -> HttpResponse:
    scope = contract_scope(request)
    attachment = contract_attachment_get(scope=scope, contract=contract_get(scope=scope, pk=pk), pk=attachment_pk)
    return upload_response(attachment)  # type: ignore[no-any-return]


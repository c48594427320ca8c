"""提案: the list (filters, export), submitting one for a delegate, and the proposal page, which offers
only the steps the viewer may take now."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.democracy.choices import ProposalAction
from gonghui.democracy.models import Proposal
from gonghui.democracy.selectors import (
    congress_get,
    current_term,
    delegate_get,
    proposal_events,
    proposal_get,
    proposal_list,
    term_delegates,
)
from gonghui.democracy.services import proposal_submit, proposal_transition
from gonghui.democracy.workflow import allowed_actions
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.democracy.forms import ProposalActionForm, ProposalFilterForm, ProposalForm
from gonghui.web.democracy.views.common import MANAGE, PERMS, may_manage, say_refusal, view_scope

# The fields each step asks for, in the order shown; the service names the one it refuses.
ACTION_FIELDS: dict[str, tuple[str, ...]] = {
    ProposalAction.ACCEPT: ("note",), ProposalAction.CONVERT: ("reason",), ProposalAction.ASSIGN: ("department",),
    ProposalAction.ANSWER: ("answer",), ProposalAction.RATE: ("rating", "rating_note"), ProposalAction.PUBLISH: (),
}


@needs_any(*PERMS)
@not_found_as_404
def proposal_list_page(request: HttpRequest) -> HttpResponse:
    form = ProposalFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = proposal_list(scope=view_scope(request), status=filters.get("status", ""), query=filters.get("q", ""),
                         overdue=bool(filters.get("overdue")))
    return render(request, "democracy/proposal_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "now": timezone.now()})


@needs_any(MANAGE)
@not_found_as_404
def proposal_create_page(request: HttpRequest, pk: int) -> HttpResponse:
    scope = view_scope(request)
    congress = congress_get(scope=scope, pk=pk)
    term = current_term(congress)
    delegates = list(term_delegates(scope=scope, term=term)) if term else []
    form = ProposalForm(request.POST or None, delegates=[(d.pk, f"{d.name}（{d.constituency}）") for d in delegates])
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        proposal = call_service(
            form, proposal_submit, actor=request.user, congress=congress,
            submitter=delegate_get(scope=scope, pk=data["submitter"]), title=data["title"], content=data["content"],
            cosigners=[delegate_get(scope=scope, pk=p) for p in data["cosigners"]])
        if proposal is not None:
            messages.success(request, _("已提交提案，等待提案委员会审查。"))
            return redirect("web:democracy_proposal", proposal.pk)
    return render(request, "democracy/proposal_form.html", {"form": form, "congress": congress, "term": term},
                  status=400 if form.errors else 200)


def render_proposal(request: HttpRequest, proposal: Proposal, failed: tuple[str, ProposalActionForm] | None = None
                    ) -> HttpResponse:
    actions = allowed_actions(proposal.status) if may_manage(request, proposal.org_path) else []
    if failed and failed[0] not in actions:
        say_refusal(request, failed[1])
    steps = []
    for action in actions:
        form = failed[1] if failed and failed[0] == action else ProposalActionForm(
            initial={"version": proposal.version}, auto_id=f"id_{action}_%s")
        steps.append({"action": action, "label": ProposalAction(action).label, "form": form,
                      "fields": [form[f] for f in ACTION_FIELDS[action]]})
    return render(request, "democracy/proposal_detail.html", {
        "p": proposal, "steps": steps, "events": list(proposal_events(proposal=proposal)),
        "cosigners": [c.delegate for c in proposal.cosigns.select_related("delegate")],
        "overdue": proposal.status == "assigned" and proposal.due_at and proposal.due_at < timezone.now(),
        "open_action": failed[0] if failed else "",
    }, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def proposal_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_proposal(request, proposal_get(scope=view_scope(request), pk=pk))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def proposal_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    proposal = proposal_get(scope=view_scope(request), pk=pk)
    if action not in ACTION_FIELDS:
        return redirect("web:democracy_proposal", proposal.pk)
    form = ProposalActionForm(request.POST, auto_id=f"id_{action}_%s")
    if form.is_valid():
        d = form.cleaned_data
        note = d["reason"] if action == ProposalAction.CONVERT else (
            d["rating_note"] if action == ProposalAction.RATE else d["note"])
        done = call_service(form, proposal_transition, actor=request.user, proposal=proposal, action=action,
                            note=note, department=d["department"], answer=d["answer"], rating=d["rating"],
                            version=d["version"])
        if done is not None:
            messages.success(request, _("已%(action)s。") % {"action": ProposalAction(action).label})
            return redirect("web:democracy_proposal", proposal.pk)
    return render_proposal(request, proposal, (action, form))

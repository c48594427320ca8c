"""民主管理 on the portal: 厂务公开 of the worker's own employer (each item's read counted once), the
year's openness assessment, and for a delegate their proposals: submitting with co-signers,
following the answer, rating it.

Everything is found through the phone the worker proved: another employer's item or another
delegate's proposal answers exactly like a missing one.
"""

from itertools import groupby
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError, NotFound
from gonghui.democracy.choices import DisclosureCategory, ProposalAction, ProposalStatus, RuleCode
from gonghui.democracy.rules import current_rules
from gonghui.democracy.selectors import proposal_events
from gonghui.democracy.services import disclosure_mark_read, openness_vote, proposal_submit, proposal_transition
from gonghui.democracy.worker_selectors import (
    seat_colleagues,
    worker_disclosure_get,
    worker_disclosures,
    worker_members,
    worker_openness_vote,
    worker_proposal_get,
    worker_proposals,
    worker_seat,
)
from gonghui.members.models import Member
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors
from gonghui.portal.common.views import flash_error, portal_errors
from gonghui.portal.democracy.forms import AssessForm, ProposalForm, RateForm

CATEGORY_ORDER = {code: i for i, code in enumerate(DisclosureCategory.values)}
# Where a proposal stands, in the words of the delegate following it.
STAGE_WORDS: dict[str, Any] = {
    ProposalStatus.SUBMITTED: gettext_lazy("提案工作委员会正在审查。"),
    ProposalStatus.ACCEPTED: gettext_lazy("已立案，即将交承办部门办理。"),
    ProposalStatus.CONVERTED: gettext_lazy("提案工作委员会将其作为意见建议处理，理由见下。"),
    ProposalStatus.ASSIGNED: gettext_lazy("承办部门正在办理，将在答复期限前答复。"),
    ProposalStatus.ANSWERED: gettext_lazy("承办部门已答复，请您评价。"),
    ProposalStatus.RATED: gettext_lazy("您已评价，办理结果将向全体职工公布。"),
    ProposalStatus.PUBLISHED: gettext_lazy("办理结果已向全体职工公布。"),
}


def _member(request: HttpRequest) -> Member | None:
    members = worker_members(phone=session.worker_of(request).phone)
    return members[0] if members else None


def _own_member(request: HttpRequest) -> Member:
    member = _member(request)
    if member is None:
        raise NotFound()
    return member


def _home(request: HttpRequest, *, assess_form: AssessForm | None = None, status: int = 200) -> HttpResponse:
    worker = session.worker_of(request)
    member = _member(request)
    context: dict[str, Any] = {"worker": worker, "member": member, "year": timezone.localdate().year}
    if member is not None:
        items = sorted(worker_disclosures(member=member), key=lambda d: CATEGORY_ORDER.get(d.category, 99))
        context.update(
            groups=[(DisclosureCategory(code).label, list(rows)) for code, rows in
                    groupby(items, key=lambda d: d.category)],
            unread=sum(1 for d in items if not getattr(d, "is_read", False)), vote=worker_openness_vote(member=member),
            assess_form=assess_form or AssessForm(), seat=worker_seat(member=member),
            proposals=list(worker_proposals(member=member)[:20]))
    return render(request, "portal/democracy/home.html", context, status=status)


@session.worker_required
def democracy_home(request: HttpRequest) -> HttpResponse:
    return _home(request)


@session.worker_required
@portal_errors
def disclosure(request: HttpRequest, pk: int) -> HttpResponse:
    member = _own_member(request)
    item = worker_disclosure_get(member=member, pk=pk)
    disclosure_mark_read(member=member, disclosure=item)
    return render(request, "portal/democracy/disclosure.html", {"worker": session.worker_of(request),
                                                                 "item": item, "member": member})


@session.worker_required
@require_POST
@portal_errors
def assess(request: HttpRequest) -> HttpResponse:
    member = _own_member(request)
    form = AssessForm(request.POST)
    if form.is_valid():
        try:
            openness_vote(worker=session.worker_of(request), member=member, rating=form.cleaned_data["rating"])
        except DomainError as exc:
            if exc.code != "already_assessed":
                raise
            flash_error(request, exc)
        else:
            messages.success(request, _("感谢您参加厂务公开民主评议。"))
        return redirect("portal:democracy")
    return _home(request, assess_form=form, status=400)


def _cosigner_groups(form: ProposalForm, seat: Any) -> list[tuple[str, list[Any]]]:
    """The co-signer checkboxes grouped by constituency (选区), as delegates know each other."""
    where = dict(seat_colleagues(seat=seat).values_list("pk", "constituency"))
    groups: dict[str, list[Any]] = {}
    for box in form["cosigners"]:
        groups.setdefault(where.get(box.data["value"], ""), []).append(box)
    return list(groups.items())


@session.worker_required
@portal_errors
def proposal_new(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    member = _own_member(request)
    seat = worker_seat(member=member)
    if seat is None:
        # Only a serving delegate submits a 提案; anyone else may raise it with their delegate.
        return render(request, "portal/democracy/not_delegate.html", {"worker": worker, "member": member},
                      status=403)
    colleagues = [(d.pk, d.name) for d in seat_colleagues(seat=seat)]
    need = current_rules().whole(RuleCode.MIN_COSIGNERS)
    form = ProposalForm(request.POST or None, colleagues=colleagues, need=need)
    if request.method == "POST" and form.is_valid():
        chosen = set(form.cleaned_data["cosigners"])
        try:
            proposal = proposal_submit(actor=worker, congress=seat.term.congress, submitter=seat,
                                       title=form.cleaned_data["title"], content=form.cleaned_data["content"],
                                       cosigners=[d for d in seat_colleagues(seat=seat) if d.pk in chosen])
        except DomainError as exc:
            add_errors(exc, form)
        else:
            messages.success(request, _("提案已提交，编号 %(number)s。") % {"number": proposal.number})
            return redirect("portal:democracy_proposal", proposal.pk)
    return render(request, "portal/democracy/proposal_new.html", {
        "worker": worker, "member": member, "seat": seat, "form": form, "groups": _cosigner_groups(form, seat),
    }, status=400 if form.errors else 200)


def _proposal_page(request: HttpRequest, pk: int, *, rate_form: RateForm | None = None,
                   status: int = 200) -> HttpResponse:
    member = _own_member(request)
    proposal = worker_proposal_get(member=member, pk=pk)
    can_rate = proposal.status == ProposalStatus.ANSWERED
    return render(request, "portal/democracy/proposal.html", {
        "worker": session.worker_of(request), "proposal": proposal, "stage": STAGE_WORDS[proposal.status],
        "cosigners": [c.delegate.name for c in proposal.cosigns.select_related("delegate").order_by("pk")],
        "events": proposal_events(proposal=proposal),
        "rate_form": (rate_form or RateForm()) if can_rate else None,
    }, status=status)


@session.worker_required
@portal_errors
def proposal(request: HttpRequest, pk: int) -> HttpResponse:
    return _proposal_page(request, pk)


@session.worker_required
@require_POST
@portal_errors
def proposal_rate(request: HttpRequest, pk: int) -> HttpResponse:
    member = _own_member(request)
    found = worker_proposal_get(member=member, pk=pk)
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            proposal_transition(actor=session.worker_of(request), proposal=found, action=ProposalAction.RATE,
                                rating=form.cleaned_data["rating"], note=form.cleaned_data["note"])
        except DomainError as exc:
            if exc.status == 400:
                add_errors(exc, form, aliases={"rating_note": "note"})
                return _proposal_page(request, pk, rate_form=form, status=400)
            flash_error(request, exc)
        else:
            messages.success(request, _("感谢您的评价。"))
        return redirect("portal:democracy_proposal", pk)
    return _proposal_page(request, pk, rate_form=form, status=400)

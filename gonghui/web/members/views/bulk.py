"""Deciding the rows a cadre ticked in the 入会审核 queue and the transfer boxes, in one submit.

The outcome (who was decided, who was not and why) is rendered on the list itself rather than
redirected through the session: the names of those left undecided would otherwise sit in the
session, and a repeated submit only reports each row as already decided.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.permissions import Perm
from gonghui.members import selectors
from gonghui.members.services import decisions
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import needs_any, paginate, scope
from gonghui.web.members.forms import BulkDecisionForm


def _selected(request: HttpRequest) -> list[str]:
    return request.POST.getlist("ids")


def _report(request: HttpRequest, outcome: decisions.BulkOutcome, done: str) -> None:
    if outcome.decided:
        messages.success(request, done % {"n": len(outcome.decided)})
    if outcome.transfers:
        messages.info(request, _("其中 %(n)d 位申请人已是其他工会会员，已转为会籍接转申请。")
                      % {"n": outcome.transfers})


@require_POST
@needs_any(Perm.MEMBER_REVIEW)
def application_bulk(request: HttpRequest) -> HttpResponse:
    form = BulkDecisionForm(request.POST)
    outcome = None
    if form.is_valid():
        decision, ids = form.cleaned_data["decision"], _selected(request)
        if decision == "approve":
            outcome = call_service(form, decisions.applications_bulk_approve, actor=request.user, ids=ids)
            done = _("已通过 %(n)d 份入会申请。")
        elif decision == "reject":
            outcome = call_service(form, decisions.applications_bulk_reject, actor=request.user, ids=ids,
                                   reason=form.cleaned_data["reason"])
            done = _("已退回 %(n)d 份入会申请，申请人会收到短信通知。")
        else:
            form.add_error("decision", _("请选择通过或不通过。"))
        if outcome is not None:
            _report(request, outcome, done)
            form = BulkDecisionForm()
    qs = selectors.application_queue(scope=scope(request, Perm.MEMBER_REVIEW))
    context: dict[str, Any] = {"page": paginate(request, qs), "form": form, "outcome": outcome,
                               "selected": set() if outcome is not None else set(_selected(request))}
    return render(request, "web/members/applications.html", context, status=200 if outcome is not None else 400)


@require_POST
@needs_any(Perm.MEMBER_EDIT)
def transfer_bulk(request: HttpRequest) -> HttpResponse:
    form = BulkDecisionForm(request.POST)
    outcome = None
    box = "out" if request.POST.get("box") == "out" else "in"
    if form.is_valid():
        decision, ids = form.cleaned_data["decision"], _selected(request)
        if decision == "accept" and box == "in":
            outcome = call_service(form, decisions.transfers_bulk_accept, actor=request.user, ids=ids)
            done = _("已接收 %(n)d 位会员，会籍已转入。")
        elif decision == "release" and box == "out":
            outcome = call_service(form, decisions.transfers_bulk_release, actor=request.user, ids=ids)
            done = _("已同意 %(n)d 位会员转出。")
        else:
            form.add_error("decision", _("请选择要办理的操作。"))
        if outcome is not None:
            _report(request, outcome, done)
    member_scope = scope(request, Perm.MEMBER_VIEW)
    qs = selectors.transfer_inbox(scope=member_scope) if box == "in" else selectors.transfer_outbox(scope=member_scope)
    context = {"page": paginate(request, qs), "box": box, "outcome": outcome, "bulk_form": form,
               "selected": set() if outcome is not None else set(_selected(request))}
    return render(request, "web/members/transfers.html", context, status=200 if outcome is not None else 400)

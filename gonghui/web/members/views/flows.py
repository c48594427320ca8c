"""The review queue for join applications, and the transfer inbox and outbox."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.core.permissions import Perm
from gonghui.members import selectors
from gonghui.members.models import Transfer
from gonghui.members.services import applications, transfer_consent, transfers
from gonghui.web.common.forms import BootstrapFormMixin, call_service
from gonghui.web.common.views import needs_any, paginate, scope
from gonghui.web.members.forms import BulkDecisionForm


class DecisionForm(BootstrapFormMixin, forms.Form):
    reason = forms.CharField(label=gettext_lazy("原因"), max_length=200, required=False)
    # The SMS code the worker reads out to confirm a transfer; the service checks it.
    code = forms.CharField(label=gettext_lazy("验证码"), max_length=10, required=False)


def _flash_errors(request: HttpRequest, form: forms.Form) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


@needs_any(Perm.MEMBER_REVIEW)
def application_queue(request: HttpRequest) -> HttpResponse:
    qs = selectors.application_queue(scope=scope(request, Perm.MEMBER_REVIEW))
    return render(request, "web/members/applications.html", {"page": paginate(request, qs), "form": BulkDecisionForm()})


@require_POST
def application_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    application = selectors.application_get(scope=scope(request, Perm.MEMBER_VIEW), pk=pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    if decision == "approve":
        result = call_service(form, applications.application_approve, actor=request.user, application=application)
        if isinstance(result, Transfer):
            messages.info(request, _("申请人已是其他工会会员，已转为会籍接转申请。"))
        elif result is not None:
            messages.success(request, _("已通过 %(name)s 的入会申请。") % {"name": application.name})
    elif decision == "reject" and call_service(
            form, applications.application_reject, actor=request.user, application=application,
            reason=form.cleaned_data.get("reason", "")) is not None:
        messages.success(request, _("已退回 %(name)s 的入会申请。") % {"name": application.name})
    _flash_errors(request, form)
    return redirect("web:application_queue")


@needs_any(Perm.MEMBER_VIEW)
def transfer_list(request: HttpRequest) -> HttpResponse:
    member_scope = scope(request, Perm.MEMBER_VIEW)
    box = request.GET.get("box", "in")
    qs = selectors.transfer_inbox(scope=member_scope, status=request.GET.get("status", "")) if box == "in" \
        else selectors.transfer_outbox(scope=member_scope)
    return render(request, "web/members/transfers.html", {"page": paginate(request, qs), "box": box,
                                                          "bulk_form": BulkDecisionForm()})


@require_POST
def transfer_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    transfer = selectors.transfer_get(scope=scope(request, Perm.MEMBER_VIEW), pk=pk)
    form = DecisionForm(request.POST)
    form.is_valid()
    note = form.cleaned_data.get("reason", "")
    actions: dict[str, tuple[Any, dict[str, Any], str]] = {
        "release": (transfers.transfer_release, {"note": note}, _("已同意转出。")),
        "accept": (transfers.transfer_accept, {}, _("已接收，会籍已转入。")),
        "refuse": (transfers.transfer_refuse, {"note": note}, _("已拒绝该接转。")),
        "cancel": (transfers.transfer_cancel, {}, _("已撤销该接转。")),
        "confirm": (transfer_consent.transfer_confirm, {"code": form.cleaned_data.get("code", "")},
                    _("本人已确认，等待转出工会同意转出。")),
        "resend": (transfer_consent.transfer_code_resend, {}, _("已重新发送确认短信。")),
    }
    if decision in actions:
        fn, extra, done = actions[decision]
        if call_service(form, fn, actor=request.user, transfer=transfer, **extra) is not None:
            messages.success(request, done)
    _flash_errors(request, form)
    box = "out" if request.POST.get("box") == "out" else "in"
    return redirect(f"/members/transfers/?box={box}")

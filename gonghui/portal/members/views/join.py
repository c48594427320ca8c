"""The union's join link (网上/扫码入会): landing, the real-name form, or a transfer request when the
worker is already a member elsewhere."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.members import selectors
from gonghui.members.choices import JoinChannel
from gonghui.members.cleaning import clean_member_data
from gonghui.members.joinlinks import join_token
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.members.services.transfers import transfer_request_by_member
from gonghui.orgs.models import TradeUnion
from gonghui.portal.common import session
from gonghui.portal.common.forms import call_service
from gonghui.portal.common.views import flash_error, portal_errors
from gonghui.portal.members.forms import JoinForm, TransferForm


def _channel(request: HttpRequest) -> str:
    # The printed QR code carries ?from=qr; a shared link does not.
    return JoinChannel.QR if request.GET.get("from") == "qr" else JoinChannel.ONLINE


def _state(worker: PortalWorker, union: TradeUnion) -> dict[str, Any]:
    """What the join page offers this worker: the form, or why not and what instead."""
    mine = selectors.my_records(phone=worker.phone)
    here = next((m for m in mine.live if m.union_id == union.pk), None)
    pending = mine.pending_application
    if here is not None:
        return {"state": "member_here", "membership": here}
    if pending is not None:
        return {"state": "pending", "application": pending}
    if mine.live:
        open_transfer = mine.open_transfer
        if open_transfer is not None:
            return {"state": "transfer_open", "transfer": open_transfer}
        return {"state": "member_elsewhere", "membership": mine.live[0], "transfer_form": TransferForm()}
    return {"state": "form"}


@portal_errors
def join(request: HttpRequest, token: str) -> HttpResponse:
    union = selectors.join_union_get(token=token)
    worker = session.current_worker(request)
    ctx: dict[str, Any] = {"union": union, "token": token, "worker": worker, "qr": _channel(request) == "qr"}
    if not union.is_active:
        merged = union.merged_into
        ctx.update(state="ended", merged=merged, merged_token=join_token(merged) if merged else "")
        return render(request, "portal/join.html", ctx)
    if worker is None:
        ctx["state"] = "anonymous"
        return render(request, "portal/join.html", ctx)
    ctx.update(_state(worker, union))
    if ctx["state"] != "form":
        return render(request, "portal/join.html", ctx)
    form = JoinForm(request.POST or None)
    if request.method == "POST":
        if form.is_valid():
            application = call_service(form, application_submit, worker=worker, union=union,
                                       data=form.service_data(), channel=_channel(request))
            if application is not None:
                messages.success(request, _("入会申请已提交，请等待工会审核。"))
                return redirect("portal:application", application.pk)
        else:
            _add_field_errors(form, request.POST, worker.phone)
    ctx["form"] = form
    return render(request, "portal/join.html", ctx)


def _add_field_errors(form: JoinForm, raw: Any, phone: str) -> None:
    """The form stopped early (e.g. consent not ticked): still show every field's problem at once,
    judged by the same rules the service applies."""
    _clean, errors = clean_member_data({k: raw.get(k, "") for k in form.fields} | {"phone": phone})
    for error in errors:
        if error.field in form.fields and error.field not in form.errors:
            form.add_error(error.field, str(error.message))


@session.worker_required
@require_POST
@portal_errors
def join_transfer(request: HttpRequest, token: str) -> HttpResponse:
    union = selectors.join_union_get(token=token)
    form = TransferForm(request.POST)
    form.is_valid()
    try:
        transfer_request_by_member(worker=session.worker_of(request), to_union=union,
                                   reason=form.cleaned_data.get("reason", ""))
    except DomainError as exc:
        flash_error(request, exc)
        return redirect("portal:join", token)
    messages.success(request, _("会籍接转申请已提交，原工会同意转出后由新工会接收。"))
    return redirect("portal:transfers")

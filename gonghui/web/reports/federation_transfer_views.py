"""跨部署接转 in the console: a receiving union asks another deployment for a worker by identity number,
enters the code the worker reads out, and admits the worker once released; a sending union releases
a worker asked for from another deployment; the receiving union refuses or withdraws its request.
Thin: parse, call one service or selector, render."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.errors import DomainError
from gonghui.core.idnumbers import IdType
from gonghui.core.permissions import Perm
from gonghui.reports.federation import selectors
from gonghui.reports.federation.transfers_close import OPEN, cross_transfer_refuse, cross_transfer_withdraw
from gonghui.reports.federation.transfers_in import (
    cross_transfer_accept,
    cross_transfer_confirm,
    cross_transfer_request,
)
from gonghui.reports.federation.transfers_out import cross_transfer_release
from gonghui.web.common.forms import add_refusal, call_service
from gonghui.web.common.unions import union_choices, union_from_choice
from gonghui.web.common.views import can, needs_any, paginate, scope


class RequestForm(forms.Form):
    union = forms.TypedChoiceField(label=gettext_lazy("接收工会"), coerce=int)
    peer = forms.TypedChoiceField(label=gettext_lazy("会员所在部署"), coerce=int)
    id_type = forms.ChoiceField(label=gettext_lazy("证件类型"), choices=IdType.choices, initial=IdType.RESIDENT)
    id_number = forms.CharField(label=gettext_lazy("证件号码"), max_length=40,
                                widget=forms.TextInput(attrs={"autocomplete": "off"}))
    reason = forms.CharField(label=gettext_lazy("接转原因"), max_length=200, required=False)

    def __init__(self, *args: Any, unions: list[tuple[int, str]], peers: list[Any], **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["union"].choices = unions  # type: ignore[attr-defined]
        self.fields["peer"].choices = [(p.pk, f"{p.name}（{p.code}）") for p in peers]  # type: ignore[attr-defined]
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "form-select" if isinstance(field, forms.ChoiceField)
                                          else "form-control")


class CodeForm(forms.Form):
    code = forms.CharField(label=gettext_lazy("本人收到的验证码"), max_length=10)


@needs_any(Perm.MEMBER_VIEW, Perm.MEMBER_EDIT)
def transfers_page(request: HttpRequest) -> HttpResponse:
    peers = selectors.transfer_peers()
    unions = union_choices(request, Perm.MEMBER_EDIT)
    form = RequestForm(request.POST if request.POST.get("action") == "request" else None, unions=unions, peers=peers)
    if request.method == "POST" and request.POST.get("action") == "request":
        if form.is_valid():
            union = union_from_choice(request, Perm.MEMBER_EDIT, form.cleaned_data["union"])
            peer = next(p for p in peers if p.pk == form.cleaned_data["peer"])
            done = call_service(form, cross_transfer_request, actor=request.user, to_union=union, peer=peer,
                                id_type=form.cleaned_data["id_type"], id_number=form.cleaned_data["id_number"],
                                reason=form.cleaned_data["reason"])
            if done is not None:
                messages.success(request, _("已向对方部署发出接转申请，请本人将收到的短信验证码告诉您。"))
                return redirect("web:federation_transfers")
    elif request.method == "POST":
        return _act(request)
    view_scope = scope(request, Perm.MEMBER_VIEW)
    page = paginate(request, selectors.cross_transfers(scope=view_scope), per_page=30)
    rows = [{"t": t, "may": can(request, Perm.MEMBER_EDIT, t.org_path), "open": OPEN} for t in page]
    return render(request, "reports/federation_transfers.html", {
        "form": form if unions and peers else None, "page": page, "rows": rows, "code_form": CodeForm()},
        status=400 if form.errors else 200)


def _act(request: HttpRequest) -> HttpResponse:
    """One row's action: confirm with the code, accept, refuse or withdraw (receiving side), or release
    (sending side)."""
    try:
        pk = request.POST.get("pk", "")
        transfer = selectors.cross_transfer_get(scope=scope(request, Perm.MEMBER_VIEW),
                                                pk=int(pk) if pk.isdigit() else 0)
        action = request.POST.get("action")
        if action == "confirm":
            cross_transfer_confirm(actor=request.user, transfer=transfer, code=request.POST.get("code", ""))
            messages.success(request, _("本人已同意，等待对方工会转出。"))
        elif action == "accept":
            cross_transfer_accept(actor=request.user, transfer=transfer)
            messages.success(request, _("已接收，会员已转入本工会。"))
        elif action == "release":
            cross_transfer_release(actor=request.user, transfer=transfer)
            messages.success(request, _("已同意转出，正在通知对方部署。"))
        elif action == "refuse":
            cross_transfer_refuse(actor=request.user, transfer=transfer, note=request.POST.get("note", ""))
            messages.success(request, _("已拒绝，正在通知对方部署。"))
        elif action == "withdraw":
            cross_transfer_withdraw(actor=request.user, transfer=transfer)
            messages.success(request, _("已撤回，正在通知对方部署。"))
    except DomainError as exc:
        form = CodeForm()
        add_refusal(form, exc)
        for error in [*form.non_field_errors(), *form.errors.get("code", []), *form.errors.get("note", [])]:
            messages.error(request, str(error))
    return redirect("web:federation_transfers")

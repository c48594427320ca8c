"""The contract list with its filters and tabs, and the form that records a new offer (要约)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.contracts.selectors import (
    LISTS,
    contract_list,
    kinds,
    offer_unions,
)
from gonghui.contracts.services import contract_offer
from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.selectors import employer_get, union_get
from gonghui.web.common.employers import employer_pick_for
from gonghui.web.common.forms import add_refusal, call_service
from gonghui.web.common.views import paginate
from gonghui.web.contracts.forms import SHOW_LABELS, ListFilterForm, OfferForm
from gonghui.web.contracts.views.common import contract_scope, kind_choices, needs_contract_permission


@needs_contract_permission()
def contract_list_page(request: HttpRequest) -> HttpResponse:
    show = request.GET.get("show", "all")
    show = show if show in LISTS else "all"
    form = ListFilterForm(request.GET, kinds=kind_choices())
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    scope = contract_scope(request)
    kind = kinds(active_only=False).filter(pk=filters["kind"]).first() if filters.get("kind") else None
    qs = contract_list(scope=scope, kind=kind, reach=filters.get("reach", ""), status=filters.get("status", ""),
                       show=show, query=filters.get("q", ""))
    return render(request, "contracts/list.html", {
        "page": paginate(request, qs, per_page=30), "form": form, "show": show, "shows": SHOW_LABELS.items(),
        "today": timezone.localdate(), "can_manage": not contract_scope(request, Perm.CONTRACT_MANAGE).is_empty,
    })


def _offer_form(request: HttpRequest, data: Any = None) -> OfferForm:
    return OfferForm(data, kinds=kind_choices(), unions=[(u.pk, u.name) for u in offer_unions(actor=request.user)],
                     employers=employer_pick_for(request, "contracts"),
                     initial={"received_on": timezone.localdate()})


@needs_contract_permission(Perm.CONTRACT_MANAGE)
def contract_new_page(request: HttpRequest) -> HttpResponse:
    form = _offer_form(request, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        scope = contract_scope(request, Perm.CONTRACT_MANAGE)
        union = call_service(form, union_get, scope=scope, pk=data["union"])
        kind = kinds().filter(pk=data["kind"]).first()
        employer = call_service(form, employer_get, scope=scope, pk=data["employer"]) if data.get("employer") else None
        if kind is None:
            add_refusal(form, ValidationFailed(_("请选择合同种类。"), field="kind"))
        elif union is not None and (employer is not None or not data.get("employer")):
            contract = call_service(form, contract_offer, actor=request.user, union=union, kind=kind,
                                    reach=data["reach"], offered_by=data["offered_by"],
                                    received_on=data["received_on"], employer=employer,
                                    employer_side=data["employer_side"], title=data["title"],
                                    offer_text=data["offer_text"])
            if contract is not None:
                messages.success(request, _("已记录要约。对方应在%(day)s前书面回应。") % {
                    "day": contract.answer_due.isoformat()})
                return redirect("web:contract_detail", contract.pk)
    return render(request, "contracts/new.html", {"form": form}, status=400 if form.is_bound else 200)


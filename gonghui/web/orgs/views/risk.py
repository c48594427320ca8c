"""The 劳动关系风险名单 in the console: the card on an employer's page, its two forms, and the list."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.permissions import Perm
from gonghui.orgs import selectors
from gonghui.orgs.choices import RiskReason
from gonghui.orgs.models import Employer
from gonghui.orgs.services import employer_risk_list, employer_risk_remove
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import can, needs_any, not_found_as_404, paginate, scope
from gonghui.web.orgs.forms import RiskFilterForm, RiskListForm, RiskRemoveForm


def risk_context(request: HttpRequest, employer: Employer, *, list_form: RiskListForm | None = None,
                 remove_form: RiskRemoveForm | None = None) -> dict[str, Any]:
    """What the employer page's 风险名单 card needs (two queries: the history holds the current spell)."""
    history = selectors.employer_risk_history(scope=scope(request, Perm.ORG_VIEW), employer=employer)
    current = history[0] if history and history[0].is_current else None
    may = can(request, Perm.EMPLOYER_EDIT, employer.org_path)
    return {"risk_current": current, "risk_history": [h for h in history if not h.is_current], "risk_may": may,
            "risk_list_form": list_form or (RiskListForm() if may and current is None else None),
            "risk_remove_form": remove_form or (RiskRemoveForm() if may and current is not None else None)}


def _detail_again(request: HttpRequest, employer: Employer, **forms: Any) -> HttpResponse:
    ctx = {"employer": employer, "can_edit": can(request, Perm.EMPLOYER_EDIT, employer.org_path),
           **risk_context(request, employer, **forms)}
    return render(request, "web/employers/detail.html", ctx, status=400)


@require_POST
@not_found_as_404
def risk_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get(scope=scope(request, Perm.ORG_VIEW), pk=pk)
    form = RiskListForm(request.POST)
    if form.is_valid():
        done = call_service(form, employer_risk_list, actor=request.user, employer=employer,
                            reason=form.cleaned_data["reason"], note=form.cleaned_data["note"],
                            listed_on=form.cleaned_data["listed_on"])
        if done is not None:
            messages.success(request, _("已列入劳动关系风险名单。"))
            return redirect("web:employer_detail", employer.pk)
    return _detail_again(request, employer, list_form=form)


@require_POST
@not_found_as_404
def risk_remove_view(request: HttpRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get(scope=scope(request, Perm.ORG_VIEW), pk=pk)
    form = RiskRemoveForm(request.POST)
    if form.is_valid():
        done = call_service(form, employer_risk_remove, actor=request.user, employer=employer,
                            reason=form.cleaned_data["reason"], removed_on=form.cleaned_data["removed_on"])
        if done is not None:
            messages.success(request, _("已移出劳动关系风险名单。"))
            return redirect("web:employer_detail", employer.pk)
    return _detail_again(request, employer, remove_form=form)


@needs_any(Perm.ORG_VIEW)
def risk_listings(request: HttpRequest) -> HttpResponse:
    filters = RiskFilterForm(request.GET)
    chosen = filters.filters()
    qs = selectors.risk_listings(scope=scope(request, Perm.ORG_VIEW), query=chosen.get("q", ""),
                                 reason=chosen.get("reason", ""), listed_from=chosen.get("listed_from"),
                                 listed_to=chosen.get("listed_to"))
    return render(request, "web/employers/risk_list.html", {
        "page": paginate(request, qs), "reasons": RiskReason.choices, "chosen": chosen})

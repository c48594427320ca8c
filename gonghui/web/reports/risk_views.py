"""风险雷达 in the console: the ranked list of a subtree, the alerts, listing an employer from either,
and the rules (root only). Thin: parse, call one selector or service, render."""


from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.core.replica import read_only
from gonghui.orgs.choices import Industry
from gonghui.orgs.selectors import employer_get
from gonghui.reports.risk import selectors
from gonghui.reports.risk.choices import AlertStatus, Component
from gonghui.reports.risk.rules import current_rules
from gonghui.reports.risk.scoring import components_shown
from gonghui.reports.risk.services import (
    alert_close,
    may_change_risk_rules,
    risk_list_employer,
    risk_rules_set,
    suggested_listing,
)
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import can, needs_any, not_found_as_404, paginate, scope
from gonghui.web.reports.risk_forms import AlertCloseForm, ListEmployerForm, RulesForm


@needs_any(Perm.STATS_VIEW)
@read_only
def radar_page(request: HttpRequest) -> HttpResponse:
    view_scope = scope(request, Perm.STATS_VIEW)
    try:
        filters = selectors.radar_filters(scope=view_scope, params=request.GET)
    except NotFound:  # a union the viewer does not see: nothing of it is shown
        filters, unseen = selectors.RadarFilters(), True
    else:
        unseen = False
    page = selectors.radar_page(scope=view_scope, filters=filters, after=request.GET.get("after", ""))
    months = current_rules().window_months
    rows = [{"score": s, "components": components_shown(s.components, months=months),
             "may_list": can(request, Perm.EMPLOYER_EDIT, s.org_path)} for s in ([] if unseen else page.rows)]
    return render(request, "web/reports/risk_radar.html", {
        "rows": rows, "page": page, "filters": filters, "unions": selectors.radar_unions(scope=view_scope),
        "industries": Industry.choices, "components": Component.choices, "threshold": current_rules().threshold,
        "as_of": selectors.last_computed(scope=view_scope), "may_rules": may_change_risk_rules(request.user)})


@needs_any(Perm.STATS_VIEW)
def alert_list_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = selectors.alert_list(scope=scope(request, Perm.STATS_VIEW), status=status)
    return render(request, "web/reports/risk_alerts.html", {
        "page": paginate(request, qs), "statuses": AlertStatus.choices,
        "status": status if status in AlertStatus.values else ""})


@not_found_as_404
def alert_page(request: HttpRequest, pk: int) -> HttpResponse:
    alert = selectors.alert_get(scope=scope(request, Perm.STATS_VIEW), pk=pk)
    may = can(request, Perm.EMPLOYER_EDIT, alert.org_path)
    form = AlertCloseForm(request.POST or None)
    if request.method == "POST" and may and form.is_valid():
        done = call_service(form, alert_close, actor=request.user, alert=alert, status=form.cleaned_data["status"],
                            reason=form.cleaned_data["reason"])
        if done is not None:
            messages.success(request, _("已处理该预警。"))
            return redirect("web:risk_alert", alert.pk)
    months = current_rules().window_months
    return render(request, "web/reports/risk_alert.html", {
        "alert": alert, "components": components_shown(alert.components, months=months),
        "form": form if may and alert.status == AlertStatus.OPEN else None},
        status=400 if request.method == "POST" else 200)


@not_found_as_404
def list_employer_page(request: HttpRequest, pk: int) -> HttpResponse:
    """列入劳动关系风险名单 from a radar row or an alert, the reason and note pre-filled from the score."""
    view_scope = scope(request, Perm.STATS_VIEW)
    employer = employer_get(scope=view_scope, pk=pk)
    if not can(request, Perm.EMPLOYER_EDIT, employer.org_path):
        raise DjangoPermissionDenied
    score = selectors.employer_score(scope=view_scope, employer=employer)
    reason, note = suggested_listing(score.components if score else {})
    form = ListEmployerForm(request.POST or None, initial={"reason": reason, "note": note})
    if request.method == "POST" and form.is_valid():
        done = call_service(form, risk_list_employer, actor=request.user, employer=employer,
                            reason=form.cleaned_data["reason"], note=form.cleaned_data["note"])
        if done is not None:
            messages.success(request, _("已列入劳动关系风险名单。"))
            return redirect("web:employer_detail", employer.pk)
    return render(request, "web/reports/risk_list_employer.html", {
        "employer": employer, "score": score, "form": form,
        "components": components_shown(score.components, months=current_rules().window_months) if score else []},
        status=400 if request.method == "POST" else 200)


def rules_page(request: HttpRequest) -> HttpResponse:
    if not may_change_risk_rules(request.user):
        raise DjangoPermissionDenied
    rules = current_rules()
    form = RulesForm(request.POST or None, initial_values=rules.values)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, risk_rules_set, actor=request.user, values=dict(form.cleaned_data))
        if done is not None:
            messages.success(request, _("已保存风险预警规则，下次刷新时生效。"))
            return redirect("web:risk_rules")
    return render(request, "web/reports/risk_rules.html", {"form": form},
                  status=400 if request.method == "POST" else 200)


"""维权 figures per subtree and period, and the 办结时限 settings of a subtree (SLA policies)."""

from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.cases.choices import Category, Difficulty, Status
from gonghui.cases.dashboard import case_figures, case_latest_day
from gonghui.cases.selectors import sla_policy_list, sla_rules_in_force
from gonghui.cases.services import sla_policy_clear, sla_policy_set
from gonghui.core.permissions import Perm
from gonghui.core.replica import read_only
from gonghui.orgs.selectors import union_ancestors, union_children, union_get
from gonghui.web.cases.forms import SlaPolicyForm
from gonghui.web.cases.views.common import case_scope, needs_case_permission
from gonghui.web.common.exports import register_filter_reader
from gonghui.web.common.forms import call_service, call_service_or_message
from gonghui.web.common.periods import PERIODS, parse_period
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import not_found_as_404

TEN_THOUSAND = Decimal(10_000)


def _percent(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def figures_export_filters(request: HttpRequest) -> dict[str, Any]:
    # The period the page showed: with none asked for, the page opens on the latest one with data.
    view_scope = case_scope(request)
    top = home_union(request, Perm.CASE_VIEW)
    union = union_get(scope=view_scope, pk=request.GET["union"]) if request.GET.get("union") else top
    start, end = parse_period(request.GET, latest=case_latest_day(scope=view_scope, union=union)).bounds
    return {"union": union.pk if union is not None else "", "start": start.isoformat(), "end": end.isoformat()}


register_filter_reader("cases.figures", figures_export_filters)


@needs_case_permission(Perm.CASE_VIEW)
@not_found_as_404
@read_only
def case_dashboard(request: HttpRequest) -> HttpResponse:
    view_scope = case_scope(request)
    top = home_union(request, Perm.CASE_VIEW)
    union = union_get(scope=view_scope, pk=request.GET["union"]) if request.GET.get("union") else top
    period = parse_period(request.GET, latest=case_latest_day(scope=view_scope, union=union))
    start, end = period.bounds
    figures = case_figures(scope=view_scope, union=union, start=start, end=end)
    charts = {
        "status": {"labels": [str(Status(s).label) for s in figures.by_status],
                   "series": [{"name": _("案件"), "unit": _("件"), "values": list(figures.by_status.values())}]},
        "category": {"labels": [str(Category(c).label) for c in figures.by_category],
                     "values": list(figures.by_category.values())},
        "difficulty": {"labels": [str(Difficulty(d).label) for d in figures.by_difficulty],
                       "values": list(figures.by_difficulty.values())},
    }
    money = figures.money_recovered
    branches = list(union_children(scope=view_scope, parent=union)[:50]) if union is not None else []
    return render(request, "cases/dashboard.html", {
        "figures": figures, "charts": charts, "union": union, "top": top, "branches": branches,
        "period": period, "periods": PERIODS.items(), "years": range(timezone.localdate().year, 2019, -1),
        "months": range(1, 13), "quarters": range(1, 5),
        "on_time": _percent(figures.on_time_rate), "closure": _percent(figures.closure_rate),
        "satisfaction": _percent(figures.satisfaction_rate),
        "money_in_wan": money >= TEN_THOUSAND,  # a large sum reads in 万元, a small one in 元
    })


@needs_case_permission(Perm.CALENDAR_MANAGE)
@not_found_as_404
def sla_page(request: HttpRequest) -> HttpResponse:
    """办结时限: what applies at a union and where it comes from; a change applies to its whole subtree."""
    manage_scope = case_scope(request, Perm.CALENDAR_MANAGE)
    top = home_union(request, Perm.CALENDAR_MANAGE)
    union = union_get(scope=manage_scope, pk=request.GET.get("union") or request.POST.get("union") or
                      (top.pk if top else 0))
    if request.method == "POST" and "clear" in request.POST:
        # 恢复继承 is its own small form: nothing of the setting form is read or judged.
        if call_service_or_message(request, sla_policy_clear, actor=request.user, union=union,
                                   difficulty=request.POST["clear"]) is not None:
            messages.success(request, _("已恢复为继承上级的设置。"))
        return redirect(f"{request.path}?union={union.pk}")
    rules = sla_rules_in_force(scope=manage_scope, union=union)
    # The setting form starts from the working day's end in force here, so saving a period keeps it.
    form = SlaPolicyForm(request.POST if request.method == "POST" else None,
                         initial={"workday_end": rules[Difficulty.ORDINARY].workday_end})
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        if call_service(form, sla_policy_set, actor=request.user, union=union, difficulty=data["difficulty"],
                        period_kind=data["period_kind"], amount=data["amount"] or 0,
                        workday_end=data["workday_end"]) is not None:
            messages.success(request, _("已保存，新设置自下次分类定级、派单或重办时生效。"))
            return redirect(f"{request.path}?union={union.pk}")
    ancestors = {u.path: u for u in union_ancestors(scope=case_scope(request, Perm.CASE_VIEW), union=union)}
    ancestors[union.path] = union
    rows = [{"difficulty": Difficulty(d).label, "code": d, "rule": rule,
             "source": ancestors.get(rule.source_path) if rule.source_path else None,
             "here": rule.source_path == union.path} for d, rule in rules.items()]
    return render(request, "cases/sla.html", {
        "union": union, "rows": rows, "form": form,
        "policies": sla_policy_list(scope=manage_scope)[:200],
        "branches": union_children(scope=manage_scope, parent=union)[:50],
    }, status=400 if form.errors else 200)

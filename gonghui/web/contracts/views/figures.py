"""集体合同 figures for a union's subtree, and the work lists a county acts on in one page: unionised
employers with no wage contract, contracts that lapse this quarter, lowest wages below the local
minimum wage and wage increases below the county's median."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gonghui.contracts.choices import Reach
from gonghui.contracts.figures import contract_figures, lapsing_this_quarter, quarter_end, without_wage_contract
from gonghui.contracts.selectors import contract_unions, figures_union
from gonghui.contracts.wage_flags import below_median_increase, below_minimum_wage
from gonghui.core.replica import read_only
from gonghui.web.common.views import not_found_as_404
from gonghui.web.contracts.forms import FiguresForm
from gonghui.web.contracts.views.common import contract_scope, needs_contract_permission

WORK_LIST_LIMIT = 100


@needs_contract_permission()
@not_found_as_404
@read_only
def contract_figures_page(request: HttpRequest) -> HttpResponse:
    scope = contract_scope(request)
    today = timezone.localdate()
    unions = [(u.pk, u.name) for u in contract_unions(scope=scope, limit=200)]
    form = FiguresForm(request.GET or None, unions=unions)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    union = figures_union(scope=scope, pk=data.get("union"))
    start = data.get("start") or datetime.date(today.year, 1, 1)
    end = data.get("end") or datetime.date(today.year, 12, 31)
    if not form.is_bound:
        # The period and union shown are the ones the figures are for.
        form = FiguresForm(unions=unions, initial={"union": union.pk if union else None, "start": start, "end": end})
    if union is None:
        return render(request, "contracts/figures.html", {"form": form, "union": None})
    no_wage = without_wage_contract(scope=scope, union=union)
    lapsing = lapsing_this_quarter(scope=scope, union=union, today=today)
    figures = contract_figures(scope=scope, union=union, start=start, end=end, today=today)
    below_minimum = below_minimum_wage(scope=scope, union=union, today=today)
    below_median = below_median_increase(scope=scope, union=union)
    return render(request, "contracts/figures.html", {
        "form": form, "union": union, "start": start, "end": end, "figures": figures,
        "reach_labels": dict(Reach.choices), "no_wage": no_wage[:WORK_LIST_LIMIT], "no_wage_count": no_wage.count(),
        "lapsing": list(lapsing[:WORK_LIST_LIMIT]), "quarter_end": quarter_end(today), "today": today,
        "below_minimum": below_minimum[:WORK_LIST_LIMIT], "below_minimum_count": len(below_minimum),
        "below_median": below_median[:WORK_LIST_LIMIT], "below_median_count": len(below_median),
        "limit": WORK_LIST_LIMIT, "filing_pct": _pct(figures.filing_rate), "coverage_pct": _pct(figures.coverage_rate),
    })


def _pct(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)

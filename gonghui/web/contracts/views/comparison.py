"""条款对比: a union subtree's contracts side by side on one topic of the codebook, with the median,
lowest and highest of each numeric term and the figures page's two wage flags on the cells."""

from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gonghui.contracts.comparison import PARAMS, Summary, comparison_for, plain_number
from gonghui.contracts.selectors import contract_unions
from gonghui.contracts.wage_flags import INCREASE, LOWEST_PAID
from gonghui.web.common.views import paginate
from gonghui.web.contracts.forms import ComparisonForm
from gonghui.web.contracts.views.common import contract_scope, kind_choices, needs_contract_permission

PER_PAGE = 30


@needs_contract_permission()
def contract_comparison_page(request: HttpRequest) -> HttpResponse:
    scope = contract_scope(request)
    found = comparison_for(scope=scope, filters=request.GET)
    if found is None:
        return render(request, "contracts/comparison.html", {"found": None})
    applied = {k: request.GET.get(k, "") for k in PARAMS if k != "topic"}
    applied["union"] = str(found.union.pk)
    # Bound to what was asked: a value the selector ignored is invalid here too, so its control shows
    # the default, and the tabs and the export carry only the values in force.
    form = ComparisonForm(applied, unions=[(u.pk, u.name) for u in contract_unions(scope=scope, limit=200)],
                          kinds=kind_choices(), numeric=[(v.code, v.name) for v in found.numeric])
    form.is_valid()
    shown = {k: str(v) for k, v in form.cleaned_data.items() if v not in (None, "")}
    page = paginate(request, found.contracts, per_page=PER_PAGE)
    # A sort names a term of the topic it was chosen on: another tab starts from the default order.
    tabs = [(t, urlencode({**{k: v for k, v in shown.items() if k != "sort"}, "topic": t.code}))
            for t in found.topics]
    return render(request, "contracts/comparison.html", {
        "found": found, "form": form, "page": page, "rows": found.rows(page), "tabs": tabs,
        "summary_rows": _summary_rows([found.summaries.get(v.pk) for v in found.variables]),
        "flags_apply": any(v.code in (LOWEST_PAID, INCREASE) for v in found.variables),
        "query": urlencode({**shown, "topic": found.topic.code}),
    })



def _summary_rows(summaries: list[Summary | None]) -> list[tuple[str, list[str | None]]]:
    """中位数, 最低, 最高 under each numeric term (None: not a number, or no contract codes it)."""
    rows = []
    for label, figure in ((_("中位数"), "median"), (_("最低"), "lowest"), (_("最高"), "highest")):
        values = [getattr(s, figure) if s is not None else None for s in summaries]
        rows.append((label, [plain_number(v) if v is not None else None for v in values]))
    return rows

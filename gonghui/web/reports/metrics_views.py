"""The metric pages: the glossary every cadre can read, and one page per metric with its figure for a
subtree and period, 同比/环比, the children (click to go down), a split by each dimension and the rows
behind it. Thin: the reading is gonghui.reports.metrics."""


from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.http import urlencode

from gonghui.core.metrics import Metric, get_metric
from gonghui.core.permissions import Perm
from gonghui.core.replica import read_only
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import union_ancestors, union_get
from gonghui.reports.metrics import figure_scope, metric_scope, split_figure
from gonghui.reports.metrics.glossary import glossary, rollup_words, temporal_words
from gonghui.reports.metrics.reading import metric_reading, rows_page
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import not_found_as_404, query_id
from gonghui.web.reports.metrics_forms import period_of

# The console page of a row, by the rows' model or the field naming the record (Metric.row_link_field).
LINKS = {"member_id": "web:member_detail", "position_id": "web:positions_detail", "cases.case": "web:case_detail",
         "orgs.tradeunion": "web:org_detail", "assistance.hardshipfile": "web:hardship_detail",
         "contracts.collectivecontract": "web:contract_detail", "activities.activity": "web:activity",
         "positions.serviceposition": "web:positions_detail"}


@read_only
def metric_glossary_page(request: HttpRequest) -> HttpResponse:
    groups = [(owner, label, [(m, rollup_words(m), temporal_words(m)) for m in metrics])
              for owner, label, metrics in glossary()]
    return render(request, "reports/metrics_glossary.html", {"groups": groups})


def _trail(scope: Scope, home: TradeUnion, union: TradeUnion) -> list[TradeUnion]:
    """From the cadre's own union down to the one shown."""
    if not union.path.startswith(home.path):
        return [union]
    above = [u for u in union_ancestors(scope=scope, union=union) if u.path.startswith(home.path)]
    return [*above, union]


def _link(counted: Metric, model_label: str) -> str:
    return LINKS.get(counted.row_link_field if counted.row_link_field != "pk" else model_label, "")


@not_found_as_404
@read_only
def metric_page(request: HttpRequest, name: str) -> HttpResponse:
    metric = get_metric(name)
    # Figures are aggregates: 统计查询 reads them; the rows behind them need the metric's own permission.
    scope = figure_scope(request.user, metric)
    if scope.is_empty:
        raise PermissionDenied
    home = home_union(request, metric.permission) or home_union(request, Perm.STATS_VIEW)
    under = query_id(request.GET.get("under"))
    union = union_get(scope=scope, pk=under) if under is not None else home
    if union is None:
        raise PermissionDenied
    today = timezone.localdate()
    period, form = period_of(request.GET, today)
    reading = metric_reading(name, scope=scope, union=union, period=period, today=today)
    splits = [(dim, split_figure(name, scope=scope, under=union.path, period=period, by=dim.name, today=today))
              for dim in metric.dimensions]
    by = request.GET.get("by", "")
    where = {by: request.GET.get("value", "")} if by and any(d.name == by for d in metric.dimensions) else None
    rows_scope = metric_scope(request.user, metric)
    may_open_rows = rows_scope.covers(union.path)
    page = rows_page(name, scope=rows_scope, union=union, period=period, where=where,
                     after=query_id(request.GET.get("after")), today=today) if may_open_rows else None
    counted = get_metric(metric.numerator) if metric.is_ratio else metric
    rows_model = counted.rows(period).model._meta.label_lower if counted.rows else ""
    link = _link(counted, rows_model)
    rows = []
    for row in page.rows if page is not None else []:
        try:
            url = reverse(link, args=[row["link"]]) if link and row["link"] else ""
        except NoReverseMatch:
            url = ""
        rows.append({**row, "url": url})
    return render(request, "reports/metrics_detail.html", {
        "metric": metric, "counted": counted, "union": union, "home": home,
        "trail": _trail(scope, home, union) if home else [],
        "period": period, "form": form, "reading": reading, "splits": splits, "page": page, "rows": rows,
        "may_open_rows": may_open_rows,
        "where_dim": metric.dimension(by) if where else None, "where_value": request.GET.get("value", ""),
        "rollup": rollup_words(metric), "temporal": temporal_words(metric),
        "export_query": urlencode({"metric": metric.name, "under": str(union.pk), "period": period.key,
                                   **({"by": by, "value": request.GET.get("value", "")} if where else {})}),
    })

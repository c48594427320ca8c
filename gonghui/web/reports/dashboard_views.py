"""统计总览: every domain's headline figures for the cadre's union (or one below it) and a period, each
with its 同比 and a link to its metric's page, the children compared on one metric in a chart, and one
headline flow's last 12 months as a trend line."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from gonghui.core.metrics import get_metric
from gonghui.core.permissions import Perm
from gonghui.core.replica import read_only
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import union_ancestors, union_get
from gonghui.reports.metrics.dashboard import (
    CHART_DEFAULT,
    TREND_DEFAULT,
    children_chart,
    dashboard,
    headline_names,
    trend_chart,
    trend_names,
)
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import not_found_as_404, query_id
from gonghui.web.reports.metrics_forms import period_of


@not_found_as_404
@read_only
def dashboard_page(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user, Perm.STATS_VIEW)
    home = home_union(request, Perm.STATS_VIEW)
    if scope.is_empty or home is None:
        raise PermissionDenied
    under = query_id(request.GET.get("under"))
    union = union_get(scope=scope, pk=under) if under is not None else home
    today = timezone.localdate()
    period, form = period_of(request.GET, today)
    chosen = request.GET.get("chart", CHART_DEFAULT)
    chart_metric = get_metric(chosen if chosen in headline_names() else CHART_DEFAULT)
    chart = children_chart(scope=scope, union=union, period=period, name=chart_metric.name, today=today)
    chosen_trend = request.GET.get("trend", TREND_DEFAULT)
    trends = trend_names()
    trend, trend_data = trend_chart(scope=scope, union=union, today=today,
                                    name=chosen_trend if chosen_trend in trends else TREND_DEFAULT)
    groups = dashboard(scope=scope, union=union, period=period, today=today)
    stored = [card.now for _k, _l, cards in groups for card in cards if not card.now.live]
    trail = [u for u in union_ancestors(scope=scope, union=union) if u.path.startswith(home.path)]
    return render(request, "reports/dashboard.html", {
        "union": union, "home": home, "trail": [*trail, union] if union.pk != home.pk else [union],
        "period": period, "form": form, "groups": groups, "chart": chart, "chart_metric": chart_metric,
        "choices": [get_metric(n) for n in headline_names() if not get_metric(n).is_ratio],
        "trend": trend, "trend_data": trend_data, "trend_choices": [get_metric(n) for n in trends],
        "as_of": min((f.as_of for f in stored if f.as_of), default=None)})

"""各省数据 (what every lower deployment sent, side by side, with 数据截至) and 上报记录 (this
deployment's sends to its upper one). The root's pages: anyone else is refused. Thin: parse, call one
selector, render."""

from django.conf import settings
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gonghui.core.errors import ValidationFailed
from gonghui.core.metrics import all_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.reports.federation import selectors
from gonghui.web.common.views import needs_any, paginate


def _root_only(request: HttpRequest) -> None:
    if not selectors.may_read_federation(request.user):
        raise DjangoPermissionDenied


@needs_any(Perm.STATS_VIEW)
def board_page(request: HttpRequest) -> HttpResponse:
    _root_only(request)
    received = dict(selectors.received_metrics(user=request.user))
    # Every metric this deployment knows, and any other a lower one sent (a newer release's).
    metrics = [(m.name, str(m.label)) for m in all_metrics()]
    metrics += [(name, label or name) for name, label in received.items() if name not in dict(metrics)]
    periods = selectors.received_periods(user=request.user)
    metric = request.GET.get("metric", "")
    metric = metric if metric in dict(metrics) else (metrics[0][0] if metrics else "")
    period = request.GET.get("period", "").strip()
    try:
        period_shown = Period.parse(period) if period else None
    except ValidationFailed:  # a hand-typed key: the latest period received is shown instead
        period_shown = None
    if period_shown is None:
        period = periods[0] if periods else ""
        period_shown = Period.parse(period) if period else None
    else:
        period = period_shown.key
    columns = selectors.received_board(user=request.user, metric=metric, period=period) if period else []
    return render(request, "reports/federation_board.html", {
        "metrics": metrics, "metric": metric, "metric_label": dict(metrics).get(metric, metric),
        "periods": periods, "period": period, "period_label": period_shown.label if period_shown else "",
        "columns": columns, "peers": selectors.peers(user=request.user)})


@needs_any(Perm.STATS_VIEW)
def sends_page(request: HttpRequest) -> HttpResponse:
    _root_only(request)
    return render(request, "reports/federation_sends.html", {
        "page": paginate(request, selectors.send_log(user=request.user), per_page=30),
        "code": settings.GONGHUI_DEPLOYMENT_CODE, "upper": settings.GONGHUI_UPPER_URL})

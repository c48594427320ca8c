"""`{% metric_link "cases.received" union period %}`: the small 指标 link beside a figure on a domain's
figures page, to the metric's page for the same subtree and the closest metric period — shown only to a
viewer who may read that metric's figures there (reports.metrics.figure_scope). Every figures page
links its figures through this one tag; a figure no metric declares stays plain."""

from typing import Any
from urllib.parse import urlencode

from django import template
from django.urls import reverse

from gonghui.core.errors import NotFound
from gonghui.core.metrics import get_metric
from gonghui.reports.metrics.evaluate import figure_scope
from gonghui.web.common.periods import metric_period

register = template.Library()


@register.inclusion_tag("web/partials/metric_link.html", takes_context=True)
def metric_link(context: template.Context, name: str, union: Any, period: Any = None,
                end: Any = None) -> dict[str, Any]:
    """`period`: a core Period, the page's month/quarter/year (web.common.periods.Period), or the first
    day of the span counted with `end` its last."""
    request = context.get("request")
    path = getattr(union, "path", "")
    try:
        metric = get_metric(name)
    except NotFound:
        return {"href": ""}
    if request is None or not path or not _readable(request, metric.name, path):
        return {"href": ""}
    query = urlencode({"under": union.pk, "period": metric_period(period, end).key})
    return {"href": f"{reverse('web:metric', args=[metric.name])}?{query}", "metric": metric}


def _readable(request: Any, name: str, path: str) -> bool:
    # One figures page asks for several metrics of the same viewer: the scopes are kept on the request.
    cache = request.__dict__.setdefault("_metric_figure_scopes", {})
    if name not in cache:
        cache[name] = figure_scope(request.user, name)
    return bool(cache[name].covers(path))

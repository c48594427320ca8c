"""发放统计: aid by programme for a subtree and a period (人, 人次, 户, 场次, 万元) and the budget
used, members and non-members apart for the campaigns open to both."""

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.aid.figures import aid_figures, aid_latest_day
from gonghui.core.money import in_wan
from gonghui.core.replica import read_only
from gonghui.orgs.selectors import union_children, union_get
from gonghui.web.aid.views.common import AID_PERMS, AID_READ_PERMS, aid_scope
from gonghui.web.common.exports import register_filter_reader
from gonghui.web.common.periods import PERIODS, parse_period
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import needs_any, not_found_as_404


def _top(request: HttpRequest):  # type: ignore[no-untyped-def]
    for permission in AID_READ_PERMS:
        union = home_union(request, permission)
        if union is not None:
            return union
    return None


def figures_export_filters(request: HttpRequest) -> dict[str, Any]:
    # The period the page showed: with none asked for, the page opens on the latest one with data.
    view_scope = aid_scope(request)
    union = union_get(scope=view_scope, pk=request.GET["union"]) if request.GET.get("union") else _top(request)
    params = request.GET.copy()
    params.setdefault("period", "year")
    latest = aid_latest_day(scope=view_scope, root_path=union.path) if union else None
    start, end = parse_period(params, latest=latest).bounds
    return {"union": union.pk if union is not None else "",
            "start": start.date().isoformat(), "end": (end.date() - datetime.timedelta(days=1)).isoformat()}


register_filter_reader("aid.figures", figures_export_filters)


@needs_any(*AID_PERMS)
@not_found_as_404
@read_only
def aid_figures_page(request: HttpRequest) -> HttpResponse:
    view_scope = aid_scope(request)
    top = _top(request)
    union = union_get(scope=view_scope, pk=request.GET["union"]) if request.GET.get("union") else top
    params = request.GET.copy()
    params.setdefault("period", "year")  # aid is reported by the year
    period = parse_period(params, latest=aid_latest_day(scope=view_scope, root_path=union.path) if union else None)
    start, end = period.bounds
    first, last = start.date(), end.date() - datetime.timedelta(days=1)
    figures = aid_figures(scope=view_scope, root_path=union.path, start=first, end=last) if union else None
    rows = figures.programmes if figures else []
    charts = {
        "money": {"labels": [r.label for r in rows], "series": [
            {"name": _("发放金额"), "unit": _("万元"), "values": [float(in_wan(r.counts.amount) or 0) for r in rows]},
            {"name": _("预算使用率"), "unit": "%", "type": "line", "axis": 1,
             "values": [float(r.budget_used_rate) if r.budget_used_rate is not None else None for r in rows]}]},
        "people": {"labels": [r.label for r in rows], "series": [
            {"name": _("人数"), "unit": _("人"), "values": [r.counts.people for r in rows]},
            {"name": _("人次"), "unit": _("人次"), "values": [r.counts.times for r in rows]}]},
    }
    return render(request, "aid/figures.html", {
        "figures": figures, "rows": rows, "charts": charts, "union": union, "top": top,
        "branches": list(union_children(scope=view_scope, parent=union)[:50]) if union else [],
        "period": period, "periods": PERIODS.items(), "years": range(timezone.localdate().year, 2019, -1),
        "months": range(1, 13), "quarters": range(1, 5), "first": first, "last": last,
    })

"""困难帮扶 figures per subtree and period: the registry (households by class and cause, new files,
exits, returns, re-checks on time) and the aid paid by programme (人, 人次, 万元, budget used)."""

import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.aid.figures import AidFigures, aid_figures, aid_latest_day
from gonghui.assistance.choices import Cause, HardshipClass
from gonghui.assistance.dashboard import HardshipFigures, hardship_figures, hardship_latest_day
from gonghui.core.permissions import Perm
from gonghui.core.replica import read_only
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.selectors import union_children, union_get
from gonghui.web.common.exports import register_filter_reader
from gonghui.web.common.periods import PERIODS, Period, parse_period
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import not_found_as_404
from gonghui.web.hardship.views.common import hardship_scope, needs_hardship_permission


def _labelled(counts: dict[str, int], choices: Any) -> dict[str, Any]:
    # In the order of the choices, so colours and legends stay put from one period to the next.
    pairs = [(str(label), counts.get(value, 0)) for value, label in choices.choices if counts.get(value)]
    return {"labels": [p[0] for p in pairs], "values": [p[1] for p in pairs]}


def _charts(figures: HardshipFigures, aid: AidFigures | None) -> dict[str, Any]:
    charts: dict[str, Any] = {
        "class": _labelled(figures.in_file_by_class, HardshipClass),
        "cause": _labelled(figures.in_file_by_cause, Cause),
        "movement": {"labels": [_("新建档"), _("解困脱困"), _("返困")], "series": [
            {"name": _("户数"), "unit": _("户"), "values": [figures.new_files, figures.exits, figures.returns]}]},
    }
    if aid is not None and aid.programmes:
        charts["aid"] = {"labels": [p.label for p in aid.programmes], "series": [
            {"name": _("人数"), "unit": _("人"), "values": [p.counts.people for p in aid.programmes]},
            {"name": _("人次"), "unit": _("人次"), "values": [p.counts.times for p in aid.programmes]}]}
    return charts


def _union_and_period(request: HttpRequest) -> tuple[TradeUnion | None, Period]:
    """The union asked for (else the cadre's own) and the period (else the latest one with data)."""
    view_scope = hardship_scope(request)
    top = home_union(request, Perm.HARDSHIP_VIEW)
    union = union_get(scope=view_scope, pk=request.GET["union"]) if request.GET.get("union") else top
    latest = hardship_latest_day(scope=view_scope, union=union)
    if union is not None:
        latest = max(filter(None, [latest, aid_latest_day(scope=view_scope, root_path=union.path)]), default=None)
    return union, parse_period(request.GET, latest=latest)


def figures_export_filters(request: HttpRequest) -> dict[str, Any]:
    # The union and period the page showed, whether asked for or chosen by the page.
    union, period = _union_and_period(request)
    since, until = period.bounds
    return {"union": union.pk if union is not None else "", "start": since.date().isoformat(),
            "end": (until - datetime.timedelta(days=1)).date().isoformat()}


register_filter_reader("assistance.figures", figures_export_filters)


@needs_hardship_permission(Perm.HARDSHIP_VIEW)
@not_found_as_404
@read_only
def dashboard_page(request: HttpRequest) -> HttpResponse:
    view_scope = hardship_scope(request)
    top = home_union(request, Perm.HARDSHIP_VIEW)
    union, period = _union_and_period(request)
    since, until = period.bounds
    start, end = since.date(), (until - datetime.timedelta(days=1)).date()
    figures = hardship_figures(scope=view_scope, start=start, end=end, union=union)
    aid = aid_figures(scope=view_scope, root_path=union.path, start=start, end=end) if union is not None else None
    return render(request, "hardship/dashboard.html", {
        "figures": figures, "aid": aid, "charts": _charts(figures, aid), "union": union, "top": top,
        "branches": list(union_children(scope=view_scope, parent=union)[:50]) if union is not None else [],
        "period": period, "periods": PERIODS.items(), "start": start, "end": end,
        "years": range(timezone.localdate().year, 2019, -1), "months": range(1, 13), "quarters": range(1, 5),
    })

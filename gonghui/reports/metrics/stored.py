"""Reading a figure the way a page should: a big subtree from its stored figure (stating 数据截至),
a small one live. The threshold is GONGHUI_METRIC_STORED_ABOVE unions in the subtree."""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings

from gonghui.core.metrics import Metric, get_metric
from gonghui.core.periods import Period
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics.evaluate import Figure, Number, _check, _rounded, figure, monthly_figures
from gonghui.reports.metrics.rollup import stored_figure
from gonghui.reports.models import MetricFigure


def _plain(value: Decimal | None) -> Number | None:
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else value.normalize()


def _value(metric: Metric, value: Decimal | None) -> Number | None:
    if value is None:
        return None
    return value.quantize(Decimal(1).scaleb(-metric.decimals)) if metric.is_ratio else _rounded(metric, value)


def row_figure(metric: Metric, period: Period, under: str, row: MetricFigure) -> Figure:
    """A stored row read as a figure (rounded as the live one, 数据截至 its refresh)."""
    return Figure(metric, period, under, _value(metric, row.value), _plain(row.numerator), _plain(row.denominator),
                  as_of=row.computed_at, live=False)


def figure_at(name: str, *, scope: Scope, under: str, period: Period, where: Mapping[str, Any] | None = None,
              today: datetime.date | None = None, stored_above: int | None = None) -> Figure:
    """The figure, from the stored row when the subtree holds more unions than the threshold and the
    refresh has one for this period (a split by dimension is always live)."""
    metric = get_metric(name)
    _check(metric, scope, under)
    threshold = settings.GONGHUI_METRIC_STORED_ABOVE if stored_above is None else stored_above
    if not where:
        size = TradeUnion.objects.filter(path=under).values_list("subtree_unions", flat=True).first() or 0
        row = stored_figure(metric, period, under) if size > threshold else None
        if row is not None:
            return Figure(metric, period, under, _value(metric, row.value), _plain(row.numerator),
                          _plain(row.denominator), as_of=row.computed_at, live=False)
    return figure(name, scope=scope, under=under, period=period, where=where, today=today)


def figures_at(names: list[str], *, scope: Scope, under: str, period: Period, today: datetime.date | None = None,
               stored_above: int | None = None) -> dict[str, Figure]:
    """Several metrics' figures for one subtree and period (a dashboard's headline): the stored ones
    in one query when the subtree is big, the rest live."""
    metrics = [get_metric(name) for name in names]
    for metric in metrics:
        _check(metric, scope, under)
    threshold = settings.GONGHUI_METRIC_STORED_ABOVE if stored_above is None else stored_above
    size = TradeUnion.objects.filter(path=under).values_list("subtree_unions", flat=True).first() or 0
    # The version narrows the query to all four columns of the unique index (metric, version, period,
    # path): without it the scan reads every union's row of each metric and period.
    rows = {} if size <= threshold else {
        (r.metric, r.version): r for r in MetricFigure.objects.filter(
            metric__in=names, version__in={m.version for m in metrics}, period=period.key, path=under)}
    out = {}
    for metric in metrics:
        row = rows.get((metric.name, metric.version))
        out[metric.name] = (Figure(metric, period, under, _value(metric, row.value), _plain(row.numerator),
                                   _plain(row.denominator), as_of=row.computed_at, live=False) if row is not None
                            else figure(metric.name, scope=scope, under=under, period=period, today=today))
    return out


@dataclass(frozen=True)
class Trend:
    metric: Metric
    months: list[tuple[Period, Number | None]]
    as_of: datetime.datetime | None = None  # None: counted live

    @property
    def live(self) -> bool:
        return self.as_of is None

    @property
    def span(self) -> Period:
        """The months as one period: the rows behind the whole line."""
        return Period.range(self.months[0][0].start, self.months[-1][0].end)


def trend_at(name: str, *, scope: Scope, under: str, months: list[Period], today: datetime.date | None = None,
             stored_above: int | None = None) -> Trend:
    """A flow's figure for each month: a big subtree's from its stored monthly rows (one query) when the
    refresh holds every month asked for, else live from one query grouped by month."""
    metric = get_metric(name)
    _check(metric, scope, under)
    threshold = settings.GONGHUI_METRIC_STORED_ABOVE if stored_above is None else stored_above
    size = TradeUnion.objects.filter(path=under).values_list("subtree_unions", flat=True).first() or 0
    if size > threshold:
        rows = {r.period: r for r in MetricFigure.objects.filter(
            metric=metric.name, version=metric.version, path=under, period__in=[p.key for p in months])}
        if len(rows) == len(months):
            return Trend(metric, [(p, _value(metric, rows[p.key].value)) for p in months],
                         as_of=min(r.computed_at for r in rows.values()))
    return Trend(metric, monthly_figures(name, scope=scope, under=under, months=months, today=today))


def stored_children(metric: Metric, period: Period, union: TradeUnion) -> list[tuple[TradeUnion, Any]] | None:
    """The direct children's stored figures, when every child above grassroots level has one
    (grassroots children are not stored: the caller then reads them live, in one grouped query)."""
    children = list(TradeUnion.objects.filter(parent__path=union.path).order_by("path"))
    if not children or any(child.level == Level.GRASSROOTS for child in children):
        return None
    stored = {row.path: row for row in MetricFigure.objects.filter(
        metric=metric.name, version=metric.version, period=period.key, path__in=[c.path for c in children])}
    if len(stored) < len([c for c in children if c.ended_on is None]):
        return None
    return [(child, _value(metric, stored[child.path].value) if child.path in stored else None)
            for child in children]

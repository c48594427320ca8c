"""Live evaluation of a metric over one subtree and period: the reference every stored figure must
equal, and what a small subtree (a grassroots union, a town) reads directly.

Every read takes a scope and a subtree root the scope covers: `figure_scope` for figures (统计查询 or
the metric's own permission), `metric_scope` for the rows behind them (the metric's permission only).
The children's figures come from one grouped query (the first path step below the subtree root), not
a query per child.
"""

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr, TruncMonth
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import NotFound, ValidationFailed, msg
from gonghui.core.metrics import Aggregation, Metric, Temporal, get_metric
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.orgs import tree
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for, scope_for_any, subtree_q

Number = int | Decimal


@dataclass(frozen=True)
class Figure:
    metric: Metric
    period: Period
    under: str  # the subtree root's path
    value: Number | None  # None: missing (period not begun) or a ratio without a denominator
    numerator: Number | None = None
    denominator: Number | None = None
    as_of: datetime.datetime | None = None
    live: bool = True

    @property
    def missing(self) -> bool:
        return self.value is None


def metric_scope(user: Any, metric: Metric | str) -> Scope:
    """Where `user` may open the rows behind a metric: its own domain's permission."""
    metric = get_metric(metric) if isinstance(metric, str) else metric
    return scope_for(user, metric.permission)


def figure_scope(user: Any, metric: Metric | str) -> Scope:
    """Where `user` may read a metric's figures: a figure is an aggregate with no person in it, so a
    statistics reader (统计查询) reads every figure of their subtree without seeing the rows."""
    metric = get_metric(metric) if isinstance(metric, str) else metric
    return scope_for_any(user, (Perm.STATS_VIEW, metric.permission))


def _today() -> datetime.date:
    return timezone.localdate()


def _check(metric: Metric, scope: Scope, under: str) -> None:
    if not under or not scope.covers(under):
        raise NotFound()


def rows_for(metric: Metric, period: Period, today: datetime.date | None = None) -> Any:
    """The metric's unfiltered rows for the period; a stock is read at the period's end or today,
    whichever comes first."""
    assert metric.rows is not None
    if metric.temporal == Temporal.STOCK:
        period = period.until(today or _today())
    return metric.rows(period)


def _filtered(metric: Metric, scope: Scope, under: str, period: Period, where: Mapping[str, Any],
              today: datetime.date | None = None) -> Any:
    return where_filtered(metric, rows_for(metric, period, today).filter(subtree_q(metric.path_field, under)), where)


def where_filtered(metric: Metric, rows: Any, where: Mapping[str, Any]) -> Any:
    """`rows` narrowed to the dimension values in `where` (a dimension the metric lacks is refused)."""
    return rows.filter(where_q(metric, where))


def where_q(metric: Metric, where: Mapping[str, Any]) -> Q:
    """The dimension values in `where` as a condition on the metric's rows."""
    q = Q()
    for name, value in where.items():
        try:
            dim = metric.dimension(name)
        except NotFound:
            raise ValidationFailed(msg(_("该指标不能按“%(name)s”拆分。"),
                                       {"name": str(name)[:40]}), field="by") from None
        q &= Q(**{dim.lookup: value})
    return q


def _aggregate_expr(metric: Metric) -> Any:
    if metric.aggregation == Aggregation.SUM:
        return Sum(metric.value_field)
    if metric.aggregation == Aggregation.DISTINCT:
        return Count(metric.value_field, distinct=True)
    return Count("pk")


def _rounded(metric: Metric, value: Any) -> Number:
    if value is None:  # no rows: a counted figure is then truly zero
        value = 0
    if metric.decimals:
        return Decimal(value).quantize(Decimal(1).scaleb(-metric.decimals), rounding=ROUND_HALF_UP)
    return int(value) if not isinstance(value, Decimal) or value == value.to_integral_value() else value


def _ratio(metric: Metric, num: Number | None, den: Number | None) -> Number | None:
    if num is None or den is None or not den:
        return None
    value = Decimal(num) * metric.scale / Decimal(den)
    return value.quantize(Decimal(1).scaleb(-metric.decimals), rounding=ROUND_HALF_UP)


def figure(name: str, *, scope: Scope, under: str, period: Period, where: Mapping[str, Any] | None = None,
           today: datetime.date | None = None) -> Figure:
    """The metric's figure for the subtree at `under` over `period` (filtered by dimension values)."""
    metric = get_metric(name)
    _check(metric, scope, under)
    now = timezone.now()
    if not period.has_begun(today or _today()):
        return Figure(metric, period, under, None, as_of=now)
    if metric.is_ratio:
        num = figure(metric.numerator, scope=scope, under=under, period=period, where=where, today=today)
        den = figure(metric.denominator, scope=scope, under=under, period=period, where=where, today=today)
        return Figure(metric, period, under, _ratio(metric, num.value, den.value), num.value, den.value, as_of=now)
    rows = _filtered(metric, scope, under, period, where or {}, today)
    value = rows.aggregate(v=_aggregate_expr(metric))["v"]
    return Figure(metric, period, under, _rounded(metric, value), as_of=now)


def split_figure(name: str, *, scope: Scope, under: str, period: Period, by: str,
                 today: datetime.date | None = None) -> list[tuple[Any, Any, Number | None]]:
    """(value, label, figure) for each value of a dimension that has rows, largest first."""
    metric = get_metric(name)
    _check(metric, scope, under)
    dim = metric.dimension(by)
    if not period.has_begun(today or _today()):
        return []
    if metric.is_ratio:
        nums = dict((v, f) for v, _label, f in split_figure(metric.numerator, scope=scope, under=under,
                                                            period=period, by=by, today=today))
        dens = split_figure(metric.denominator, scope=scope, under=under, period=period, by=by, today=today)
        return [(v, label, _ratio(metric, nums.get(v, 0), den)) for v, label, den in dens]
    grouped = (_filtered(metric, scope, under, period, {}, today).order_by().values(dim.lookup)
               .annotate(v=_aggregate_expr(metric)))
    out = [(row[dim.lookup], dim.label_of(row[dim.lookup]), _rounded(metric, row["v"])) for row in grouped]
    return sorted(out, key=lambda item: (-(item[2] or 0), str(item[0])))


def children_figures(name: str, *, scope: Scope, under: str, period: Period,
                     today: datetime.date | None = None) -> list[tuple[TradeUnion, Number | None]]:
    """Each direct child union's figure for its own subtree, in path order, from one grouped query.

    Rows held at `under` itself belong to no child; `figure()` counts them in the parent's total.
    """
    metric = get_metric(name)
    _check(metric, scope, under)
    children = list(TradeUnion.objects.filter(parent__path=under).order_by("path"))
    if not period.has_begun(today or _today()):
        return [(child, None) for child in children]
    if metric.is_ratio:
        nums = dict((c.pk, v) for c, v in children_figures(metric.numerator, scope=scope, under=under,
                                                            period=period, today=today))
        dens = children_figures(metric.denominator, scope=scope, under=under, period=period, today=today)
        return [(c, _ratio(metric, nums.get(c.pk), den)) for c, den in dens]
    width = len(under) + tree.STEP_LEN
    grouped = (_filtered(metric, scope, under, period, {}, today).exclude(**{metric.path_field: under}).order_by()
               .annotate(child=Substr(metric.path_field, 1, width)).values("child")
               .annotate(v=_aggregate_expr(metric)))
    by_child = {row["child"]: row["v"] for row in grouped}
    return [(child, _rounded(metric, by_child.get(child.path))) for child in children]


def metric_rows(name: str, *, scope: Scope, under: str, period: Period,
                where: Mapping[str, Any] | None = None, today: datetime.date | None = None) -> Any:
    """The rows behind a counted metric's figure (for a ratio, its numerator's), newest first."""
    metric = get_metric(name)
    _check(metric, scope, under)
    if metric.is_ratio:
        return metric_rows(metric.numerator, scope=scope, under=under, period=period, where=where, today=today)
    rows = _filtered(metric, scope, under, period, where or {}, today)
    return rows.filter(Q(scope.q(metric.path_field))).order_by("-pk")


def last_months(today: datetime.date, count: int = 12) -> list[Period]:
    """The `count` calendar months ending with today's, oldest first: the dashboard's trend."""
    months, year, month = [], today.year, today.month
    for _i in range(count):
        months.append(Period.month(year, month))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return months[::-1]


def month_key(value: datetime.date) -> str:
    return f"{value.year}-{value.month:02d}"


def by_month(metric: Metric, months: list[Period], today: datetime.date) -> Any:
    """The metric's rows over the months' whole span, grouped by month (`k`): one query however many
    months; the caller filters it to a subtree or cuts the path to group by subtree too."""
    if not metric.month_field:
        raise ValidationFailed(msg(_("指标“%(name)s”没有月度走势。"), {"name": metric.name}), field="trend")
    span = Period.range(months[0].start, months[-1].end)
    return (rows_for(metric, span, today).order_by().annotate(m=TruncMonth(metric.month_field)))


def monthly_figures(name: str, *, scope: Scope, under: str, months: list[Period],
                    today: datetime.date | None = None) -> list[tuple[Period, Number | None]]:
    """The metric's figure for each month (a flow declaring its month_field), live, from one query
    grouped by month; a month not begun is missing."""
    metric = get_metric(name)
    _check(metric, scope, under)
    today = today or _today()
    grouped = (by_month(metric, months, today).filter(subtree_q(metric.path_field, under)).values("m")
               .annotate(v=_aggregate_expr(metric)).values_list("m", "v"))
    found = {month_key(m): v for m, v in grouped if m is not None}
    return [(p, _rounded(metric, found.get(p.key)) if p.has_begun(today) else None) for p in months]

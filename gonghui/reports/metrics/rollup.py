"""Stored figures (reports.MetricFigure): every metric for every union above grassroots level and the
standard periods around today, so the top of a big tree reads one row instead of scanning its rows.

The refresh is one grouped query per metric, period and tree depth: the rows' path cut to the depth
(Substr) names the subtree each row counts in, so a county's figure and every other county's come
from the same statement — never a query per union. A DISTINCT metric counts within each group, so
a person in two towns of one county counts once for the county, as the live figure does. A ratio is
Σ numerator / Σ denominator from the stored parts. The live figure (evaluate.figure) is the
reference: `metric_drift` compares every stored row with it, and `rollup_check` runs that.

A flow declaring its `month_field` is stored for each of the last 12 calendar months too (the
dashboard's trend): one query per metric and depth grouped by (path cut to the depth, month), not a
query per month. A stock has no monthly trend.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models.functions import Length, Substr
from django.utils import timezone

from gonghui.core import xact_locks
from gonghui.core.audit import Actor, audit_record
from gonghui.core.errors import NotFound
from gonghui.core.metrics import Metric, all_metrics, get_metric
from gonghui.core.periods import Period
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.reports.metrics.evaluate import (
    Number,
    _aggregate_expr,
    _ratio,
    _rounded,
    by_month,
    last_months,
    month_key,
    rows_for,
)
from gonghui.reports.models import MetricFigure


def standard_periods(today: datetime.date) -> list[Period]:
    """The periods a dashboard and a report ask for: this and last calendar year, this and last
    statistical year, this quarter and this month."""
    sy = Period.stat_year_of(today)
    return [Period.year(today.year), Period.year(today.year - 1), sy, sy.previous(),
            Period.quarter(today.year, (today.month - 1) // 3 + 1), Period.month(today.year, today.month)]


def stored_paths() -> dict[int, list[str]]:
    """{path length: the standing unions above grassroots level at that depth}."""
    by_depth: dict[int, list[str]] = defaultdict(list)
    rows = (TradeUnion.objects.filter(ended_on__isnull=True).exclude(level=Level.GRASSROOTS)
            .annotate(n=Length("path")).values_list("n", "path"))
    for n, path in rows:
        by_depth[n].append(path)
    return by_depth


def _counted(metric: Metric, period: Period, today: datetime.date,
             by_depth: dict[int, list[str]]) -> dict[str, Number]:
    out: dict[str, Number] = {}
    for depth, paths in sorted(by_depth.items()):
        wanted = set(paths)
        grouped = (rows_for(metric, period, today).order_by().annotate(k=Substr(metric.path_field, 1, depth))
                   .values("k").annotate(v=_aggregate_expr(metric)).values_list("k", "v"))
        found = {k: v for k, v in grouped if k in wanted}
        out.update({path: _rounded(metric, found.get(path)) for path in paths})
    return out


def monthly(metric: Metric, months: list[Period], today: datetime.date,
            by_depth: dict[int, list[str]]) -> dict[str, dict[str, Number]]:
    """{month key: {path: figure}} for the months that have begun, one grouped query per depth."""
    begun = [p.key for p in months if p.has_begun(today)]
    out: dict[str, dict[str, Number]] = {key: {} for key in begun}
    for depth, paths in sorted(by_depth.items()):
        wanted = set(paths)
        grouped = (by_month(metric, months, today).annotate(k=Substr(metric.path_field, 1, depth))
                   .values("k", "m").annotate(v=_aggregate_expr(metric)).values_list("k", "m", "v"))
        found = {(k, month_key(m)): v for k, m, v in grouped if k in wanted and m is not None}
        for key in begun:
            out[key].update({path: _rounded(metric, found.get((path, key))) for path in paths})
    return out


def compute(metric: Metric, period: Period, today: datetime.date, by_depth: dict[int, list[str]],
            done: dict[tuple[str, str], dict[str, Number]]) -> dict[str, tuple[Number | None, Number | None,
                                                                                Number | None]]:
    """{path: (value, numerator, denominator)}; `done` caches the counted metrics a ratio reuses."""
    if metric.is_ratio:
        parts = [_cached(get_metric(name), period, today, by_depth, done) for name in (metric.numerator,
                                                                                       metric.denominator)]
        return {path: (_ratio(metric, parts[0].get(path), den), parts[0].get(path), den)
                for path, den in parts[1].items()}
    return {path: (value, None, None) for path, value in _cached(metric, period, today, by_depth, done).items()}


def _cached(metric: Metric, period: Period, today: datetime.date, by_depth: dict[int, list[str]],
            done: dict[tuple[str, str], dict[str, Number]]) -> dict[str, Number]:
    key = (metric.name, period.key)
    if key not in done:
        done[key] = _counted(metric, period, today, by_depth)
    return done[key]


def refresh_metric_figures(*, actor: Any, today: datetime.date | None = None,
                           names: Iterable[str] | None = None, if_due: bool = False) -> int:
    """Recompute the stored figures of the standard periods; returns the rows written. Rows of a
    union that no longer stands (moved, merged) go, so a stale subtree is never read. `if_due` (the
    timer): only when the last refresh is GONGHUI_METRIC_REFRESH_MINUTES old, and never two at once."""
    today = today or timezone.localdate()
    metrics = [get_metric(n) for n in names] if names is not None else all_metrics()
    now = timezone.now()
    if if_due and not _refresh_due(metrics, now):
        return 0
    by_depth = stored_paths()
    periods = [p for p in standard_periods(today) if p.has_begun(today)]
    done: dict[tuple[str, str], dict[str, Number]] = {}
    written = 0
    months = last_months(today)
    with transaction.atomic():
        if if_due and not _refresh_lock():
            return 0  # another worker is refreshing: a second one would only write the same rows
        for metric in metrics:
            figures = {period.key: compute(metric, period, today, by_depth, done) for period in periods}
            if metric.month_field:  # this month is a standard period already
                figures.update({key: {path: (value, None, None) for path, value in by_path.items()}
                                for key, by_path in monthly(metric, months, today, by_depth).items()
                                if key not in figures})
            for key, by_path in figures.items():
                rows = [MetricFigure(metric=metric.name, version=metric.version, period=key, path=path,
                                     value=value, numerator=num, denominator=den, computed_at=now)
                        for path, (value, num, den) in by_path.items()]
                MetricFigure.objects.bulk_create(
                    rows, batch_size=2000, update_conflicts=True,
                    unique_fields=["metric", "version", "period", "path"],
                    update_fields=["value", "numerator", "denominator", "computed_at"])
                written += len(rows)
        # What this refresh did not write is stale: a union gone, an older period, an old version.
        MetricFigure.objects.filter(metric__in=[m.name for m in metrics]).exclude(computed_at=now).delete()
        audit_record(actor=Actor(id=getattr(actor, "pk", None), label=str(getattr(actor, "username", actor))),
                     action="reports.metric_refresh", object_type="reports.metricfigure",
                     detail={"rows": written, "periods": [p.key for p in periods], "metrics": len(metrics),
                             "months": [months[0].key, months[-1].key]})
    return written


def _refresh_due(metrics: list[Metric], now: datetime.datetime) -> bool:
    # One metric's rows (its part of the unique index) say when the figures were last written.
    last = (MetricFigure.objects.filter(metric=metrics[0].name).order_by("-computed_at")
            .values_list("computed_at", flat=True).first()) if metrics else None
    return last is None or now - last >= datetime.timedelta(minutes=settings.GONGHUI_METRIC_REFRESH_MINUTES)


def _refresh_lock() -> bool:
    return xact_locks.try_take(xact_locks.METRIC_REFRESH, 0) is not False  # no such lock off PostgreSQL: go on


def stored_figure(metric: Metric, period: Period, path: str) -> MetricFigure | None:
    return MetricFigure.objects.filter(metric=metric.name, version=metric.version, period=period.key,
                                       path=path).first()


def _same(stored: Decimal | None, live: Number | None) -> bool:
    if stored is None or live is None:
        return stored is None and live is None
    return Decimal(stored) == Decimal(live)


def metric_drift(*, limit: int = 0) -> list[str]:
    """Every stored figure whose value differs from what the rows give now, as lines for the check
    commands (empty: all equal). Each (metric, period, day computed) is recomputed with the same
    grouped queries per depth, read as on the day the row was computed (a stock stored yesterday is
    compared with yesterday's stock); a row whose union no longer stands is reported too. The tests
    hold the grouped queries equal to the live `figure()` of every stored union."""
    problems: list[str] = []
    by_depth = stored_paths()
    caches: dict[tuple[str, datetime.date], dict[tuple[str, str], dict[str, Number]]] = {}
    expected: dict[tuple[str, str, datetime.date], dict[str, tuple[Any, Any, Any]]] = {}
    for row in MetricFigure.objects.order_by("metric", "period", "path").iterator(chunk_size=2000):
        try:
            metric = get_metric(row.metric)
        except NotFound:
            problems.append(f"{row}: no such metric")
            continue
        if metric.version != row.version:
            problems.append(f"{row}: the metric is now version {metric.version}")
            continue
        day = timezone.localdate(row.computed_at)
        key = (row.metric, row.period, day)
        if key not in expected:
            expected[key] = compute(metric, Period.parse(row.period), day, by_depth,
                                    caches.setdefault((row.period, day), {}))
        if row.path not in expected[key]:
            problems.append(f"{row}: no standing union above grassroots level has this path")
        elif not _same(row.value, expected[key][row.path][0]):
            problems.append(f"{row}: stored {row.value}, live {expected[key][row.path][0]}")
        if limit and len(problems) >= limit:
            break
    return problems

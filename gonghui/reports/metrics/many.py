"""Many subtrees' figures at once, for a statistics run over a whole province (批量预填 of the 统计年报):
each equal to `figure()` for its subtree, in a handful of queries whatever the number of subtrees.

Asks on the same metric share one query, one filtered aggregate per dimension filter. A count or a
sum is grouped by the rows' own path and added up the tree here (a row counts in every asked subtree
above it); a distinct count cannot be added up, so it is grouped per depth of the asked paths, as the
stored refresh does.
"""

import datetime
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from django.db.models import Count, Q, Sum
from django.db.models.functions import Substr
from django.utils import timezone

from gonghui.core.metrics import Aggregation, Metric, get_metric
from gonghui.core.periods import Period
from gonghui.orgs import tree
from gonghui.reports.metrics.evaluate import Number, _ratio, _rounded, rows_for, where_q

Ask = tuple[str, Mapping[str, Any] | None]  # (metric name, dimension filter)


def figures_for_paths(name: str, *, paths: Iterable[str], period: Period, where: Mapping[str, Any] | None = None,
                      today: datetime.date | None = None) -> dict[str, Number | None]:
    return figures_for_paths_many([(name, where)], paths=paths, period=period, today=today)[0]


def figures_for_paths_many(asks: Sequence[Ask], *, paths: Iterable[str], period: Period,
                           today: datetime.date | None = None) -> list[dict[str, Number | None]]:
    """For each ask, {path: figure} over every path. The caller has checked its scope covers every
    path. None: the period has not begun, or a ratio without a denominator."""
    today = today or timezone.localdate()
    paths = sorted(set(paths))
    if not period.has_begun(today):
        return [dict.fromkeys(paths) for _ask in asks]
    out: list[dict[str, Number | None]] = [{} for _ask in asks]
    counted: dict[str, list[int]] = defaultdict(list)
    for i, (name, where) in enumerate(asks):
        metric = get_metric(name)
        if metric.is_ratio:
            nums, dens = figures_for_paths_many([(metric.numerator, where), (metric.denominator, where)], paths=paths,
                                                period=period, today=today)
            out[i] = {p: _ratio(metric, nums[p], dens[p]) for p in paths}
        else:
            counted[name].append(i)
    for name, indexes in counted.items():
        metric = get_metric(name)
        aggregates = {f"v{i}": _aggregate(metric, where_q(metric, asks[i][1] or {})) for i in indexes}
        rows = rows_for(metric, period, today).order_by()
        found = (_added_up(metric, rows, aggregates, paths) if metric.aggregation != Aggregation.DISTINCT
                 else _per_depth(metric, rows, aggregates, paths))
        for i in indexes:
            out[i] = {p: _rounded(metric, found.get(p, {}).get(f"v{i}")) for p in paths}
    return out


def _aggregate(metric: Metric, where: Q) -> Any:
    if metric.aggregation == Aggregation.SUM:
        return Sum(metric.value_field, filter=where)
    if metric.aggregation == Aggregation.DISTINCT:
        return Count(metric.value_field, distinct=True, filter=where)
    return Count("pk", filter=where)


def _added_up(metric: Metric, rows: Any, aggregates: dict[str, Any], paths: list[str]) -> dict[str, dict[str, Any]]:
    """One query grouped by the rows' own path; each group added to every asked path at or above it."""
    asked = set(paths)
    totals: dict[str, dict[str, Any]] = defaultdict(lambda: dict.fromkeys(aggregates, 0))
    for group in rows.values(metric.path_field).annotate(**aggregates):
        path = group[metric.path_field] or ""
        for length in range(tree.STEP_LEN, len(path) + 1, tree.STEP_LEN):
            prefix = path[:length]
            if prefix in asked:
                into = totals[prefix]
                for key in aggregates:
                    into[key] += group[key] or 0
    return totals


def _per_depth(metric: Metric, rows: Any, aggregates: dict[str, Any], paths: list[str]) -> dict[str, dict[str, Any]]:
    found: dict[str, dict[str, Any]] = {}
    by_depth: dict[int, set[str]] = defaultdict(set)
    for path in paths:
        by_depth[len(path)].add(path)
    for depth, wanted in sorted(by_depth.items()):
        grouped = rows.annotate(k=Substr(metric.path_field, 1, depth)).values("k").annotate(**aggregates)
        found.update({g["k"]: g for g in grouped if g["k"] in wanted})
    return found

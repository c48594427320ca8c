"""What a metric page and the metrics API show: the figure (stored for a big subtree, live for a
small one), its 同比 and 环比 change, the children's figures, and the rows behind it a page at a time.

A change is missing when either side is missing (a period not begun, a rate without denominator),
never computed against a 0 standing in for "nothing". A percentage change against 0 is missing too.
"""

import datetime
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Model
from django.utils import timezone

from gonghui.core.metrics import Metric, get_metric
from gonghui.core.periods import Period
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics.evaluate import Figure, Number, children_figures, metric_rows
from gonghui.reports.metrics.stored import figure_at, stored_children

ROWS_PAGE = 50
MAX_ROWS_PAGE = 200


@dataclass(frozen=True)
class Change:
    base: Figure  # the period compared with
    delta: Number | None  # current − base; None when either is missing
    percent: Decimal | None  # the change in per cent of the base; None when the base is 0 or missing

    @property
    def missing(self) -> bool:
        return self.delta is None


def compare(current: Figure, base: Figure) -> Change:
    if current.value is None or base.value is None:
        return Change(base, None, None)
    delta = current.value - base.value
    percent = None
    if base.value and not current.metric.is_ratio:
        percent = (Decimal(delta) * 100 / Decimal(base.value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return Change(base, delta, percent)


@dataclass(frozen=True)
class Reading:
    metric: Metric
    union: TradeUnion
    period: Period
    figure: Figure
    year_ago: Change  # 同比
    previous: Change  # 环比
    children: list[tuple[TradeUnion, Number | None]] = field(default_factory=list)


def metric_reading(name: str, *, scope: Scope, union: TradeUnion, period: Period,
                   today: datetime.date | None = None, with_children: bool = True) -> Reading:
    metric = get_metric(name)
    kw: dict[str, Any] = {"scope": scope, "under": union.path, "today": today}
    current = figure_at(name, period=period, **kw)
    year_ago = compare(current, figure_at(name, period=period.year_ago(), **kw))
    previous = year_ago if period.previous() == period.year_ago() else compare(
        current, figure_at(name, period=period.previous(), **kw))
    children: list[tuple[TradeUnion, Number | None]] = []
    if with_children:
        stored = stored_children(metric, period, union) if not current.live else None
        children = stored if stored is not None else children_figures(name, period=period, **kw)
    return Reading(metric, union, period, current, year_ago, previous, children)


@dataclass(frozen=True)
class RowsPage:
    columns: list[tuple[str, Any]]
    rows: list[dict[str, Any]]  # {"key": pk, "link": the linked record's id, "cells": [...]}
    next_after: int | None  # the keyset cursor of the next page


def cell_text(model: type[Model], lookup: str, value: Any) -> Any:
    if value is None or value == "":
        return ""
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M")
    if isinstance(value, datetime.date):
        return value.isoformat()
    try:
        target: Any = model
        parts = lookup.split("__")
        for part in parts[:-1]:
            target = target._meta.get_field(part).related_model
        choices = dict(target._meta.get_field(parts[-1]).flatchoices)
    except Exception:  # an annotation (a sum of two columns) has no field and no choices
        choices = {}
    return str(choices.get(value, value)) if choices else value


def rows_page(name: str, *, scope: Scope, union: TradeUnion, period: Period, where: dict[str, Any] | None = None,
              after: int | None = None, limit: int = ROWS_PAGE, today: datetime.date | None = None) -> RowsPage:
    """One page of the rows behind the figure, newest first, after the keyset cursor `after` (a pk):
    no OFFSET, so the thousandth page costs what the first does."""
    metric = get_metric(name)
    counted = get_metric(metric.numerator) if metric.is_ratio else metric
    rows = metric_rows(name, scope=scope, under=union.path, period=period, where=where, today=today)
    if after is not None:
        rows = rows.filter(pk__lt=after)
    limit = max(1, min(limit, MAX_ROWS_PAGE))
    lookups = [lookup for lookup, _title in counted.row_columns]
    link = counted.row_link_field
    found = list(rows.values("pk", link, *lookups)[:limit + 1]) if link != "pk" else list(
        rows.values("pk", *lookups)[:limit + 1])
    model = rows.model
    out = [{"key": r["pk"], "link": r[link], "cells": [cell_text(model, lk, r[lk]) for lk in lookups]}
           for r in found[:limit]]
    return RowsPage(list(counted.row_columns), out, found[limit - 1]["pk"] if len(found) > limit else None)

"""Metrics over the API: the glossary, one metric's figure for a subtree and period with its 同比/环比
change and its children or its split by a dimension, and the rows behind it, keyset-paged.

A figure is read through the caller's scope for the metric's own permission: a union outside it is a
404 like a missing one. A big subtree answers from its stored figure with `live: false` and `as_of`.
"""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from ninja import Field, Path, Query, Router, Schema

from gonghui.api.common.errors import READ_ERRORS
from gonghui.api.common.schemas import MAX_ID, ErrorOut, Id, UnionRef
from gonghui.core.errors import PermissionDenied, ValidationFailed, msg
from gonghui.core.metrics import Metric, get_metric
from gonghui.core.periods import Period
from gonghui.core.replica import read_only
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import tree_roots, union_get
from gonghui.reports.metrics import figure_scope, metric_scope, split_figure
from gonghui.reports.metrics.glossary import DOMAINS, glossary, rollup_words, temporal_words
from gonghui.reports.metrics.reading import MAX_ROWS_PAGE, ROWS_PAGE, Change, metric_reading, rows_page

router = Router(tags=["metrics"])
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
MetricName = Annotated[str, Path(pattern=r"^[a-z_]{1,30}\.[a-z_]{1,40}$", max_length=72)]


class DimensionOut(Schema):
    name: str
    label: str


class MetricOut(Schema):
    name: str
    label: str
    domain: str
    domain_label: str
    definition: str
    unit: str
    decimals: int
    aggregation: str
    temporal: str
    rollup: str
    temporal_words: str
    numerator: str
    denominator: str
    dimensions: list[DimensionOut]
    version: int


class PeriodOut(Schema):
    key: str
    label: str
    start: datetime.date
    end: datetime.date


class ChangeOut(Schema):
    period: PeriodOut
    value: Decimal | None
    delta: Decimal | None
    percent: Decimal | None


class ChildOut(Schema):
    union: UnionRef
    value: Decimal | None


class PartOut(Schema):
    value: str
    label: str
    figure: Decimal | None


class FigureOut(Schema):
    metric: str
    version: int
    unit: str
    union: UnionRef
    period: PeriodOut
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    live: bool
    as_of: datetime.datetime | None
    year_ago: ChangeOut
    previous: ChangeOut
    by: str
    children: list[ChildOut]
    split: list[PartOut]


class FigureQuery(Schema):
    under: Id | None = None
    period: str = Field("", max_length=30)
    by: str = Field("", max_length=40)


class RowsQuery(FigureQuery):
    value: str = Field("", max_length=100)
    after: int | None = Field(None, ge=1, le=MAX_ID)
    limit: int = Field(ROWS_PAGE, ge=1, le=MAX_ROWS_PAGE)


class ColumnOut(Schema):
    field: str
    title: str


class RowOut(Schema):
    id: int
    link_id: int | None
    cells: list[str]


class RowsOut(Schema):
    columns: list[ColumnOut]
    items: list[RowOut]
    next_after: int | None


def _metric_out(m: Metric) -> dict[str, Any]:
    return {"name": m.name, "label": str(m.label), "domain": m.owner,
            "domain_label": str(DOMAINS.get(m.owner, m.owner)),
            "definition": str(m.definition), "unit": str(m.unit), "decimals": m.decimals,
            "aggregation": m.aggregation.value, "temporal": m.temporal.value, "rollup": rollup_words(m),
            "temporal_words": temporal_words(m), "numerator": m.numerator, "denominator": m.denominator,
            "dimensions": [{"name": d.name, "label": str(d.label)} for d in m.dimensions], "version": m.version}


@router.get("/metrics", response={200: list[MetricOut], **READ},
            summary="指标说明：每个指标的定义、单位、汇总规则、维度和版本")
@read_only
def metric_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [_metric_out(m) for _owner, _label, metrics in glossary() for m in metrics]


def _read(request: HttpRequest, name: str, query: FigureQuery) -> tuple[Metric, Scope, TradeUnion, Period]:
    metric = get_metric(name)
    scope = figure_scope(request.user, metric)  # figures: 统计查询 or the metric's own permission
    if scope.is_empty:
        raise PermissionDenied()
    union: TradeUnion | None
    if query.under is not None:
        union = union_get(scope=scope, pk=query.under)
    else:
        own: TradeUnion | None = getattr(request.user, "org", None)
        union = own if own is not None and scope.covers(own.path) else tree_roots(scope=scope).order_by(
            "depth", "path").first()
    if union is None:
        raise PermissionDenied()
    today = timezone.localdate()
    period = Period.parse(query.period) if query.period else Period.year(today.year)
    if query.by and query.by not in {d.name for d in metric.dimensions}:
        raise ValidationFailed(msg(_("该指标不能按“%(name)s”拆分。"),
                                   {"name": query.by}), field="by")
    return metric, scope, union, period


def _period(p: Period) -> dict[str, Any]:
    return {"key": p.key, "label": str(p.label), "start": p.start, "end": p.end}


def _change(c: Change) -> dict[str, Any]:
    return {"period": _period(c.base.period), "value": c.base.value, "delta": c.delta, "percent": c.percent}


@router.get("/metrics/{name}", response={200: FigureOut, **READ},
            summary="一个指标的数：under 工会、period 期间（2026、SY2026、2026Q1、2026-03、起~止），同比环比；"
                    "by 给出按维度拆分，否则给出下级工会")
@read_only
def metric_figure(request: HttpRequest, name: MetricName, query: Query[FigureQuery]) -> dict[str, Any]:
    metric, scope, union, period = _read(request, name, query)
    reading = metric_reading(name, scope=scope, union=union, period=period, with_children=not query.by)
    split = split_figure(name, scope=scope, under=union.path, period=period, by=query.by) if query.by else []
    f = reading.figure
    return {"metric": metric.name, "version": metric.version, "unit": str(metric.unit),
            "union": {"id": union.pk, "name": union.name}, "period": _period(period), "value": f.value,
            "numerator": f.numerator, "denominator": f.denominator, "live": f.live, "as_of": f.as_of,
            "year_ago": _change(reading.year_ago), "previous": _change(reading.previous), "by": query.by,
            "children": [{"union": {"id": c.pk, "name": c.name}, "value": v} for c, v in reading.children],
            "split": [{"value": "" if v is None else str(v), "label": str(label), "figure": n}
                      for v, label, n in split]}


@router.get("/metrics/{name}/rows", response={200: RowsOut, **READ},
            summary="指标背后的明细，按 after 游标分页（next_after 为下一页的游标）；by 与 value 按维度筛选")
@read_only
def metric_rows_page(request: HttpRequest, name: MetricName, query: Query[RowsQuery]) -> dict[str, Any]:
    metric, _figures, union, period = _read(request, name, query)
    # The rows name people and employers: they need the metric's own permission, not 统计查询.
    scope = metric_scope(request.user, metric)
    if not scope.covers(union.path):
        raise PermissionDenied()
    where = {query.by: query.value} if query.by else None
    page = rows_page(name, scope=scope, union=union, period=period, where=where, after=query.after, limit=query.limit)
    return {"columns": [{"field": f, "title": str(t)} for f, t in page.columns],
            "items": [{"id": r["key"], "link_id": r["link"] if isinstance(r["link"], int) else None,
                       "cells": ["" if c is None else str(c) for c in r["cells"]]} for r in page.rows],
            "next_after": page.next_after}

"""The rows behind any metric's figure as a spreadsheet (导出Excel on the metric page), through the
shared export framework: its columns are the metric's own, its rows read with the exporter's scope for
the metric's permission, so a row the exporter may not open never reaches the workbook."""

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import DomainError
from gonghui.core.exports import Column, ListExport, col, register_export
from gonghui.core.metrics import Metric, get_metric
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import union_get
from gonghui.reports.metrics.evaluate import metric_rows, metric_scope
from gonghui.reports.metrics.reading import cell_text

# Every permission a metric is declared with: holding any one opens the export; the rows then follow
# the exporter's scope for the chosen metric's own permission.
METRIC_PERMS = (Perm.ORG_VIEW, Perm.MEMBER_VIEW, Perm.CASE_VIEW, Perm.HARDSHIP_VIEW, Perm.AID_MANAGE,
                Perm.MUTUAL_AID_MANAGE, Perm.CONTRACT_VIEW, Perm.DEMOCRACY_VIEW, Perm.HONOURS_VIEW, Perm.SKILLS_VIEW,
                Perm.POSITION_VIEW, Perm.ACTIVITY_VIEW, Perm.JOBS_VIEW, Perm.BENEFITS_VIEW)


def _counted(filters: Mapping[str, str]) -> Metric | None:
    try:
        metric = get_metric(filters.get("metric", ""))
        return get_metric(metric.numerator) if metric.is_ratio else metric
    except DomainError:
        return None


def _rows(actor: Any, filters: Mapping[str, str]) -> Any:
    metric = _counted(filters)
    name = filters.get("metric", "")
    if metric is None or not str(filters.get("under", "")).isdigit():
        return None
    try:
        scope = metric_scope(actor, metric)
        union = union_get(scope=scope, pk=int(filters["under"]))
        where = {filters["by"]: filters.get("value", "")} if filters.get("by") else None
        return metric_rows(name, scope=scope, under=union.path, period=Period.parse(filters.get("period", "")),
                           where=where)
    except DomainError:
        return None


def header(*, filters: Mapping[str, str]) -> Sequence[Column]:
    metric = _counted(filters)
    return [col(title, width=18) for _lookup, title in (metric.row_columns if metric else ())]


def rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    metric, found = _counted(filters), _rows(actor, filters)
    if metric is None or found is None:
        return
    lookups = [lookup for lookup, _title in metric.row_columns]
    for row in found.values(*lookups).iterator(chunk_size=2000):
        yield [cell_text(found.model, lookup, row[lookup]) for lookup in lookups]


def count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    found = _rows(actor, filters)
    return found.count() if found is not None else 0


register_export(ListExport(
    name="reports.metric_rows", title=_("指标明细"), permission=METRIC_PERMS, columns=(), rows=rows, count=count,
    params=("metric", "under", "period", "by", "value"), header=header, route="web:metric_glossary"))

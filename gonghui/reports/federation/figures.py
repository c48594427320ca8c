"""What a deployment sends up for a period: every registered metric's figure for its root union and for
each of the root's children (the cities of a province), with the metric's name and version, the
numerator and denominator of a ratio, and when it was computed. Aggregates only: no row, no name of
a person, nothing a figure is not."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed
from gonghui.core.metrics import all_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics import children_figures, figure
from gonghui.reports.metrics.stored import row_figure
from gonghui.reports.models import MetricFigure

# A payload larger than this is refused by the upper side (metrics × unions); at about 300 bytes a
# figure it stays under Django's 2.5 MB request body limit (DATA_UPLOAD_MAX_MEMORY_SIZE).
MAX_FIGURES = 8_000


def deployment_root() -> TradeUnion:
    root = TradeUnion.objects.filter(parent__isnull=True).order_by("path").select_related("region").first()
    if root is None:
        raise ValidationFailed(_("本部署还没有根工会，无数据可上报。"), field="deployment")
    return root


def unit_of(union: TradeUnion, *, root_code: str | None = None) -> str:
    """How the upper deployment names a reporting union: the deployment's code for the root, else the
    union's division code, else its place in the lower tree."""
    if root_code:
        return root_code
    return union.region_id or f"P{union.path}"


def _number(value: Any) -> str | None:
    return None if value is None else str(value)


def _entry(base: dict[str, Any], union: TradeUnion, unit: str, *, root: bool, value: Any, numerator: Any,
           denominator: Any, as_of: datetime.datetime, source: str) -> dict[str, Any]:
    return {**base, "unit": unit, "unit_name": union.name, "root": root, "value": _number(value),
            "numerator": _number(numerator), "denominator": _number(denominator), "as_of": as_of.isoformat(),
            "source": source}


def collect(*, period: Period, code: str, today: datetime.date | None = None) -> list[dict[str, Any]]:
    """Every metric's figures for the root and its children, each from the stored figure of the
    refresh (source "stored", 数据截至 its refresh) where one is kept for this period and version, else
    computed now (source "live"). Ordered metric by metric, the root first: a message cut into parts
    keeps each metric's figures together (services.federation_send)."""
    root = deployment_root()
    scope = Scope.all(Perm.STATS_VIEW)
    now = timezone.now()
    children = list(TradeUnion.objects.filter(parent=root).order_by("path"))
    stored = {(row.metric, row.version, row.path): row for row in MetricFigure.objects.filter(
        period=period.key, path__in=[root.path, *(c.path for c in children)])}
    out: list[dict[str, Any]] = []
    for metric in all_metrics():
        base = {"metric": metric.name, "version": metric.version, "label": str(metric.label)[:100],
                "measure": str(metric.unit)[:20]}
        row = stored.get((metric.name, metric.version, root.path))
        top = (row_figure(metric, period, root.path, row) if row is not None else
               figure(metric.name, scope=scope, under=root.path, period=period, today=today))
        out.append(_entry(base, root, unit_of(root, root_code=code), root=True, value=top.value,
                          numerator=top.numerator, denominator=top.denominator, as_of=top.as_of or now,
                          source="live" if top.live else "stored"))
        rows = {c.pk: stored.get((metric.name, metric.version, c.path)) for c in children}
        live = _children(base, metric, period, root, [c for c in children if rows[c.pk] is None], scope, today, now)
        for child in children:
            found = rows[child.pk]
            if found is None:
                out.append(live[child.pk])
                continue
            kept = row_figure(metric, period, child.path, found)
            out.append(_entry(base, child, unit_of(child), root=False, value=kept.value, numerator=kept.numerator,
                              denominator=kept.denominator, as_of=found.computed_at, source="stored"))
    return out


def _children(base: dict[str, Any], metric: Any, period: Period, root: TradeUnion, wanted: list[TradeUnion],
              scope: Scope, today: datetime.date | None, now: datetime.datetime) -> dict[int, dict[str, Any]]:
    """The children with no stored figure, computed now in one grouped query (and one per side of a ratio)."""
    if not wanted:
        return {}
    keep = {c.pk for c in wanted}
    values = children_figures(metric.name, scope=scope, under=root.path, period=period, today=today)
    parts: dict[str, dict[int, Any]] = {}
    if metric.is_ratio:
        for side in ("numerator", "denominator"):
            parts[side] = {c.pk: v for c, v in children_figures(getattr(metric, side), scope=scope,
                                                                 under=root.path, period=period, today=today)}
    return {child.pk: _entry(base, child, unit_of(child), root=False, value=value,
                             numerator=parts.get("numerator", {}).get(child.pk),
                             denominator=parts.get("denominator", {}).get(child.pk), as_of=now, source="live")
            for child, value in values if child.pk in keep}


def decimal_or_none(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)

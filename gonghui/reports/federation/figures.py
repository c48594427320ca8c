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


def collect(*, period: Period, code: str, today: datetime.date | None = None) -> list[dict[str, Any]]:
    root = deployment_root()
    scope = Scope.all(Perm.STATS_VIEW)
    now = timezone.now()
    out: list[dict[str, Any]] = []
    for metric in all_metrics():
        base = {"metric": metric.name, "version": metric.version, "label": str(metric.label)[:100],
                "measure": str(metric.unit)[:20]}
        top = figure(metric.name, scope=scope, under=root.path, period=period, today=today)
        out.append({**base, "unit": unit_of(root, root_code=code), "unit_name": root.name, "root": True,
                    "value": _number(top.value), "numerator": _number(top.numerator),
                    "denominator": _number(top.denominator), "as_of": (top.as_of or now).isoformat()})
        values = children_figures(metric.name, scope=scope, under=root.path, period=period, today=today)
        parts: dict[str, dict[int, Any]] = {}
        if metric.is_ratio:
            for side in ("numerator", "denominator"):
                parts[side] = {c.pk: v for c, v in children_figures(getattr(metric, side), scope=scope,
                                                                     under=root.path, period=period, today=today)}
        for child, value in values:
            out.append({**base, "unit": unit_of(child), "unit_name": child.name, "root": False,
                        "value": _number(value), "numerator": _number(parts.get("numerator", {}).get(child.pk)),
                        "denominator": _number(parts.get("denominator", {}).get(child.pk)),
                        "as_of": now.isoformat()})
    return out


def decimal_or_none(text: str | None) -> Decimal | None:
    return None if text is None else Decimal(text)

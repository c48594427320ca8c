"""`{% chart "chart-class" charts.class "pie" %}`: every console chart is declared here, so each one gets
its data block, its table label, and "暂无数据" instead of an empty axis when it has nothing to plot."""

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

register = template.Library()


def has_data(data: dict[str, Any] | None) -> bool:
    """Whether a chart's data block has a value other than 0 or missing (an all-zero chart says nothing)."""
    if not data or not data.get("labels"):
        return False
    series = data.get("series") or [{"values": data.get("values") or []}]
    return any(v for s in series for v in s.get("values") or [] if v is not None)


@register.inclusion_tag("web/partials/chart.html")
def chart(chart_id: str, data: dict[str, Any] | None, kind: str = "bar") -> dict[str, Any]:
    return {"chart_id": chart_id, "data": data, "kind": kind, "has_data": has_data(data),
            "empty_label": _("暂无数据"), "table_label": _("数据表")}

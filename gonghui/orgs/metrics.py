"""The organisation tree's metrics (gonghui.core.metrics): unions standing at a period's end, and
the grassroots unions founded within it."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import TradeUnion

KIND = Dimension("kind", "kind", _("工会类型"), dict(UnionKind.choices))


def _grassroots() -> Any:
    return TradeUnion.objects.filter(level=Level.GRASSROOTS)


def standing_grassroots(period: Period) -> Any:
    """Grassroots unions founded by the period's last day (or of unknown founding date, when still
    standing) and not merged or dissolved by then."""
    founded = Q(founded_on__lte=period.end) | Q(founded_on__isnull=True, ended_on__isnull=True)
    return _grassroots().filter(founded).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=period.end))


def founded_grassroots(period: Period) -> Any:
    return _grassroots().filter(founded_on__gte=period.start, founded_on__lte=period.end)


COLUMNS = (("name", _("名称")), ("kind", _("类型")), ("founded_on", _("成立日期")), ("status", _("状态")))

register_metrics([
    Metric(
        name="unions.grassroots", label=_("基层工会组织数"), unit=_("家"),
        definition=_("期末正常存续的基层工会：成立日期不晚于期末（成立日期未录入的按现存计），且期末前未合并、未撤销。"
                     "分工会和工会小组不计。"),
        aggregation=Aggregation.COUNT, temporal=Temporal.STOCK, owner="orgs", permission=Perm.ORG_VIEW,
        rows=standing_grassroots, path_field="path", dimensions=(KIND,), row_columns=COLUMNS),
    Metric(
        name="unions.new", label=_("新建工会组织"), unit=_("家"),
        definition=_("成立日期在本期内的基层工会（含此后已合并或撤销的）。"),
        aggregation=Aggregation.COUNT, temporal=Temporal.FLOW, owner="orgs", permission=Perm.ORG_VIEW,
        rows=founded_grassroots, path_field="path", dimensions=(KIND,), row_columns=COLUMNS,
        month_field="founded_on"),
])

"""The dashboard's headline figures: each domain's few figures a union's leaders look at first, read for
a subtree and period with the same period a year earlier (同比), stored figures for a big subtree.

Three queries for a big subtree whatever the number of headlines (the subtree's size, this period's
stored figures, the year before's); a small subtree is counted live. The trend of one headline flow
over the last 12 months costs two more (the size, the stored months; or one grouped query live)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Metric, get_metric
from gonghui.core.periods import Period
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.reports.metrics.evaluate import Figure, children_figures, last_months
from gonghui.reports.metrics.stored import Trend, figures_at, stored_children, trend_at

HEADLINES: list[tuple[str, Any, list[str]]] = [
    ("org", _("组织建设"), ["unions.grassroots", "unions.new", "members.total", "members.new"]),
    ("rights", _("维权服务"), ["cases.received", "cases.on_time_rate", "cases.money_recovered"]),
    ("contracts", _("集体合同与民主管理"), ["contracts.in_force", "contracts.filing_rate", "democracy.sessions"]),
    ("aid", _("困难帮扶"), ["hardship.in_file", "aid.amount", "aid.times"]),
    ("services", _("服务职工"), ["positions.stations", "positions.visits", "activities.held", "jobs.postings"]),
    ("merit", _("建功立业与荣誉"), ["skills.competitions", "skills.apprenticeships", "honours.awards"]),
]
# The metric the children's chart opens on, and the ones it may switch to.
CHART_DEFAULT = "members.total"
# The flow the trend opens on; it may switch to any headline flow declaring its month (a stock, a
# ratio and a flow whose months do not add up to its period have no monthly trend).
TREND_DEFAULT = "members.new"


@dataclass(frozen=True)
class Card:
    metric: Metric
    now: Figure
    before: Figure

    @property
    def change(self) -> Decimal | None:
        """同比: a rate's change in percentage points, any other figure's in per cent of last year's."""
        if self.now.value is None or self.before.value is None:
            return None
        now, before = Decimal(self.now.value), Decimal(self.before.value)
        if self.metric.is_ratio:
            return (now - before).quantize(Decimal("0.1"))
        if not before:
            return None
        return ((now - before) * 100 / before).quantize(Decimal("0.1"))

    @property
    def size(self) -> Decimal | None:
        """The change without its sign: the arrow beside it says which way."""
        return None if self.change is None else abs(self.change)


def headline_names() -> list[str]:
    return [name for _key, _label, names in HEADLINES for name in names]


def dashboard(*, scope: Scope, union: TradeUnion, period: Period, today: datetime.date | None = None
              ) -> list[tuple[str, Any, list[Card]]]:
    """[(domain key, label, cards)] for the union; `scope` is the viewer's 统计查询 scope."""
    names = headline_names()
    now = figures_at(names, scope=scope, under=union.path, period=period, today=today)
    before = figures_at(names, scope=scope, under=union.path, period=period.year_ago(), today=today)
    return [(key, label, [Card(get_metric(n), now[n], before[n]) for n in group])
            for key, label, group in HEADLINES]


def children_chart(*, scope: Scope, union: TradeUnion, period: Period, name: str,
                   today: datetime.date | None = None) -> dict[str, Any]:
    """The children's figures of one metric as chart data (labels, one series), stored where kept."""
    metric = get_metric(name)
    rows = stored_children(metric, period, union) if not metric.is_ratio else None
    if rows is None:
        rows = children_figures(name, scope=scope, under=union.path, period=period, today=today)
    rows = [(child, value) for child, value in rows if child.ended_on is None]
    return {"labels": [child.name for child, _value in rows],
            "series": [{"name": str(metric.label), "unit": str(metric.unit),
                        "values": [None if v is None else float(v) for _child, v in rows]}]}


def trend_names() -> list[str]:
    return [name for name in headline_names() if get_metric(name).month_field]


def trend_chart(*, scope: Scope, union: TradeUnion, name: str, today: datetime.date,
                stored_above: int | None = None) -> tuple[Trend, dict[str, Any]]:
    """The last 12 months of one headline flow for the subtree, and the same as line-chart data."""
    trend = trend_at(name, scope=scope, under=union.path, months=last_months(today), today=today,
                     stored_above=stored_above)
    metric = trend.metric
    return trend, {"labels": [p.key for p, _v in trend.months],
                   "series": [{"name": str(metric.label), "unit": str(metric.unit), "type": "line",
                               "values": [None if v is None else float(v) for _p, v in trend.months]}]}

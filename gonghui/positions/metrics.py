"""服务阵地 metrics (gonghui.core.metrics): a position belongs to the union that runs it; a visit
to the position's union."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.positions.choices import PositionStatus
from gonghui.positions.models import PositionVisit, ServicePosition

LIBRARY = "library"  # the seeded kind code of 职工书屋
KIND = Dimension("kind", "kind__name", _("阵地类型"))
VISIT_KIND = Dimension("kind", "position__kind__name", _("阵地类型"))
SERVICE = Dimension("service", "service__name", _("使用的服务"))
COLUMNS = (("name", _("名称")), ("kind__name", _("阵地类型")), ("address", _("详细地址")), ("opened_on", _("启用日期")),
           ("status", _("状态")))


def standing(period: Period) -> Any:
    """Opened by the period's end and not closed (a closing date is not recorded, so a closed position
    is left out of every period)."""
    return ServicePosition.objects.filter(opened_on__lte=period.end).exclude(status=PositionStatus.CLOSED)


def new_libraries(period: Period) -> Any:
    return ServicePosition.objects.filter(kind_id=LIBRARY, opened_on__gte=period.start, opened_on__lte=period.end)


def visits(period: Period) -> Any:
    return PositionVisit.objects.filter(day__gte=period.start, day__lte=period.end)


_COMMON: dict[str, Any] = {"owner": "positions", "permission": Perm.POSITION_VIEW, "aggregation": Aggregation.COUNT}

register_metrics([
    Metric(name="positions.stations", label=_("服务阵地"), unit=_("个"), temporal=Temporal.STOCK, rows=standing,
           dimensions=(KIND,), row_columns=COLUMNS,
           definition=_("期末已启用、未关闭的服务阵地（职工之家、职工书屋、户外劳动者服务站点、母婴室等），"
                        "暂停开放的也计；已关闭的在任何期间都不计（系统不记录关闭日期）。"), **_COMMON),
    Metric(name="positions.new_libraries", label=_("新建职工书屋"), unit=_("家"), temporal=Temporal.FLOW,
           rows=new_libraries, row_columns=COLUMNS,
           definition=_("启用日期在本期内的职工书屋（含此后关闭的）。"), **_COMMON),
    Metric(name="positions.visits", label=_("阵地服务人次"), unit=_("人次"), temporal=Temporal.FLOW, rows=visits,
           dimensions=(VISIT_KIND, SERVICE),
           row_columns=(("position__name", _("服务阵地")), ("day", _("日期")), ("service__name", _("使用的服务"))),
           row_link_field="position_id", month_field="day",
           definition=_("本期内在服务阵地扫码登记的到访人次；同一人同一天在同一阵地只登记一次。"), **_COMMON),
])

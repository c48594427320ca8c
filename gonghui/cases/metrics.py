"""维权 metrics (gonghui.core.metrics), counted as the 维权 statistics page counts them
(gonghui.cases.dashboard): a case belongs to the period it was received in and to its handling union."""

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Category, Channel, Kind, Line, Status
from gonghui.cases.dashboard import DONE
from gonghui.cases.models import Case
from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm

KIND = Dimension("kind", "kind", _("诉求类型"), dict(Kind.choices))
CHANNEL = Dimension("channel", "channel", _("来源渠道"), dict(Channel.choices))
LINE = Dimension("line", "line", _("业务条线"), dict(Line.choices))
CATEGORY = Dimension("category", "category", _("问题类别"), dict(Category.choices))
STATUS = Dimension("status", "status", _("状态"), dict(Status.choices))
COLUMNS = (("number", _("案件编号")), ("received_at", _("受理时间")), ("kind", _("诉求类型")),
           ("channel", _("来源渠道")), ("status", _("状态")), ("handling_union__name", _("承办工会")))


def received(period: Period) -> Any:
    first, after = period.moments()
    return Case.objects.filter(received_at__gte=first, received_at__lt=after)


def resolved(period: Period) -> Any:
    return received(period).filter(status__in=DONE)


def resolved_on_time(period: Period) -> Any:
    return resolved(period).filter(due_at__isnull=False, resolved_at__lte=F("due_at"))


_COMMON: dict[str, Any] = {"owner": "cases", "permission": Perm.CASE_VIEW, "temporal": Temporal.FLOW,
                           "row_columns": COLUMNS}

register_metrics([
    Metric(name="cases.received", label=_("受理案件"), unit=_("件"), aggregation=Aggregation.COUNT,
           definition=_("受理时间在本期内的维权案件（12351热线、调解、法律援助、信访各条线，含来电、网上、来访、"
                        "上级转办），计入承办工会。重复来电各自立案的分别计。"),
           rows=received, dimensions=(KIND, CHANNEL, LINE, CATEGORY, STATUS), month_field="received_at", **_COMMON),
    Metric(name="cases.resolved", label=_("办结案件"), unit=_("件"), aggregation=Aggregation.COUNT,
           definition=_("本期受理、现已办结（已办结、已回访、已归档）的案件；本期受理但尚在办理的不计，"
                        "上期受理本期办结的计入上期。"),
           rows=resolved, dimensions=(KIND, CHANNEL, LINE, CATEGORY), **_COMMON),
    Metric(name="cases.resolved_on_time", label=_("按时办结案件"), unit=_("件"), aggregation=Aggregation.COUNT,
           definition=_("本期受理的办结案件中，办结时间不晚于办结时限的；未设时限的不计。"),
           rows=resolved_on_time, dimensions=(KIND, CHANNEL, LINE), **_COMMON),
    Metric(name="cases.on_time_rate", label=_("按时办结率"), unit="%", aggregation=Aggregation.RATIO,
           decimals=1, scale=100, numerator="cases.resolved_on_time", denominator="cases.resolved",
           definition=_("按时办结案件占办结案件的百分比（本期受理的案件）；没有办结案件时无此比率（显示“—”）。"),
           dimensions=(KIND, CHANNEL, LINE), **_COMMON),
    Metric(name="cases.closure_rate", label=_("办结率"), unit="%", aggregation=Aggregation.RATIO,
           decimals=1, scale=100, numerator="cases.resolved", denominator="cases.received",
           definition=_("本期受理的案件中现已办结的百分比（办结案件 / 受理案件）；没有受理案件时无此比率（显示“—”）。"),
           dimensions=(KIND, CHANNEL, LINE), **_COMMON),
    Metric(name="cases.money_recovered", label=_("挽回经济损失"), unit=_("元"), aggregation=Aggregation.SUM,
           value_field="money_recovered", decimals=2,
           definition=_("本期受理、已办结案件登记的挽回经济损失（追回欠薪等）合计，单位元，保留两位小数；"
                        "未办结案件登记的金额不计。"),
           rows=resolved, dimensions=(KIND, LINE, CATEGORY), month_field="received_at", **_COMMON),
    Metric(name="cases.people_helped", label=_("涉及职工人次"), unit=_("人次"), aggregation=Aggregation.SUM,
           value_field="people_helped",
           definition=_("本期受理、已办结案件登记的涉及人数合计；同一职工在多件案件中分别计。"),
           rows=resolved, dimensions=(KIND, LINE, CATEGORY), **_COMMON),
])

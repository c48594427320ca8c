"""集体合同 metrics (gonghui.core.metrics), counted as the contracts figures page counts them
(gonghui.contracts.figures): a contract belongs to the union that signed it for the workers."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import ENDED, IN_FORCE, Reach
from gonghui.contracts.models import CollectiveContract
from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm

KIND = Dimension("kind", "kind__name", _("合同种类"))
REACH = Dimension("reach", "reach", _("覆盖范围"), dict(Reach.choices))
COLUMNS = (("title", _("合同名称")), ("kind__name", _("合同种类")), ("reach", _("覆盖范围")),
           ("employer_side", _("用人单位方")), ("signed_on", _("签订日期")), ("workers_covered", _("覆盖职工人数")),
           ("status", _("状态")))
# Once in force, a contract stays counted for the days it was in force, whatever its status now.
WAS_IN_FORCE = (*IN_FORCE, *ENDED)


def in_force(period: Period) -> Any:
    """In force on the period's last day (or today): effective by then, its term not over, not ended early."""
    day = period.end
    return (CollectiveContract.objects.filter(status__in=WAS_IN_FORCE, effective_on__lte=day)
            .filter(Q(end_on__isnull=True) | Q(end_on__gte=day)).filter(Q(ended_on__isnull=True) | Q(ended_on__gt=day)))


def wage_in_force(period: Period) -> Any:
    return in_force(period).filter(kind__is_wage=True)


def signed(period: Period) -> Any:
    return CollectiveContract.objects.filter(signed_on__gte=period.start, signed_on__lte=period.end)


def signed_filed(period: Period) -> Any:
    return signed(period).filter(filed_on__isnull=False)


_COMMON: dict[str, Any] = {"owner": "contracts", "permission": Perm.CONTRACT_VIEW, "row_columns": COLUMNS}

register_metrics([
    Metric(name="contracts.in_force", label=_("有效集体合同"), unit=_("份"), aggregation=Aggregation.COUNT,
           temporal=Temporal.STOCK, rows=in_force, dimensions=(KIND, REACH),
           definition=_("期末（或今日，取较早者）有效的集体合同（含专项合同、区域性和行业性合同）：已生效，"
                        "期限未届满，未提前终止。协商中、审查中的不计。"), **_COMMON),
    Metric(name="contracts.workers_covered", label=_("集体合同覆盖职工"), unit=_("人"),
           aggregation=Aggregation.SUM, value_field="workers_covered", temporal=Temporal.STOCK, rows=in_force,
           dimensions=(KIND, REACH),
           definition=_("期末有效集体合同登记的覆盖职工人数合计。同一单位同时被本单位合同和区域性（行业性）合同覆盖时"
                        "分别计入，因此可能高于统计页按单位去重的覆盖人数。"), **_COMMON),
    Metric(name="contracts.wage_in_force", label=_("有效工资专项集体合同"), unit=_("份"),
           aggregation=Aggregation.COUNT, temporal=Temporal.STOCK, rows=wage_in_force, dimensions=(REACH,),
           definition=_("期末有效、合同种类为工资专项集体合同的份数。"), **_COMMON),
    Metric(name="contracts.signed", label=_("新签集体合同"), unit=_("份"), aggregation=Aggregation.COUNT,
           temporal=Temporal.FLOW, rows=signed, dimensions=(KIND, REACH),
           definition=_("签订日期在本期内的集体合同（含续签）。"), **_COMMON),
    Metric(name="contracts.filed", label=_("报送审查的集体合同"), unit=_("份"), aggregation=Aggregation.COUNT,
           temporal=Temporal.FLOW, rows=signed_filed, dimensions=(KIND, REACH),
           definition=_("本期签订、已报送人力资源社会保障部门（登记了收到日期）的集体合同，"
                        "逾期报送的也计。"), **_COMMON),
    Metric(name="contracts.filing_rate", label=_("集体合同备案率"), unit="%", aggregation=Aggregation.RATIO,
           temporal=Temporal.FLOW, decimals=1, scale=100, numerator="contracts.filed",
           denominator="contracts.signed", dimensions=(KIND, REACH),
           definition=_("本期签订的集体合同中已报送审查的百分比；本期没有签订合同时无此比率（显示“—”）。"), **_COMMON),
])

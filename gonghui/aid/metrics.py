"""Aid metrics (gonghui.core.metrics), counted as the aid figures page counts them
(gonghui.aid.figures, gonghui.aid.amounts): only grants paid (已发放), by the day they were paid,
in the union whose batch paid them."""

from typing import Any

from django.db.models import F
from django.utils.translation import gettext_lazy as _

from gonghui.aid.amounts import paid_grants
from gonghui.aid.choices import ProgrammeKind, RecipientGroup
from gonghui.aid.models import AidGrant
from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm

PROGRAMME = Dimension("programme_kind", "programme__kind", _("帮扶项目类别"), dict(ProgrammeKind.choices))
GROUP = Dimension("group", "group", _("对象类别"), dict(RecipientGroup.choices))
COLUMNS = (("name", _("姓名")), ("id_masked", _("证件号码")), ("programme__name", _("帮扶项目")),
           ("group", _("对象类别")), ("paid_on", _("到账日期")), ("paid_amount", _("金额（元）")))


def grants_paid(period: Period) -> Any:
    return (paid_grants(AidGrant.objects.all()).filter(paid_on__gte=period.start, paid_on__lte=period.end)
            .annotate(paid_amount=F("cash") + F("goods_value")))


_COMMON: dict[str, Any] = {"owner": "aid", "permission": Perm.AID_MANAGE, "temporal": Temporal.FLOW,
                           "rows": grants_paid, "dimensions": (PROGRAMME, GROUP), "row_columns": COLUMNS,
                           "month_field": "paid_on"}

register_metrics([
    Metric(name="aid.times", label=_("帮扶人次"), unit=_("人次"), aggregation=Aggregation.COUNT,
           definition=_("到账日期在本期内、状态为已发放的帮扶发放记录数（送温暖、金秋助学、夏送清凉、医疗救助、"
                        "生活救助、困难劳模帮扶及自设项目）；同一人多次受助分别计。发放失败、已取消和待发放的不计。"),
           **_COMMON),
    Metric(name="aid.people", label=_("帮扶人数"), unit=_("人"), aggregation=Aggregation.DISTINCT,
           value_field="person_index",
           definition=_("本期内得到已发放帮扶的不同人数（按证件号码识别，无证件号码的按手机号），一人多次受助计一人；"
                        "上级汇总时跨工会受助的同一人也只计一次。"), **_COMMON),
    Metric(name="aid.amount", label=_("帮扶金额"), unit=_("元"), aggregation=Aggregation.SUM, value_field="paid_amount",
           decimals=2,
           definition=_("本期内已发放帮扶的现金与折价物资合计，单位元，保留两位小数（统计页以万元显示）；"
                        "审批通过但未发放的不计。"), **_COMMON),
])

"""职工互助保障 metrics (gonghui.core.metrics): enrolments by the day their cover began, claims by
the day they were paid; both belong to the member's union as enrolled."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.mutualaid.choices import ClaimKind, ClaimStatus, EnrolmentStatus, PlanKind
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment

PLAN_KIND = Dimension("plan_kind", "plan__kind", _("保障类别"), dict(PlanKind.choices))
CLAIM_KIND = Dimension("claim_kind", "kind", _("给付类别"), dict(ClaimKind.choices))
ENROLMENT_COLUMNS = (("member__name", _("姓名")), ("plan__name", _("互助计划")), ("covered_from", _("保障开始日期")),
                     ("premium", _("互助金（元）")))
CLAIM_COLUMNS = (("member__name", _("姓名")), ("plan__name", _("互助计划")), ("kind", _("给付类别")),
                 ("paid_on", _("给付日期")), ("amount_approved", _("核定金额（元）")))


def enrolled(period: Period) -> Any:
    return MutualAidEnrolment.objects.filter(status=EnrolmentStatus.ACTIVE, covered_from__gte=period.start,
                                             covered_from__lte=period.end)


def claims_paid(period: Period) -> Any:
    return MutualAidClaim.objects.filter(status=ClaimStatus.PAID, paid_on__gte=period.start, paid_on__lte=period.end)


_COMMON: dict[str, Any] = {"owner": "mutualaid", "permission": Perm.MUTUAL_AID_MANAGE, "temporal": Temporal.FLOW}

register_metrics([
    Metric(name="mutualaid.enrolled", label=_("参保人次"), unit=_("人次"), aggregation=Aggregation.COUNT,
           definition=_("保障开始日期在本期内的有效参保记录（已退保的不计）；同一人参加多个互助计划分别计。"
                        "互助保障统计页按保障年度统计，按自然年查询时两者一致，除非计划跨年起保。"),
           rows=enrolled, dimensions=(PLAN_KIND,), row_columns=ENROLMENT_COLUMNS, row_link_field="member_id",
           **_COMMON),
    Metric(name="mutualaid.premiums", label=_("互助金收入"), unit=_("元"), aggregation=Aggregation.SUM,
           value_field="premium", decimals=2,
           definition=_("保障开始日期在本期内的有效参保记录的互助金合计，单位元。"),
           rows=enrolled, dimensions=(PLAN_KIND,), row_columns=ENROLMENT_COLUMNS, row_link_field="member_id",
           **_COMMON),
    Metric(name="mutualaid.claims_paid", label=_("赔付人次"), unit=_("人次"), aggregation=Aggregation.COUNT,
           definition=_("给付日期在本期内、状态为已给付的互助给付申请；已批准未给付、拒付的不计。"),
           rows=claims_paid, dimensions=(CLAIM_KIND, PLAN_KIND), row_columns=CLAIM_COLUMNS,
           row_link_field="member_id", **_COMMON),
    Metric(name="mutualaid.paid_amount", label=_("赔付金额"), unit=_("元"), aggregation=Aggregation.SUM,
           value_field="amount_approved", decimals=2,
           definition=_("给付日期在本期内的已给付申请的核定金额合计，单位元，保留两位小数。"),
           rows=claims_paid, dimensions=(CLAIM_KIND, PLAN_KIND), row_columns=CLAIM_COLUMNS,
           row_link_field="member_id", **_COMMON),
])

"""会员普惠 metrics (gonghui.core.metrics), counted as the benefits figures page counts them
(gonghui.benefits.figures): a voucher belongs to the union whose offer it was issued under."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.benefits.choices import OfferKind, VoucherChannel, VoucherStatus
from gonghui.benefits.models import Voucher
from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm

KIND = Dimension("kind", "offer__kind", _("优惠类型"), dict(OfferKind.choices))
CHANNEL = Dimension("channel", "channel", _("来源"), dict(VoucherChannel.choices))
COLUMNS = (("offer__title", _("优惠名称")), ("offer__merchant__name", _("商户")), ("member__name", _("会员")),
           ("issued_at", _("发放时间")), ("status", _("状态")))


def issued(period: Period) -> Any:
    first, after = period.moments()
    return Voucher.objects.filter(issued_at__gte=first, issued_at__lt=after).exclude(status=VoucherStatus.VOID)


def redeemed(period: Period) -> Any:
    first, after = period.moments()
    return Voucher.objects.filter(redeemed_at__gte=first, redeemed_at__lt=after)


_COMMON: dict[str, Any] = {"owner": "benefits", "permission": Perm.BENEFITS_VIEW, "temporal": Temporal.FLOW,
                           "path_field": "offer__org_path", "dimensions": (KIND, CHANNEL), "row_columns": COLUMNS,
                           "row_link_field": "member_id"}

register_metrics([
    Metric(name="benefits.issued", label=_("发放优惠券"), unit=_("张"), aggregation=Aggregation.COUNT, rows=issued,
           definition=_("发放时间在本期内的优惠券（会员领取和工会发放），已作废的不计。"), **_COMMON),
    Metric(name="benefits.redeemed", label=_("核销优惠券"), unit=_("张"), aggregation=Aggregation.COUNT,
           rows=redeemed, definition=_("核销时间在本期内的优惠券（无论何时发放）。"), **_COMMON),
    Metric(name="benefits.redemption_rate", label=_("核销率"), unit="%", aggregation=Aggregation.RATIO, decimals=1,
           scale=100, numerator="benefits.redeemed", denominator="benefits.issued",
           definition=_("本期核销张数占本期发放张数的百分比（与普惠统计页一致；跨期发放的券可使比率超过100%）；"
                        "本期没有发放时无此比率（显示“—”）。"),
           **{k: v for k, v in _COMMON.items() if k != "row_link_field"}),
])

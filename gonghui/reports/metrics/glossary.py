"""The glossary's words: each domain's name and each roll-up rule said plainly, for the 指标说明 page
and GET /api/v1/metrics."""

from itertools import groupby
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Metric, Temporal, all_metrics, get_metric

DOMAINS: dict[str, Any] = {
    "orgs": _("组织建设"), "members": _("会员"), "cases": _("维权服务"), "assistance": _("困难职工帮扶"),
    "aid": _("帮扶发放"), "mutualaid": _("职工互助保障"), "contracts": _("集体合同"), "democracy": _("民主管理"),
    "honours": _("评先评优"), "skills": _("建功立业"), "positions": _("服务阵地"), "activities": _("工会活动"),
    "jobs": _("就业服务"), "benefits": _("会员普惠"),
}
# The order a report takes its areas in.
ORDER = list(DOMAINS)


def rollup_words(metric: Metric) -> str:
    if metric.aggregation == Aggregation.RATIO:
        return str(_("比率：上级的比率是“%(num)s”合计除以“%(den)s”合计，不是下级比率的平均。") % {
            "num": get_metric(metric.numerator).label, "den": get_metric(metric.denominator).label})
    if metric.aggregation == Aggregation.DISTINCT:
        return str(_("按不同对象计数：同一对象在上级只计一次，上级的数可能小于各下级之和。"))
    if metric.aggregation == Aggregation.SUM:
        return str(_("逐级相加：上级的数是本级直属和各下级的合计。"))
    return str(_("逐级相加：上级的数是本级直属和各下级的条数之和。"))


def temporal_words(metric: Metric) -> str:
    if metric.temporal == Temporal.STOCK:
        return str(_("时点数：期末（本期未结束时为今日）的数。"))
    return str(_("期间数：本期内发生的数。"))


def glossary() -> list[tuple[str, Any, list[Metric]]]:
    """(owner, the domain's name, its metrics) in report order."""
    metrics = sorted(all_metrics(), key=lambda m: (ORDER.index(m.owner) if m.owner in ORDER else 99, m.name))
    return [(owner, DOMAINS.get(owner, owner), list(group)) for owner, group in groupby(metrics, key=lambda m: m.owner)]

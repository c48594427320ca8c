"""Hardship registry metrics (gonghui.core.metrics), counted in 户 (one file per household) as the
hardship dashboard counts them (gonghui.assistance.dashboard); a file belongs to the union that filed it."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import HardshipClass, Status
from gonghui.assistance.models import HardshipFile
from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm

CLASS = Dimension("hardship_class", "hardship_class", _("困难类别"), dict(HardshipClass.choices))
COLUMNS = (("number", _("档案编号")), ("worker_name", _("职工姓名")), ("worker_id_masked", _("证件号码")),
           ("hardship_class", _("困难类别")), ("filed_at", _("建档时间")), ("status", _("状态")))
NEVER_FILED = (Status.REJECTED, Status.WITHDRAWN)


def in_file(period: Period) -> Any:
    """Files standing in the registry on the period's last day: filed by then, not yet out of
    hardship (解困脱困) and not closed by then."""
    _first, after = period.moments()
    return (HardshipFile.objects.filter(filed_at__lt=after).exclude(status__in=NEVER_FILED)
            .filter(Q(exited_at__isnull=True) | Q(exited_at__gte=after))
            .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=after)))


def filed(period: Period) -> Any:
    first, after = period.moments()
    return HardshipFile.objects.filter(filed_at__gte=first, filed_at__lt=after)


def exited(period: Period) -> Any:
    first, after = period.moments()
    return HardshipFile.objects.filter(exited_at__gte=first, exited_at__lt=after)


_COMMON: dict[str, Any] = {"owner": "assistance", "permission": Perm.HARDSHIP_VIEW, "aggregation": Aggregation.COUNT,
                           "unit": _("户"), "dimensions": (CLASS,), "row_columns": COLUMNS}

register_metrics([
    Metric(name="hardship.in_file", label=_("在档困难职工户数"), temporal=Temporal.STOCK, rows=in_file,
           definition=_("期末（或今日，取较早者）在档的困难职工家庭：建档时间不晚于期末，期末时尚未解困脱困、"
                        "档案未关闭。摸底、审核中和未通过的不计；解困脱困后监测中的不计。"), **_COMMON),
    Metric(name="hardship.filed", label=_("新建档困难职工户数"), temporal=Temporal.FLOW, rows=filed,
           definition=_("建档时间在本期内的困难职工家庭（含返困后重新建档的）。"), **_COMMON),
    Metric(name="hardship.exited", label=_("解困脱困户数"), temporal=Temporal.FLOW, rows=exited,
           definition=_("解困脱困时间在本期内的困难职工家庭（此后返困的仍计入本期）。"), **_COMMON),
])

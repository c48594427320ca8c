"""荣誉 metrics (gonghui.core.metrics): awards conferred, by the date of the decision, in the union
that nominated the awardee."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.honours.choices import AwardLevel, NomineeType
from gonghui.honours.models import Award

KIND = Dimension("kind", "kind__name", _("荣誉种类"))
LEVEL = Dimension("level", "level", _("级别"), dict(AwardLevel.choices))
NOMINEE = Dimension("nominee_type", "nominee_type", _("对象类型"), dict(NomineeType.choices))


def conferred(period: Period) -> Any:
    """Decided within the period and not revoked by its end (a later revocation does not rewrite the past)."""
    return (Award.objects.filter(decided_on__gte=period.start, decided_on__lte=period.end)
            .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=period.end)))


register_metrics([
    Metric(name="honours.awards", label=_("获得表彰"), unit=_("项"), aggregation=Aggregation.COUNT,
           temporal=Temporal.FLOW, owner="honours", permission=Perm.HONOURS_VIEW, rows=conferred,
           dimensions=(KIND, LEVEL, NOMINEE),
           row_columns=(("name", _("姓名/集体名称")), ("kind__name", _("荣誉种类")), ("level", _("级别")),
                        ("employer_name", _("工作单位")), ("decided_on", _("表彰决定日期"))),
           definition=_("表彰决定日期在本期内的荣誉（个人、集体、班组各计一项），计入推荐工会；"
                        "在期末前已撤销的不计。")),
])

"""就业服务 metrics (gonghui.core.metrics), counted as the job fair figures page counts them
(gonghui.jobs.figures): a posting belongs to its employer's union, a fair to the union holding it."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.jobs.choices import FairMode, FairStatus, PostingSource
from gonghui.jobs.models import FairEmployer, JobFair, JobPosting

SOURCE = Dimension("source", "source", _("来源"), dict(PostingSource.choices))
MODE = Dimension("mode", "mode", _("形式"), dict(FairMode.choices))
FAIR_MODE = Dimension("mode", "fair__mode", _("形式"), dict(FairMode.choices))
FAIR_COLUMNS = (("title", _("招聘会名称")), ("mode", _("形式")), ("held_on", _("举办日期")),
                ("place", _("举办地点/平台")),
                ("visitors", _("入场求职人数")), ("intentions", _("达成就业意向人数")))


def published(period: Period) -> Any:
    first, after = period.moments()
    return JobPosting.objects.filter(published_at__gte=first, published_at__lt=after)


def fairs(period: Period) -> Any:
    return (JobFair.objects.filter(held_on__gte=period.start, held_on__lte=period.end)
            .exclude(status=FairStatus.CANCELLED))


def fair_employers(period: Period) -> Any:
    return FairEmployer.objects.filter(fair__held_on__gte=period.start, fair__held_on__lte=period.end).exclude(
        fair__status=FairStatus.CANCELLED)


_COMMON: dict[str, Any] = {"owner": "jobs", "permission": Perm.JOBS_VIEW, "temporal": Temporal.FLOW}
POSTING_COLUMNS = (("title", _("岗位名称")), ("employer__name", _("用人单位")), ("places", _("招聘人数")),
                   ("published_at", _("发布时间")), ("status", _("状态")))

register_metrics([
    Metric(name="jobs.postings", label=_("发布岗位"), unit=_("个"), aggregation=Aggregation.COUNT, rows=published,
           dimensions=(SOURCE,), row_columns=POSTING_COLUMNS, month_field="published_at",
           definition=_("首次发布时间在本期内的招聘岗位（审核通过后发布，此后下架或过期的也计）；待审核、退回的不计。"),
           **_COMMON),
    Metric(name="jobs.places", label=_("发布岗位招聘人数"), unit=_("人"), aggregation=Aggregation.SUM,
           value_field="places", rows=published, dimensions=(SOURCE,), row_columns=POSTING_COLUMNS,
           definition=_("本期发布岗位的招聘人数合计。"), **_COMMON),
    Metric(name="jobs.fairs", label=_("举办招聘会"), unit=_("场次"), aggregation=Aggregation.COUNT, rows=fairs,
           dimensions=(MODE,), row_columns=FAIR_COLUMNS,
           definition=_("举办日期在本期内、未取消的现场和网络招聘会（含筹备中的），计入主办工会。"), **_COMMON),
    Metric(name="jobs.fair_employers", label=_("进场企业"), unit=_("家"), aggregation=Aggregation.DISTINCT,
           value_field="employer_id", rows=fair_employers, path_field="fair__org_path", dimensions=(FAIR_MODE,),
           row_columns=(("employer__name", _("用人单位")), ("fair__title", _("招聘会名称")),
                        ("fair__held_on", _("举办日期"))),
           definition=_("本期招聘会登记进场的不同用人单位数；同一单位参加多场计一家（招聘会统计页按场次累加，"
                        "故可能多于本数）。"), **_COMMON),
    Metric(name="jobs.intentions", label=_("达成就业意向"), unit=_("人"), aggregation=Aggregation.SUM,
           value_field="intentions", rows=fairs, dimensions=(MODE,), row_columns=FAIR_COLUMNS,
           definition=_("本期招聘会登记的达成就业意向人数合计。"), **_COMMON),
])

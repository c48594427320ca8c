"""民主管理 metrics (gonghui.core.metrics), counted as the democracy figures page counts them
(gonghui.democracy.figures): each record belongs to the union of the employer it concerns."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.democracy.choices import CongressForm, DisclosureCategory, DisclosureChannel
from gonghui.democracy.models import CongressSession, Disclosure, WorkersCongress

FORM = Dimension("form", "form", _("形式"), dict(CongressForm.choices))
SESSION_FORM = Dimension("form", "term__congress__form", _("形式"), dict(CongressForm.choices))
CATEGORY = Dimension("category", "category", _("公开类别"), dict(DisclosureCategory.choices))
CHANNEL = Dimension("channel", "channel", _("公开形式"), dict(DisclosureChannel.choices))


def congresses(period: Period) -> Any:
    return WorkersCongress.objects.filter(established_on__lte=period.end)


def sessions(period: Period) -> Any:
    return CongressSession.objects.filter(held_on__gte=period.start, held_on__lte=period.end)


def disclosures(period: Period) -> Any:
    first, after = period.moments()
    return Disclosure.objects.filter(published_at__gte=first, published_at__lt=after)


_COMMON: dict[str, Any] = {"owner": "democracy", "permission": Perm.DEMOCRACY_VIEW}
DISCLOSURE_COLUMNS = (("title", _("标题")), ("employer__name", _("用人单位")), ("category", _("公开类别")),
                      ("channel", _("公开形式")), ("published_at", _("发布时间")))

register_metrics([
    Metric(name="democracy.congresses", label=_("建立职代会制度的单位"), unit=_("家"), aggregation=Aggregation.COUNT,
           temporal=Temporal.STOCK, rows=congresses, dimensions=(FORM,),
           row_columns=(("employer__name", _("用人单位")), ("form", _("形式")), ("established_on", _("建制日期"))),
           definition=_("建制日期不晚于期末的职工代表大会（含全体职工大会）制度，每个单位一项。"), **_COMMON),
    Metric(name="democracy.sessions", label=_("召开职代会"), unit=_("次"), aggregation=Aggregation.COUNT,
           temporal=Temporal.FLOW, rows=sessions, dimensions=(SESSION_FORM,), month_field="held_on",
           row_columns=(("title", _("会议名称")), ("term__congress__employer__name", _("用人单位")),
                        ("held_on", _("召开日期"))),
           definition=_("召开日期在本期内的职工代表大会（全体职工大会）会议，含临时会议。"), **_COMMON),
    Metric(name="democracy.disclosures", label=_("厂务公开事项"), unit=_("项"), aggregation=Aggregation.COUNT,
           temporal=Temporal.FLOW, rows=disclosures, dimensions=(CATEGORY, CHANNEL), row_columns=DISCLOSURE_COLUMNS,
           definition=_("发布时间在本期内的厂务公开事项；草稿未发布的不计。"), **_COMMON),
    Metric(name="democracy.disclosing_units", label=_("开展厂务公开的单位"), unit=_("家"),
           aggregation=Aggregation.DISTINCT, value_field="employer_id", temporal=Temporal.FLOW, rows=disclosures,
           dimensions=(CATEGORY, CHANNEL), row_columns=DISCLOSURE_COLUMNS,
           definition=_("本期内发布过至少一项厂务公开事项的不同用人单位数。"), **_COMMON),
])

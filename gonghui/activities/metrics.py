"""工会活动 metrics (gonghui.core.metrics), counted as the activities figures page counts them
(gonghui.activities.figures): an activity and its attendance belong to the organising union."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.activities.choices import ActivityKind, SignUpStatus
from gonghui.activities.figures import HELD
from gonghui.activities.models import Activity, SignUp
from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm

KIND = Dimension("kind", "kind", _("活动类型"), dict(ActivityKind.choices))
ATTENDANCE_KIND = Dimension("kind", "activity__kind", _("活动类型"), dict(ActivityKind.choices))
ATTENDANCE_COLUMNS = (("name", _("姓名")), ("activity__title", _("活动名称")),
                      ("activity__starts_at", _("活动开始时间")),
                      ("checked_in_at", _("签到时间")))


def held(period: Period) -> Any:
    first, after = period.moments()
    return Activity.objects.filter(status__in=HELD, starts_at__gte=first, starts_at__lt=after)


def checked_in(period: Period) -> Any:
    first, after = period.moments()
    return SignUp.objects.filter(status=SignUpStatus.CHECKED_IN, activity__status__in=HELD,
                                 activity__starts_at__gte=first, activity__starts_at__lt=after)


def members_checked_in(period: Period) -> Any:
    return checked_in(period).filter(member__isnull=False)


_COMMON: dict[str, Any] = {"owner": "activities", "permission": Perm.ACTIVITY_VIEW, "temporal": Temporal.FLOW}

register_metrics([
    Metric(name="activities.held", label=_("开展活动"), unit=_("场次"), aggregation=Aggregation.COUNT, rows=held,
           dimensions=(KIND,), month_field="starts_at",
           row_columns=(("title", _("活动名称")), ("kind", _("活动类型")), ("starts_at", _("活动开始时间")),
                        ("address", _("活动地点"))),
           definition=_("开始时间在本期内、已发布且未取消的活动（报名中、已截止、已结束），计入主办工会。"), **_COMMON),
    Metric(name="activities.attendance", label=_("活动参与人次"), unit=_("人次"), aggregation=Aggregation.COUNT,
           rows=checked_in, path_field="activity__org_path", dimensions=(ATTENDANCE_KIND,),
           row_columns=ATTENDANCE_COLUMNS,
           definition=_("本期开展的活动中已签到的人次（含现场签到的非会员）；报名未到、取消、候补的不计。"), **_COMMON),
    Metric(name="activities.members_reached", label=_("活动覆盖会员"), unit=_("人"), aggregation=Aggregation.DISTINCT,
           value_field="member_id", rows=members_checked_in, path_field="activity__org_path",
           dimensions=(ATTENDANCE_KIND,), row_columns=ATTENDANCE_COLUMNS, row_link_field="member_id",
           definition=_("本期开展的活动中签到过至少一次的不同会员人数；非会员不计，一人参加多场计一人。"), **_COMMON),
])

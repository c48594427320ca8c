"""Membership metrics (gonghui.core.metrics), read from membership periods so that any past date
has its figure: a membership counts from its join date until the day it ended."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.members.choices import EmploymentForm, Gender, Household, JoinChannel
from gonghui.members.models import Membership

GENDER = Dimension("gender", "member__gender", _("性别"), dict(Gender.choices))
EMPLOYMENT = Dimension("employment_form", "member__employment_form", _("用工形式"), dict(EmploymentForm.choices))
CHANNEL = Dimension("channel", "channel", _("入会方式"), dict(JoinChannel.choices))
COLUMNS = (("member__name", _("姓名")), ("member__id_masked", _("证件号码")), ("join_date", _("入会日期")),
           ("channel", _("入会方式")), ("union__name", _("所在工会")))


def memberships_standing(period: Period) -> Any:
    """Memberships held on the period's last day: joined by then, not ended by then (a membership
    ended on that day has passed to the next one, which counts instead)."""
    return Membership.objects.filter(join_date__lte=period.end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=period.end))


def memberships_new(period: Period) -> Any:
    """Joinings within the period; a transfer in carries a membership, it does not make a member."""
    return Membership.objects.filter(join_date__gte=period.start, join_date__lte=period.end).exclude(
        channel=JoinChannel.TRANSFER)


def women_standing(period: Period) -> Any:
    return memberships_standing(period).filter(member__gender=Gender.FEMALE)


def migrants_standing(period: Period) -> Any:
    """农民工 (Member.is_migrant): a rural household registration."""
    return memberships_standing(period).filter(member__household=Household.RURAL)


register_metrics([
    Metric(
        name="members.total", label=_("会员人数"), unit=_("人"),
        definition=_("期末持有会籍（含保留会籍）的人数：入会日期不晚于期末、期末时会籍尚未终止。会籍接转当日计入转入工会。"),
        aggregation=Aggregation.DISTINCT, value_field="member_id", temporal=Temporal.STOCK, owner="members",
        permission=Perm.MEMBER_VIEW, rows=memberships_standing, dimensions=(GENDER, EMPLOYMENT, CHANNEL),
        row_columns=COLUMNS, row_link_field="member_id"),
    Metric(
        name="members.new", label=_("新发展会员"), unit=_("人"),
        definition=_("入会日期在本期内的人数（网上申请、扫码、集体登记、流动窗口、工会登记入会）；会籍接转转入不计。"
                     "同一人在本期内退会后再入会只计一次。"),
        aggregation=Aggregation.DISTINCT, value_field="member_id", temporal=Temporal.FLOW, owner="members",
        permission=Perm.MEMBER_VIEW, rows=memberships_new, dimensions=(GENDER, EMPLOYMENT, CHANNEL),
        row_columns=COLUMNS, row_link_field="member_id", month_field="join_date"),
    Metric(
        name="members.women_share", label=_("女会员占比"), unit="%", decimals=1, scale=100,
        definition=_("期末女会员人数占会员人数的百分比；会员人数为零时无此比率（显示“—”）。"),
        aggregation=Aggregation.RATIO, temporal=Temporal.STOCK, owner="members", permission=Perm.MEMBER_VIEW,
        numerator="members.women", denominator="members.total"),
    Metric(
        name="members.women", label=_("女会员人数"), unit=_("人"),
        definition=_("期末持有会籍的女性人数（口径同会员人数）。"),
        aggregation=Aggregation.DISTINCT, value_field="member_id", temporal=Temporal.STOCK, owner="members",
        permission=Perm.MEMBER_VIEW, rows=women_standing,
        dimensions=(EMPLOYMENT,), row_columns=COLUMNS, row_link_field="member_id"),
    Metric(
        name="members.migrant", label=_("农民工会员人数"), unit=_("人"),
        definition=_("期末持有会籍、户籍类型为农村户籍的人数（口径同会员人数）；户籍类型未登记的不计。"),
        aggregation=Aggregation.DISTINCT, value_field="member_id", temporal=Temporal.STOCK, owner="members",
        permission=Perm.MEMBER_VIEW, rows=migrants_standing,
        dimensions=(GENDER, EMPLOYMENT), row_columns=COLUMNS, row_link_field="member_id"),
])

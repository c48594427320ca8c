"""The sign-up list of one activity as a spreadsheet: names, masked phones, status, place in line and
check-in time. The phone never leaves in full."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.activities.choices import SignUpStatus
from gonghui.activities.models import SignUp
from gonghui.activities.selectors import activity_list, signup_list
from gonghui.core.exports import Kind, ListExport, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope


def filtered_signups(*, scope: Scope, filters: Mapping[str, str]) -> QuerySet[SignUp]:
    pk = filters.get("activity", "")
    activity = activity_list(scope=scope).filter(pk=pk).first() if pk.isdigit() else None
    if activity is None:
        return SignUp.objects.none()
    return signup_list(activity=activity)


def signup_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status = labels(SignUpStatus.choices)
    yes, no = str(_("是")), str(_("否"))
    line = 0
    for s in filtered_signups(scope=scope, filters=filters).iterator(chunk_size=2000):
        line = line + 1 if s.status == SignUpStatus.WAITING else line
        yield [s.name, s.phone_masked, status.get(s.status, ""), line if s.status == SignUpStatus.WAITING else None,
               timezone.localtime(s.signed_up_at).strftime("%Y-%m-%d %H:%M"),
               timezone.localtime(s.checked_in_at).strftime("%Y-%m-%d %H:%M") if s.checked_in_at else "",
               yes if s.member_id else no, yes if s.walk_in else no]


def signup_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return filtered_signups(scope=scope, filters=filters).count()


register_export(ListExport(
    name="activities.signups", title=_("活动报名名单"), permission=Perm.ACTIVITY_VIEW,
    columns=[col(_("姓名"), width=12), col(_("手机号码"), width=14), col(_("状态"), width=8),
             col(_("候补顺位"), Kind.INT, 8), col(_("报名时间"), width=18), col(_("签到时间"), width=18),
             col(_("会员"), width=6), col(_("现场签到"), width=8)],
    rows=signup_rows, count=signup_count, params=("activity",), route="web:activity_list"))

"""What the account console exports: the account list as filtered, and the audit log for whoever may
read it, with identity numbers, phones and the last part of IP addresses masked (a workbook leaves
the system; the page itself stays where the audit administrator reads it)."""

import datetime
import re
from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.models import User
from gonghui.accounts.selectors import audit_list, user_list
from gonghui.core.audit_models import AuditEntry
from gonghui.core.exports import Kind, ListExport, col, labels, register_export
from gonghui.core.idnumbers import mask_id, mask_phone
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope

ACCOUNT_PERMS = (Perm.USER_MANAGE, Perm.GRANT_MANAGE)
_ID = re.compile(r"(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])")
_MOBILE = re.compile(r"(?<!\d)1[3-9]\d{9}(?!\d)")
_IPV4 = re.compile(r"^(\d{1,3}\.\d{1,3}\.\d{1,3})\.\d{1,3}$")


def masked(text: str) -> str:
    """Free text with any identity number or mobile number in it masked as pages mask them."""
    return _MOBILE.sub(lambda m: mask_phone(m.group()), _ID.sub(lambda m: mask_id(m.group()), text))


def masked_ip(ip: str) -> str:
    """192.168.1.23 → 192.168.1.*; an IPv6 address keeps its first half."""
    v4 = _IPV4.match(ip)
    if v4:
        return f"{v4.group(1)}.*"
    return ":".join(ip.split(":")[:4]) + ":*" if ":" in ip else ip


def _users(scope: Scope, filters: Mapping[str, str]) -> QuerySet[User]:
    active = {"1": True, "0": False}.get(filters.get("active", ""))
    return user_list(scope=scope, query=filters.get("q", ""), active=active, locked=filters.get("locked") == "1")


def user_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    yes, no = str(_("是")), str(_("否"))
    now = timezone.now()
    for u in _users(scope, filters).iterator(chunk_size=1000):
        yield [u.username, u.full_name, u.org.name if u.org else "", yes if u.is_active else no,
               yes if u.is_locked(now) else no, u.last_login]


def user_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _users(scope, filters).count()


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text)
    except ValueError:
        return None


def _entries(scope: Scope, filters: Mapping[str, str]) -> QuerySet[AuditEntry]:
    return audit_list(scope=scope, actor=filters.get("actor", ""), action=filters.get("action", ""),
                      obj=filters.get("obj", ""), since=_day(filters.get("since", "")),
                      until=_day(filters.get("until", "")))


def audit_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    outcome = labels(AuditEntry.Outcome.choices)
    for e in _entries(scope, filters).iterator(chunk_size=2000):
        yield [e.at, masked(e.actor_label), e.action, masked(e.object_label), outcome.get(e.outcome, ""),
               masked_ip(e.ip or "")]


def audit_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _entries(scope, filters).count()


register_export(ListExport(
    name="accounts.users", title=_("账号"), permission=ACCOUNT_PERMS,
    columns=[col(_("用户名"), width=16), col(_("姓名"), width=10), col(_("所属工会"), width=28),
             col(_("启用"), width=6), col(_("已锁定"), width=8), col(_("最近登录"), Kind.DATETIME, 17)],
    rows=user_rows, count=user_count, params=("q", "active", "locked"), route="web:user_list"))
register_export(ListExport(
    name="accounts.audit", title=_("审计日志"), permission=Perm.AUDIT_VIEW,
    columns=[col(_("时间"), Kind.DATETIME, 19), col(_("操作人"), width=28), col(_("操作代码"), width=22),
             col(_("对象"), width=32), col(_("结果"), width=8), col(_("IP"), width=16)],
    rows=audit_rows, count=audit_count, params=("actor", "action", "obj", "since", "until"),
    private_params=("actor", "obj"), route="web:audit_list"))

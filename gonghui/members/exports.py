"""What the 会员 console exports through the one list-export path: the 入会审核 queue and the 会籍接转
boxes (masked as on screen). The member roster itself keeps its own export (services/export.py), which may also write
numbers in full with a reason and an access-log row per person."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.members.choices import JoinChannel
from gonghui.members.models import Transfer
from gonghui.members.selectors import application_queue, transfer_inbox, transfer_outbox
from gonghui.orgs.scope import Scope


def application_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    channel = labels(JoinChannel.choices)
    for a in application_queue(scope=scope).iterator(chunk_size=2000):
        yield [a.created_at, a.name, a.id_masked, a.phone_masked, a.union.name, channel.get(a.channel, "")]


def application_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return application_queue(scope=scope).count()


register_export(ListExport(
    name="members.applications", title=_("入会申请"), permission=Perm.MEMBER_REVIEW,
    columns=[col(_("申请时间"), Kind.DATETIME, 17), col(_("姓名"), width=10), col(_("证件号码"), width=20),
             col(_("手机号码"), width=14), col(_("申请加入"), width=28), col(_("方式"), width=10)],
    rows=application_rows, count=application_count, route="web:application_queue"))


def _transfers(scope: Scope, filters: Mapping[str, str]) -> QuerySet[Transfer]:
    """The box the page shows: coming in (by step, as filtered) or going out."""
    if filters.get("box", "in") == "out":
        return transfer_outbox(scope=scope)
    return transfer_inbox(scope=scope, status=filters.get("status", ""))


def transfer_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status = labels(Transfer.Status.choices)
    for t in _transfers(scope, filters).iterator(chunk_size=2000):
        yield [t.member.name, t.member.id_masked, t.from_union.name, t.to_union.name, t.reason,
               status.get(t.status, ""), t.created_at, t.release_due_at]


def transfer_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _transfers(scope, filters).count()


register_export(ListExport(
    name="members.transfers", title=_("会籍接转"), permission=Perm.MEMBER_VIEW,
    columns=[col(_("会员"), width=10), col(_("证件号码"), width=20), col(_("转出工会"), width=26),
             col(_("转入工会"), width=26), col(_("原因"), width=16), col(_("状态"), width=12),
             col(_("申请时间"), Kind.DATETIME, 17), col(_("逾期自动转出"), Kind.DATETIME, 17)],
    rows=transfer_rows, count=transfer_count, params=("box", "status"), route="web:transfer_list"))

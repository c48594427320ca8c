"""What the 会员 console exports through the one list-export path: the 入会审核 queue (masked as on
screen). The member roster itself keeps its own export (services/export.py), which may also write
numbers in full with a reason and an access-log row per person."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.members.choices import JoinChannel
from gonghui.members.selectors import application_queue
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

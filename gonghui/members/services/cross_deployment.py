"""The members' side of a 会籍接转 with a union on another deployment (reports.federation carries the
messages): the sending side ends the membership as transferred, the receiving side admits the worker
under 会籍接转. The same writes as a transfer inside one deployment, without a local counterpart."""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.members.choices import JoinChannel, MembershipStatus
from gonghui.members.cleaning import require_clean
from gonghui.members.models import Member, Membership
from gonghui.members.services.common import record_event
from gonghui.members.services.registry import admit_clean, refuse_if_member
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.rollup import rollup_adjust
from gonghui.orgs.scope import require


@transaction.atomic
def membership_transfer_out(*, actor: Any, membership: Membership, to_name: str, on: datetime.date,
                            detail: dict[str, Any]) -> Membership:
    """The receiving union on the other deployment has taken the member in: this membership ends."""
    require(actor, Perm.MEMBER_EDIT, membership.org_path)
    old = Membership.objects.select_related("union", "member").get(pk=membership.pk)
    if old.status not in (MembershipStatus.ACTIVE, MembershipStatus.RETAINED):
        raise ValidationFailed(_("原会籍已不是有效状态，无法转出。"), code="stale")
    note = str(msg(_("转至 %(u)s"), {"u": to_name}))[:200]
    if not Membership.objects.filter(pk=old.pk, status=old.status).update(
            status=MembershipStatus.TRANSFERRED, ended_on=on, end_note=note):
        raise Conflict()
    Member.objects.filter(pk=old.member_id).update(status=MembershipStatus.TRANSFERRED)
    rollup_adjust(old.org_path, members=-1)
    record_event(actor=actor, member=old.member, kind="transfer_out", membership=old, old_status=old.status,
                 new_status=MembershipStatus.TRANSFERRED, union=old.union, note=note, detail=detail)
    old.refresh_from_db()
    return old


@transaction.atomic
def member_admit_from_deployment(*, actor: Any, union: TradeUnion, data: dict[str, Any], join_date: datetime.date,
                                 detail: dict[str, Any]) -> Membership:
    """A worker released by a union on another deployment joins `union` under 会籍接转."""
    require(actor, Perm.MEMBER_EDIT, union.path)
    if not union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能接收会员。"), field="union")
    clean = require_clean(data)
    refuse_if_member(actor, union, clean.id_indexes)
    membership = admit_clean(actor=actor, union=union, clean=clean, channel=JoinChannel.TRANSFER, join_date=join_date)
    record_event(actor=actor, member=membership.member, kind="transfer_in", membership=membership,
                 new_status=MembershipStatus.ACTIVE, union=union, detail=detail)
    return membership

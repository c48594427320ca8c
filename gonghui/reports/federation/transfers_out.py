"""会籍接转 to another deployment, the sending side (A): a receiving union on deployment B asked for a
worker by identity number; A finds the live membership, asks the worker's consent by SMS to the phone
of the member record (as inside one deployment), and once the worker agrees the sending union releases
(or the release period passes and it releases by itself). A then tells B only what B needs to admit;
when B has admitted, A ends the membership as transferred.

    awaiting ──code/portal──▶ requested ──release/auto──▶ released ──B accepted──▶ accepted
       └─ lapse, declined      └─ withdrawn (worker), refused/withdrawn (B)    └─ refused/withdrawn (B)

(transfers_close.py: the worker's portal answers, refusals and withdrawals, in both directions.)

The identity number B sent is used for the look-up (its blind index) and never stored or logged here.
"""

import contextlib
import datetime
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.sms import SmsRefused, sms_send, sms_verify
from gonghui.accounts.sms_models import SmsCode
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.idnumbers import parse_identity
from gonghui.core.permissions import Perm
from gonghui.members.cleaning import identity_index_candidates
from gonghui.members.models import Membership
from gonghui.members.services.common import record_event
from gonghui.members.services.cross_deployment import membership_transfer_out
from gonghui.members.services.transfers import open_transfer, release_due
from gonghui.orgs.scope import SystemActor, require
from gonghui.reports.federation import delivery
from gonghui.reports.federation.delivery import PATH
from gonghui.reports.federation.models import PeerDeployment
from gonghui.reports.federation.transfer_models import CrossTransfer

__all__ = ["PATH"]
Status = CrossTransfer.Status
OPEN = [Status.AWAITING, Status.REQUESTED, Status.RELEASED]


def _as(peer: PeerDeployment) -> SystemActor:
    """What another deployment does here is done by the system on its behalf, audited under its code."""
    return SystemActor(f"federation:{peer.code}")


def _load(peer: PeerDeployment, ref: str, side: str, status: str | None = None) -> CrossTransfer:
    found = (CrossTransfer.objects.select_related("member", "union", "peer")
             .filter(peer=peer, side=side, ref=ref).first())
    if found is None:
        raise NotFound()
    if status is not None and found.status != status:
        raise Conflict(_("该跨部署接转已被处理。"), code="transfer_state")
    return found


def cross_transfer_open(*, peer: PeerDeployment, ref: str, id_type: str, id_number: str, to_union_name: str,
                        reason: str = "") -> CrossTransfer:
    """B asks for a worker. Nothing about the worker is answered until the worker agrees."""
    identity = parse_identity(id_type, id_number)
    with transaction.atomic():
        membership = (Membership.objects.select_related("member", "union").live()
                      .filter(member__id_index__in=identity_index_candidates(identity)).first())
        if membership is None:
            raise ValidationFailed(_("此人在该部署没有有效会籍，可在本地直接入会。"), code="no_membership")
        member = membership.member
        if open_transfer(member) is not None or CrossTransfer.objects.filter(member=member, status__in=OPEN).exists():
            raise ValidationFailed(_("此人已有一笔正在办理的会籍接转。"), code="open_transfer")
        if not member.phone:
            raise ValidationFailed(_("此人的会籍记录没有登记手机号，无法请本人确认：请本人联系原工会补登手机号。"),
                                   code="no_phone")
        if CrossTransfer.objects.filter(peer=peer, side=CrossTransfer.Side.OUT, ref=ref).exists():
            raise Conflict(_("该接转申请已收到。"), code="duplicate")
        now = timezone.now()
        transfer = CrossTransfer.objects.create(
            ref=ref, side=CrossTransfer.Side.OUT, peer=peer, status=Status.AWAITING, union=membership.union,
            org_path=membership.org_path, other_union_name=to_union_name[:100], reason=reason[:200], member=member,
            from_membership=membership,
            confirm_due_at=now + datetime.timedelta(days=int(settings.GONGHUI_TRANSFER_CONFIRM_DAYS)))
        record_event(actor=_as(peer), member=member, kind="transfer_ask", membership=membership, union=membership.union,
                     note=transfer.reason, detail={"cross_transfer": transfer.pk, "deployment": peer.code,
                                                   "to": transfer.other_union_name})
    # After the commit: a refused text (the phone's daily limit) leaves the request to be confirmed later.
    with contextlib.suppress(SmsRefused):
        sms_send(phone=member.phone, purpose=SmsCode.Purpose.TRANSFER_CONFIRM, asker=transfer.other_union_name)
    return transfer


def cross_transfer_code(*, peer: PeerDeployment, ref: str, code: str) -> CrossTransfer:
    """B's cadre typed the code the worker read to them: the worker agrees; the release period starts."""
    transfer = _load(peer, ref, CrossTransfer.Side.OUT, Status.AWAITING)
    assert transfer.member is not None
    # Verified outside any transaction: a wrong guess stays counted.
    sms_verify(phone=transfer.member.phone, purpose=SmsCode.Purpose.TRANSFER_CONFIRM, code=code)
    now = timezone.now()
    with transaction.atomic():
        if not CrossTransfer.objects.filter(pk=transfer.pk, status=Status.AWAITING).update(
                status=Status.REQUESTED, confirmed_at=now, confirm_due_at=None, release_due_at=release_due(now)):
            raise Conflict(_("该跨部署接转已被处理。"), code="transfer_state")
        record_event(actor=_as(peer), member=transfer.member, kind="transfer_request", union=transfer.union,
                     detail={"cross_transfer": transfer.pk, "deployment": peer.code, "confirmed": "sms_code"})
    transfer.refresh_from_db()
    return transfer


@transaction.atomic
def cross_transfer_release(*, actor: Any, transfer: CrossTransfer, note: str = "") -> CrossTransfer:
    """The sending union lets the member go; B hears of it after the commit."""
    require(actor, Perm.MEMBER_EDIT, transfer.org_path)
    if transfer.side != CrossTransfer.Side.OUT or not CrossTransfer.objects.filter(
            pk=transfer.pk, status=Status.REQUESTED).update(status=Status.RELEASED, released_at=timezone.now()):
        raise Conflict(_("该跨部署接转已被处理。"), code="transfer_state")
    assert transfer.member is not None
    record_event(actor=actor, member=transfer.member, kind="transfer_release", union=transfer.union, note=note,
                 detail={"cross_transfer": transfer.pk})
    delivery.say(transfer, "released")
    transfer.refresh_from_db()
    return transfer


def released_data(transfer: CrossTransfer) -> dict[str, Any]:
    """Only what B needs to admit: the name, gender, first join date and the union history (names and
    dates). No identity number (B has it), no phone, no address, nothing else of the record."""
    member = transfer.member
    assert member is not None
    history = list(Membership.objects.filter(member=member).select_related("union").order_by("join_date", "pk"))
    return {"name": member.name, "gender": member.gender,
            "join_date": history[0].join_date.isoformat() if history else None,
            "history": [{"union": m.union.name, "joined": m.join_date.isoformat(),
                         "ended": m.ended_on.isoformat() if m.ended_on else None} for m in history]}


delivery.BODIES["released"] = released_data


def cross_transfer_accepted(*, peer: PeerDeployment, ref: str) -> CrossTransfer:
    """B has admitted the member: the membership here ends as transferred."""
    transfer = _load(peer, ref, CrossTransfer.Side.OUT)
    if transfer.status == Status.ACCEPTED:
        return transfer  # B resent its word: already done
    if transfer.status != Status.RELEASED:
        raise Conflict(_("该跨部署接转已被处理。"), code="transfer_state")
    assert transfer.from_membership_id is not None
    with transaction.atomic():
        membership = Membership.objects.get(pk=transfer.from_membership_id)
        membership_transfer_out(actor=_as(peer), membership=membership, to_name=transfer.other_union_name,
                                on=timezone.localdate(),
                                detail={"cross_transfer": transfer.pk, "deployment": peer.code})
        CrossTransfer.objects.filter(pk=transfer.pk).update(status=Status.ACCEPTED, decided_at=timezone.now())
    transfer.refresh_from_db()
    return transfer


def cross_transfers_due_out(*, actor: Any, now: datetime.datetime | None = None) -> dict[str, int]:
    """Scheduled on the sending side: unconfirmed requests lapse, confirmed ones left unanswered release
    by themselves, and releases B has not heard of are sent again."""
    now = now or timezone.now()
    lapsed = CrossTransfer.objects.filter(side=CrossTransfer.Side.OUT, status=Status.AWAITING,
                                          confirm_due_at__lte=now).update(status=Status.LAPSED, decided_at=now)
    released = 0
    for pk in CrossTransfer.objects.filter(side=CrossTransfer.Side.OUT, status=Status.REQUESTED,
                                           release_due_at__lte=now).values_list("pk", flat=True)[:10_000]:
        with transaction.atomic():
            # The same compare-and-set as a cadre's release: whichever comes first wins, once.
            if CrossTransfer.objects.filter(pk=pk, status=Status.REQUESTED).update(
                    status=Status.RELEASED, released_at=now, released_automatically=True):
                transfer = CrossTransfer.objects.select_related("member", "union").get(pk=pk)
                assert transfer.member is not None
                record_event(actor=actor, member=transfer.member, kind="transfer_release", union=transfer.union,
                             note=str(_("转出工会逾期未处理，系统自动转出")),
                             detail={"cross_transfer": pk, "automatic": True})
                delivery.say(transfer, "released")
                released += 1
    return {"lapsed": lapsed, "released": released, "delivered": delivery.deliver_due(now=now)}

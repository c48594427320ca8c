"""The worker's consent to a transfer a receiving union asked for (ARCHITECTURE §6a).

The union never learns who the worker is or where their membership is until the worker agrees:
either by reading the SMS code, sent to the phone of the member record (never to a phone the cadre
types), to the union's cadre, or by confirming on the portal after logging in with that phone.
Confirming starts the sending union's release period; declining, or letting the period pass,
closes the request without the sending union ever seeing it.
"""

from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.sms import SmsRefused, sms_send, sms_verify
from gonghui.accounts.sms_models import SmsCode
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import Conflict, NotFound
from gonghui.core.permissions import Perm
from gonghui.members.models import Transfer
from gonghui.members.services.common import record_event
from gonghui.members.services.transfers import release_due
from gonghui.orgs.scope import require

if TYPE_CHECKING:  # applications imports transfers, which imports this module lazily
    from gonghui.members.services.applications import PortalWorker

PURPOSE = SmsCode.Purpose.TRANSFER_CONFIRM


def send_confirmation(pk: int, *, quiet: bool = False, ip: str = "") -> None:
    """Text the code to the phone on the member record. `quiet`: a refused send (the phone's daily
    limit) is audited by the SMS service and left for the union to send again."""
    transfer = Transfer.objects.select_related("member", "to_union").get(pk=pk)
    try:
        sms_send(phone=transfer.member.phone, purpose=PURPOSE, ip=ip, asker=transfer.to_union.name)
    except SmsRefused:
        if not quiet:
            raise


def _awaiting(transfer: Transfer) -> Transfer:
    fresh = Transfer.objects.select_related("member", "to_union").get(pk=transfer.pk)
    if fresh.status != Transfer.Status.AWAITING:
        raise Conflict(_("该接转已不在等待本人确认，请刷新后查看。"))
    return fresh


def transfer_code_resend(*, actor: Any, transfer: Transfer) -> Transfer:
    """The receiving union sends the worker a fresh code (the last one expired or was not received)."""
    require(actor, Perm.MEMBER_EDIT, transfer.to_path)
    fresh = _awaiting(transfer)
    send_confirmation(fresh.pk, ip=getattr(actor, "request_ip", "") or "")
    return fresh


def transfer_confirm(*, actor: Any, transfer: Transfer, code: str) -> Transfer:
    """The receiving union's cadre enters the code the worker read to them."""
    require(actor, Perm.MEMBER_EDIT, transfer.to_path)
    fresh = _awaiting(transfer)
    # Verified outside any transaction: a wrong guess must stay counted when the caller rolls back.
    sms_verify(phone=fresh.member.phone, purpose=PURPOSE, code=code)
    return _confirm(actor, fresh, how="sms_code")


def _mine(worker: "PortalWorker", transfer: Transfer) -> Transfer:
    fresh = Transfer.objects.select_related("member", "to_union").filter(
        pk=transfer.pk, member__phone_index__in=blind_index_candidates(worker.phone)).first()
    if fresh is None:
        raise NotFound()
    if fresh.status != Transfer.Status.AWAITING:
        raise Conflict(_("该接转已不在等待您确认。"))
    return fresh


def transfer_confirm_by_member(*, worker: "PortalWorker", transfer: Transfer) -> Transfer:
    """The worker, logged in with the phone of the member record, agrees on the portal."""
    return _confirm(worker.actor, _mine(worker, transfer), how="portal")


@transaction.atomic
def transfer_decline_by_member(*, worker: "PortalWorker", transfer: Transfer) -> Transfer:
    """The worker does not agree: the request closes; the sending union never sees it."""
    fresh = _mine(worker, transfer)
    if not Transfer.objects.filter(pk=fresh.pk, status=Transfer.Status.AWAITING).update(
            status=Transfer.Status.DECLINED, decided_at=timezone.now()):
        raise Conflict()
    record_event(actor=worker.actor, member=fresh.member, kind="transfer_decline", union=fresh.to_union,
                 detail={"transfer": fresh.pk})
    fresh.refresh_from_db()
    return fresh


@transaction.atomic
def _confirm(actor: Any, transfer: Transfer, *, how: str) -> Transfer:
    now = timezone.now()
    if not Transfer.objects.filter(pk=transfer.pk, status=Transfer.Status.AWAITING).update(
            status=Transfer.Status.REQUESTED, confirmed_at=now, confirmed_how=how, confirm_due_at=None,
            release_due_at=release_due(now)):
        raise Conflict(_("该接转已不在等待本人确认，请刷新后查看。"))
    record_event(actor=actor, member=transfer.member, kind="transfer_request", union=transfer.to_union,
                 detail={"transfer": transfer.pk, "to": transfer.to_union_id, "confirmed": how})
    transfer.refresh_from_db()
    return transfer

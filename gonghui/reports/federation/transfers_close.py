"""Closing a cross-deployment transfer before it is accepted, and the worker's own answer on the portal,
with the states and words of a transfer inside one deployment (members.services.transfers).

On B (the receiving side, which asked): its cadre refuses — a reason required — a request the worker
agreed to (待转出 or 待接收), or withdraws any open request (撤回), as the receiving union does inside
one deployment. On A (the sending side, which holds the worker's membership and phone): the worker,
signed in on the portal with the phone of the member record, agrees to (同意, as reading the SMS code to
B's cadre) or declines (不同意) a request awaiting them, and withdraws one they agreed to while A has not
released it yet. After the release B holds what A sent and may be admitting the worker at that moment,
so the worker asks B's union then (B's cadre withdraws): one side alone decides, and an admission never
crosses a withdrawal in flight.

Each side tells the other with a word sent in the background (delivery.say): `closed` with the state
and reason, or `confirmed`; the receiver closes or advances its own row alike, and answers a word it
has heard already (or about a row it has closed itself) as done.
"""

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.members.services.common import record_event
from gonghui.members.services.transfers import release_due
from gonghui.orgs.scope import SystemActor, require
from gonghui.orgs.services.common import audit_actor
from gonghui.reports.federation import delivery
from gonghui.reports.federation.models import PeerDeployment
from gonghui.reports.federation.transfer_models import CrossTransfer

if TYPE_CHECKING:
    from gonghui.members.services.applications import PortalWorker

Status = CrossTransfer.Status
Side = CrossTransfer.Side
OPEN = [Status.AWAITING, Status.REQUESTED, Status.RELEASED]
CLOSED = (Status.REFUSED, Status.CANCELLED, Status.DECLINED, Status.LAPSED)
# What each side may hear from the other: A's row closes as B refused or withdrew; B's as the worker
# declined or withdrew on A.
HEARD = {Side.OUT: (Status.REFUSED, Status.CANCELLED), Side.IN: (Status.DECLINED, Status.CANCELLED)}
EVENT: dict[str, str] = {Status.REFUSED: "transfer_refuse", Status.CANCELLED: "transfer_cancel",
                         Status.DECLINED: "transfer_decline"}


def _stale() -> Conflict:
    return Conflict(_("该跨部署接转已被处理，请刷新后查看。"), code="transfer_state")


def _close(transfer: CrossTransfer, allowed: Sequence[str], status: str, note: str) -> CrossTransfer:
    """Compare-and-set to a closed state; what B kept sealed for the admission goes with it."""
    if not CrossTransfer.objects.filter(pk=transfer.pk, status__in=allowed).update(
            status=status, note=note[:200], decided_at=timezone.now(), id_number="", released_data=""):
        raise _stale()
    return CrossTransfer.objects.select_related("peer", "union", "member").get(pk=transfer.pk)


# --- B: the receiving union's cadre -----------------------------------------------------------


def _receiving(actor: Any, transfer: CrossTransfer) -> None:
    require(actor, Perm.MEMBER_EDIT, transfer.org_path)
    if transfer.side != Side.IN:
        raise _stale()


@transaction.atomic
def cross_transfer_refuse(*, actor: Any, transfer: CrossTransfer, note: str) -> CrossTransfer:
    """The receiving union declines a request the worker agreed to; the reason goes to A."""
    _receiving(actor, transfer)
    note = normalize_text(note)
    if not note:
        raise ValidationFailed(_("请填写拒绝原因。"), field="note")
    closed = _close(transfer, [Status.REQUESTED, Status.RELEASED], Status.REFUSED, note)
    audit_record(actor=audit_actor(actor), action="federation.cross_transfer_refuse", obj=closed,
                 org_path=closed.org_path, detail={"deployment": closed.peer.code, "note": closed.note})
    delivery.say(closed, "closed")
    return closed


@transaction.atomic
def cross_transfer_withdraw(*, actor: Any, transfer: CrossTransfer) -> CrossTransfer:
    """The receiving union, which asked, withdraws its request while it is open."""
    _receiving(actor, transfer)
    closed = _close(transfer, OPEN, Status.CANCELLED, "")
    audit_record(actor=audit_actor(actor), action="federation.cross_transfer_withdraw", obj=closed,
                 org_path=closed.org_path, detail={"deployment": closed.peer.code})
    delivery.say(closed, "closed")
    return closed


# --- A: the worker on the portal ---------------------------------------------------------------


def _worker_row(worker: "PortalWorker", pk: int) -> CrossTransfer:
    found = (CrossTransfer.objects.select_related("member", "union", "peer")
             .filter(pk=pk, side=Side.OUT, member__phone_index__in=blind_index_candidates(worker.phone)).first())
    if found is None:
        raise NotFound()
    return found


@transaction.atomic
def cross_transfer_confirm_by_member(*, worker: "PortalWorker", pk: int) -> CrossTransfer:
    """The worker agrees on the portal: as reading the code to B's cadre, the release period starts."""
    transfer = _worker_row(worker, pk)
    now = timezone.now()
    if not CrossTransfer.objects.filter(pk=transfer.pk, status=Status.AWAITING).update(
            status=Status.REQUESTED, confirmed_at=now, confirm_due_at=None, release_due_at=release_due(now)):
        raise _stale()
    assert transfer.member is not None
    record_event(actor=worker.actor, member=transfer.member, kind="transfer_request", union=transfer.union,
                 detail={"cross_transfer": transfer.pk, "deployment": transfer.peer.code, "confirmed": "portal"})
    delivery.say(transfer, "confirmed")
    transfer.refresh_from_db()
    return transfer


def _worker_close(worker: "PortalWorker", pk: int, allowed: Sequence[str], status: str) -> CrossTransfer:
    transfer = _worker_row(worker, pk)
    closed = _close(transfer, allowed, status, "")
    assert closed.member is not None
    record_event(actor=worker.actor, member=closed.member, kind=EVENT[status], union=closed.union,
                 detail={"cross_transfer": closed.pk, "deployment": closed.peer.code, "by": "member"})
    delivery.say(closed, "closed")
    return closed


@transaction.atomic
def cross_transfer_decline_by_member(*, worker: "PortalWorker", pk: int) -> CrossTransfer:
    return _worker_close(worker, pk, [Status.AWAITING], Status.DECLINED)


@transaction.atomic
def cross_transfer_withdraw_by_member(*, worker: "PortalWorker", pk: int) -> CrossTransfer:
    """Withdrawn by the worker after agreeing, until A releases (then B's union is asked)."""
    return _worker_close(worker, pk, [Status.REQUESTED], Status.CANCELLED)


# --- either side hears the other ---------------------------------------------------------------


@transaction.atomic
def cross_transfer_closed(*, peer: PeerDeployment, ref: str, status: str, reason: str = "") -> CrossTransfer:
    """The other side refused, withdrew or declined: this side's row closes alike, with the reason."""
    transfer = (CrossTransfer.objects.select_for_update(of=("self",)).select_related("member", "union")
                .filter(peer=peer, ref=ref).first())
    if transfer is None:
        raise NotFound()
    if status not in HEARD[Side(transfer.side)]:
        raise ValidationFailed(_("对方部署不能以这个状态关闭该接转。"), field="status")
    if transfer.status in CLOSED:
        return transfer  # heard already, or closed here first
    if transfer.status == Status.ACCEPTED:
        raise _stale()
    closed = _close(transfer, OPEN, status, normalize_text(reason))
    if closed.side == Side.OUT and closed.member is not None:
        record_event(actor=SystemActor(f"federation:{peer.code}"), member=closed.member, kind=EVENT[status],
                     union=closed.union, note=closed.note, detail={"cross_transfer": closed.pk,
                                                                   "deployment": peer.code})
    else:
        audit_record(actor=audit_actor(SystemActor(f"federation:{peer.code}")),
                     action=f"federation.cross_transfer_{status}", obj=closed, org_path=closed.org_path,
                     detail={"deployment": peer.code})
    return closed


@transaction.atomic
def cross_transfer_confirmed(*, peer: PeerDeployment, ref: str, from_union_name: str) -> CrossTransfer:
    """A says the worker agreed on its portal: B's request waits for the release, as after the code."""
    transfer = CrossTransfer.objects.select_for_update().filter(peer=peer, side=Side.IN, ref=ref).first()
    if transfer is None:
        raise NotFound()
    if transfer.status == Status.AWAITING:
        now = timezone.now()
        CrossTransfer.objects.filter(pk=transfer.pk).update(
            status=Status.REQUESTED, confirmed_at=now, confirm_due_at=None,
            other_union_name=normalize_text(from_union_name)[:100])
        audit_record(actor=audit_actor(SystemActor(f"federation:{peer.code}")),
                     action="federation.cross_transfer_confirm", obj=transfer, org_path=transfer.org_path,
                     detail={"deployment": peer.code, "confirmed": "portal"})
        transfer.refresh_from_db()
    return transfer  # any later state: heard already

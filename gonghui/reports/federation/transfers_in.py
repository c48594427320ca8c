"""会籍接转 from another deployment, the receiving side (B): a union's cadre asks deployment A for a
worker by identity number; the worker reads the SMS code A sent to the cadre, who enters it here; once
A's sending union releases, A sends the name, gender, join date and union history, and the cadre
admits the worker under 会籍接转; A then ends the membership there.

The identity number the cadre typed is kept sealed (encrypted, with its blind index) on this row only
until the member record holds it; what A sent on release likewise. It travels to A once, inside the
signed body over TLS, and is never logged.
"""

import datetime
import json
import uuid
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, DomainError, NotFound, ValidationFailed, msg
from gonghui.core.idnumbers import parse_identity
from gonghui.core.lookups import id_lookup_take
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.members.cleaning import identity_index, identity_index_candidates
from gonghui.members.models import Membership
from gonghui.members.services.cross_deployment import member_admit_from_deployment
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor, require
from gonghui.orgs.services.common import audit_actor
from gonghui.reports.federation import client, delivery
from gonghui.reports.federation.delivery import PATH
from gonghui.reports.federation.models import PeerDeployment
from gonghui.reports.federation.transfer_models import CrossTransfer

Status = CrossTransfer.Status
CLOSED = (Status.REFUSED, Status.CANCELLED, Status.DECLINED, Status.LAPSED)


class PeerAnswered(DomainError):
    """The other deployment refused: its reason, passed on to the cadre."""

    status = 400


def _refusal(status: int, answer: dict[str, Any], field: str | None = None) -> DomainError:
    message = answer.get("message_zh") or answer.get("message")
    if not message:
        return PeerAnswered(msg(_("对方部署未能处理（HTTP %(status)s），请稍后再试。"), {"status": status}),
                            code="peer_error", field=field)
    return PeerAnswered(msg(_("对方部署答复：%(m)s"), {"m": str(message)[:200]}),
                        code=str(answer.get("code") or "peer_refused")[:40], field=answer.get("field") and field)


def _unreachable() -> ValidationFailed:
    return ValidationFailed(_("无法连接对方部署，请稍后再试。"), code="peer_unreachable")


def cross_transfer_request(*, actor: Any, to_union: TradeUnion, peer: PeerDeployment, id_type: str, id_number: str,
                           reason: str = "") -> CrossTransfer:
    """Ask deployment `peer` for the member holding this identity document; the worker will confirm."""
    require(actor, Perm.MEMBER_EDIT, to_union.path)
    if not peer.active or not peer.url:
        raise ValidationFailed(_("该部署未启用或未登记地址，不能发起跨部署接转。"), field="peer")
    if not to_union.is_active:
        raise ValidationFailed(_("接收工会已合并或撤销。"), field="to_union")
    identity = parse_identity(id_type, id_number)
    id_lookup_take(actor=actor, what="cross_transfer_request")  # counted outside the transaction
    index, indexes = identity_index(identity), identity_index_candidates(identity)
    with transaction.atomic():
        if Membership.objects.live().filter(member__id_index__in=indexes).exists():
            raise ValidationFailed(_("此人在本部署已有有效会籍，请用本部署内的会籍接转。"), code="member_here")
        if CrossTransfer.objects.filter(side=CrossTransfer.Side.IN, id_index__in=indexes,
                                        status__in=[Status.AWAITING, Status.REQUESTED, Status.RELEASED]).exists():
            raise ValidationFailed(_("此人已有一笔正在办理的跨部署接转。"), code="open_transfer")
        transfer = CrossTransfer.objects.create(
            ref=str(uuid.uuid4()), side=CrossTransfer.Side.IN, peer=peer, union=to_union, org_path=to_union.path,
            reason=normalize_text(reason)[:200], id_type=identity.id_type, id_number=identity.number, id_index=index,
            confirm_due_at=timezone.now() + datetime.timedelta(days=int(settings.GONGHUI_TRANSFER_CONFIRM_DAYS)))
        audit_record(actor=audit_actor(actor), action="federation.cross_transfer_request", obj=transfer,
                     org_path=to_union.path, detail={"deployment": peer.code, "id": identity.masked})
    body = {"ref": transfer.ref, "id_type": identity.id_type, "id_number": identity.number,
            "to_union_name": to_union.name, "reason": transfer.reason}
    try:
        status, answer = client.post_signed(peer.url, PATH, body, timeout=client.ASK_TIMEOUT)
    except OSError:
        status, answer = 0, {}
    if status != 200:
        # A never opened it: nothing waits on either side.
        CrossTransfer.objects.filter(pk=transfer.pk).delete()
        raise _unreachable() if status == 0 else _refusal(status, answer)
    return transfer


def _mine(actor: Any, transfer: CrossTransfer, status: str) -> CrossTransfer:
    require(actor, Perm.MEMBER_EDIT, transfer.org_path)
    fresh = CrossTransfer.objects.select_related("peer", "union").get(pk=transfer.pk)
    if fresh.side != CrossTransfer.Side.IN or fresh.status != status:
        raise Conflict(_("该跨部署接转已被处理，请刷新后查看。"), code="transfer_state")
    return fresh


def cross_transfer_confirm(*, actor: Any, transfer: CrossTransfer, code: str) -> CrossTransfer:
    """The cadre enters the code the worker read to them; A checks it against the member's phone."""
    fresh = _mine(actor, transfer, Status.AWAITING)
    digits = "".join(ch for ch in str(code or "") if ch.isdigit())[:10]
    if not digits:
        raise ValidationFailed(_("请填写本人收到的验证码。"), field="code")
    try:
        status, answer = client.post_signed(fresh.peer.url, f"{PATH}/{fresh.ref}/confirm", {"code": digits},
                                            timeout=client.ASK_TIMEOUT)
    except OSError:
        raise _unreachable() from None
    if status != 200:
        raise _refusal(status, answer, field="code")
    now = timezone.now()
    with transaction.atomic():
        CrossTransfer.objects.filter(pk=fresh.pk, status=Status.AWAITING).update(
            status=Status.REQUESTED, confirmed_at=now, other_union_name=str(answer.get("from_union_name", ""))[:100])
        audit_record(actor=audit_actor(actor), action="federation.cross_transfer_confirm", obj=fresh,
                     org_path=fresh.org_path, detail={"deployment": fresh.peer.code})
    fresh.refresh_from_db()
    return fresh


@transaction.atomic
def cross_transfer_released(*, peer: PeerDeployment, ref: str, data: dict[str, Any]) -> CrossTransfer:
    """A's sending union released the member (or the period passed): keep what A sent, sealed, for the
    admission. A resends until it hears back, so a second word is answered as the first."""
    transfer = CrossTransfer.objects.select_for_update().filter(peer=peer, side=CrossTransfer.Side.IN, ref=ref).first()
    if transfer is None:
        raise NotFound()
    if transfer.status in (Status.RELEASED, Status.ACCEPTED, *CLOSED):
        return transfer  # heard already; or closed here, and A hears of that by this side's own word
    if transfer.status != Status.REQUESTED:
        raise Conflict(_("该跨部署接转已被处理。"), code="transfer_state")
    transfer.status, transfer.released_at = Status.RELEASED, timezone.now()
    transfer.released_data = json.dumps(data, ensure_ascii=False)
    transfer.save(update_fields=["status", "released_at", "released_data"])
    audit_record(actor=audit_actor(SystemActor(f"federation:{peer.code}")),
                 action="federation.cross_transfer_released", obj=transfer, org_path=transfer.org_path,
                 detail={"deployment": peer.code})
    return transfer


def cross_transfer_accept(*, actor: Any, transfer: CrossTransfer, on: datetime.date | None = None) -> Membership:
    """Admit the worker under 会籍接转 with what A sent; then tell A, which ends the membership there."""
    fresh = _mine(actor, transfer, Status.RELEASED)
    sent = json.loads(fresh.released_data or "{}")
    history = [{"union": str(h.get("union", ""))[:100], "joined": h.get("joined"), "ended": h.get("ended")}
               for h in (sent.get("history") or [])[:50] if isinstance(h, dict)]
    with transaction.atomic():
        membership = member_admit_from_deployment(
            actor=actor, union=fresh.union, join_date=on or timezone.localdate(),
            data={"name": sent.get("name", ""), "gender": sent.get("gender", ""), "id_type": fresh.id_type,
                  "id_number": fresh.id_number},
            detail={"cross_transfer": fresh.pk, "deployment": fresh.peer.code, "from": fresh.other_union_name,
                    "first_joined": sent.get("join_date"), "history": history})
        # The member record holds them now: the row keeps neither.
        CrossTransfer.objects.filter(pk=fresh.pk).update(status=Status.ACCEPTED, decided_at=timezone.now(),
                                                         to_membership=membership, id_number="", released_data="")
        delivery.say(fresh, "accepted")
    return membership


def cross_transfers_due_in(*, now: datetime.datetime | None = None) -> dict[str, int]:
    """Scheduled on the receiving side: a request the worker never confirmed lapses (A lapses it too).
    Words A has not heard yet are sent again by delivery.deliver_due (called once for both sides)."""
    now = now or timezone.now()
    lapsed = CrossTransfer.objects.filter(side=CrossTransfer.Side.IN, status=Status.AWAITING, confirm_due_at__lte=now
                                          ).update(status=Status.LAPSED, decided_at=now, id_number="")
    return {"lapsed": lapsed}

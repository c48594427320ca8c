"""会籍接转: the membership follows the worker. Asked for by the member (portal), or by the receiving
union and then confirmed by the worker (transfer_consent.py); released by the sending union (or by
itself when the release period of a confirmed request passes), accepted by the receiving union. Both
ends are scope-checked; the history stays on both sides.

    awaiting ──confirm──▶ requested ──release──▶ released ──accept──▶ accepted
       │ decline/lapse/cancel     │ refuse/cancel        │ refuse/cancel
"""

import datetime
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, msg
from gonghui.core.lookups import id_lookup_take
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.members.choices import JoinChannel, MembershipStatus
from gonghui.members.models import Member, Membership, Transfer
from gonghui.members.services.common import record_event, record_events
from gonghui.members.services.worker_notice import notify_transfer_done
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.rollup import rollup_adjust
from gonghui.orgs.scope import require

if TYPE_CHECKING:  # applications imports this module
    from gonghui.members.services.applications import PortalWorker


OPEN = [Transfer.Status.AWAITING, Transfer.Status.REQUESTED, Transfer.Status.RELEASED]


def _release_days() -> int:
    return int(settings.GONGHUI_TRANSFER_RELEASE_DAYS)


def release_due(now: datetime.datetime) -> datetime.datetime:
    return now + datetime.timedelta(days=_release_days())


def open_transfer(member: Member) -> Transfer | None:
    return Transfer.objects.filter(member=member, status__in=OPEN).first()


def create_transfer(*, actor: Any, member: Member, to_union: TradeUnion, origin: str, confirmed: bool,
                    reason: str = "", notify: bool = True) -> Transfer:
    """The write shared by every way a transfer starts; callers check who may start it. `confirmed`:
    the worker asked for it themselves; otherwise it waits for the worker's consent, asked by SMS on
    the phone of the member record (`notify=False`: the caller sends the texts after its commit)."""
    membership = Membership.objects.select_related("union").live().filter(member=member).first()
    refusal = _refusal(member, membership, to_union, confirmed=confirmed,
                       busy=lambda m: open_transfer(m) is not None)
    if refusal is not None:
        raise refusal
    assert membership is not None
    try:
        with transaction.atomic():
            transfer = _new(member, membership, to_union, origin, reason, _state(timezone.now(), confirmed))
            transfer.save(force_insert=True)
    except IntegrityError:
        raise ValidationFailed(_("此人已有一笔正在办理的会籍接转。"), code="open_transfer") from None
    record_event(actor=actor, **_event(transfer, confirmed))
    if not confirmed and notify:
        from gonghui.members.services.transfer_consent import send_confirmation

        send_confirmation(transfer.pk, quiet=True)
    return transfer


def create_transfers(*, actor: Any, asked: Sequence[tuple[Member, str]], to_union: TradeUnion,
                     origin: str) -> list[Transfer | ValidationFailed]:
    """`create_transfer` for many workers at once (reason each; unconfirmed, no texts: the caller sends
    them after its commit), as the roster commit finds them: the same checks, rows, events and audit
    rows in a few statements instead of a dozen per worker. Each worker's answer, in order: the
    transfer, or why not."""
    if not asked:
        return []
    ids = [member.pk for member, _reason in asked]
    live = {m.member_id: m for m in Membership.objects.select_related("union").live().filter(member_id__in=ids)}
    busy = set(Transfer.objects.filter(member_id__in=ids, status__in=OPEN).values_list("member_id", flat=True))
    state = _state(timezone.now(), confirmed=False)
    answers: list[Transfer | ValidationFailed] = []
    for member, reason in asked:
        membership = live.get(member.pk)
        refusal = _refusal(member, membership, to_union, confirmed=False, busy=lambda m: m.pk in busy)
        if refusal is not None:
            answers.append(refusal)
        else:
            assert membership is not None
            answers.append(_new(member, membership, to_union, origin, reason, state))
    made = [answer for answer in answers if isinstance(answer, Transfer)]
    try:
        with transaction.atomic():
            Transfer.objects.bulk_create(made)
    except IntegrityError:
        # One of them was asked for elsewhere meanwhile: one by one, so only that one is refused.
        return [_one(actor, member, to_union, origin, reason) for member, reason in asked]
    record_events(actor=actor, events=[_event(transfer, confirmed=False) for transfer in made])
    return answers


def _one(actor: Any, member: Member, to_union: TradeUnion, origin: str, reason: str) -> Transfer | ValidationFailed:
    try:
        with transaction.atomic():
            return create_transfer(actor=actor, member=member, to_union=to_union, origin=origin, reason=reason,
                                   confirmed=False, notify=False)
    except ValidationFailed as exc:
        return exc


def _refusal(member: Member, membership: Membership | None, to_union: TradeUnion, *, confirmed: bool,
             busy: Callable[[Member], bool]) -> ValidationFailed | None:
    """Why `member` cannot be asked to move to `to_union`, or None; `busy` (an open transfer of theirs)
    is asked only after the checks before it pass."""
    if membership is None:
        return ValidationFailed(_("此人目前没有有效会籍，可直接入会。"), code="no_membership")
    if membership.union_id == to_union.pk:
        return ValidationFailed(_("此人已是该工会会员。"), field="to_union", code="same_union")
    if not to_union.is_active:
        return ValidationFailed(_("接收工会已合并或撤销。"), field="to_union")
    if busy(member):
        return ValidationFailed(_("此人已有一笔正在办理的会籍接转。"), code="open_transfer")
    if not confirmed and not member.phone:
        return ValidationFailed(_("此人的会籍记录没有登记手机号，无法请本人确认：请本人联系原工会补登手机号，"
                                  "或由本人登录会员服务平台申请转入。"), code="no_phone")
    return None


def _state(now: datetime.datetime, confirmed: bool) -> dict[str, Any]:
    if confirmed:
        return {"status": Transfer.Status.REQUESTED, "confirmed_at": now, "confirmed_how": "own_request",
                "release_due_at": release_due(now)}
    return {"status": Transfer.Status.AWAITING,
            "confirm_due_at": now + datetime.timedelta(days=int(settings.GONGHUI_TRANSFER_CONFIRM_DAYS))}


def _new(member: Member, membership: Membership, to_union: TradeUnion, origin: str, reason: str,
         state: dict[str, Any]) -> Transfer:
    return Transfer(member=member, from_membership=membership, from_union=membership.union,
                    from_path=membership.org_path, to_union=to_union, to_path=to_union.path, origin=origin,
                    reason=normalize_text(reason)[:200], **state)


def _event(transfer: Transfer, confirmed: bool) -> dict[str, Any]:
    # An unconfirmed request is "transfer_ask": the sending union's view of the history leaves it out.
    return {"member": transfer.member, "kind": "transfer_request" if confirmed else "transfer_ask",
            "membership": transfer.from_membership, "union": transfer.to_union, "note": transfer.reason,
            "detail": {"transfer": transfer.pk, "to": transfer.to_union_id, "origin": transfer.origin}}


@transaction.atomic
def transfer_request(*, actor: Any, member: Member, to_union: TradeUnion, reason: str = "") -> Transfer:
    """The receiving union asks for a worker who is a member elsewhere; the worker confirms."""
    require(actor, Perm.MEMBER_EDIT, to_union.path)
    return create_transfer(actor=actor, member=member, to_union=to_union, origin=Transfer.Origin.RECEIVING,
                           reason=reason, confirmed=False)


def _load_open(transfer: Transfer, status: str) -> Transfer:
    fresh = Transfer.objects.select_related("member", "from_union", "to_union").get(pk=transfer.pk)
    if fresh.status != status:
        raise Conflict(_("该接转已被处理，请刷新后查看。"))
    return fresh


@transaction.atomic
def transfer_release(*, actor: Any, transfer: Transfer, note: str = "") -> Transfer:
    """The sending union lets the member go."""
    require(actor, Perm.MEMBER_EDIT, transfer.from_path)
    transfer = _load_open(transfer, Transfer.Status.REQUESTED)
    now = timezone.now()
    if not Transfer.objects.filter(pk=transfer.pk, status=Transfer.Status.REQUESTED).update(
            status=Transfer.Status.RELEASED, released_at=now, note=normalize_text(note)[:200]):
        raise Conflict()
    record_event(actor=actor, member=transfer.member, kind="transfer_release", union=transfer.from_union,
                 note=note, detail={"transfer": transfer.pk})
    transfer.refresh_from_db()
    return transfer


def transfer_release_due(*, actor: Any, now: datetime.datetime | None = None) -> int:
    """Scheduled: a confirmed request the sending union left unanswered past its period releases by
    itself; a request the worker never confirmed lapses (it never releases)."""
    if not getattr(actor, "is_system_actor", False):
        raise PermissionDenied()
    now = now or timezone.now()
    _lapse_unconfirmed(actor, now)
    released = 0
    for pk in Transfer.objects.filter(status=Transfer.Status.REQUESTED, release_due_at__lte=now
                                      ).values_list("pk", flat=True)[:10_000]:
        with transaction.atomic():
            # The same compare-and-set as a cadre's release: whichever comes first wins, once.
            if Transfer.objects.filter(pk=pk, status=Transfer.Status.REQUESTED).update(
                    status=Transfer.Status.RELEASED, released_at=now, released_automatically=True):
                transfer = Transfer.objects.select_related("member", "from_union").get(pk=pk)
                record_event(actor=actor, member=transfer.member, kind="transfer_release",
                             union=transfer.from_union, note=str(_("转出工会逾期未处理，系统自动转出")),
                             detail={"transfer": pk, "automatic": True})
                released += 1
    return released


def _lapse_unconfirmed(actor: Any, now: datetime.datetime) -> None:
    for pk in Transfer.objects.filter(status=Transfer.Status.AWAITING, confirm_due_at__lte=now
                                      ).values_list("pk", flat=True)[:10_000]:
        with transaction.atomic():
            if Transfer.objects.filter(pk=pk, status=Transfer.Status.AWAITING).update(
                    status=Transfer.Status.LAPSED, decided_at=now):
                transfer = Transfer.objects.select_related("member", "to_union").get(pk=pk)
                record_event(actor=actor, member=transfer.member, kind="transfer_lapse", union=transfer.to_union,
                             note=str(_("本人逾期未确认，接转申请失效")), detail={"transfer": pk})


@transaction.atomic
def transfer_accept(*, actor: Any, transfer: Transfer, on: datetime.date | None = None) -> Membership:
    """The receiving union takes the member in: the old membership ends, a new one starts."""
    require(actor, Perm.MEMBER_EDIT, transfer.to_path)
    transfer = _load_open(transfer, Transfer.Status.RELEASED)
    on = on or timezone.localdate()
    old = Membership.objects.select_related("union").get(pk=transfer.from_membership_id)
    if old.status not in (MembershipStatus.ACTIVE, MembershipStatus.RETAINED):
        raise ValidationFailed(_("原会籍已不是有效状态，无法接收。"), code="stale")
    note = str(msg(_("转至 %(u)s"), {"u": transfer.to_union.name}))
    if not Membership.objects.filter(pk=old.pk, status=old.status).update(
            status=MembershipStatus.TRANSFERRED, ended_on=on, end_note=note[:200]):
        raise Conflict()
    new = Membership.objects.create(member=transfer.member, union=transfer.to_union, org_path=transfer.to_union.path,
                                    join_date=on, channel=JoinChannel.TRANSFER)
    Member.objects.filter(pk=transfer.member_id).update(union=transfer.to_union, org_path=transfer.to_union.path,
                                                        status=MembershipStatus.ACTIVE)
    rollup_adjust(old.org_path, members=-1)
    rollup_adjust(new.org_path, members=1)
    Transfer.objects.filter(pk=transfer.pk).update(status=Transfer.Status.ACCEPTED, decided_at=timezone.now(),
                                                   to_membership=new)
    record_event(actor=actor, member=transfer.member, kind="transfer_out", membership=old, old_status=old.status,
                 new_status=MembershipStatus.TRANSFERRED, union=old.union, detail={"transfer": transfer.pk})
    record_event(actor=actor, member=transfer.member, kind="transfer_in", membership=new,
                 new_status=MembershipStatus.ACTIVE, union=transfer.to_union, detail={"transfer": transfer.pk})
    notify_transfer_done(transfer)
    return new


@transaction.atomic
def transfer_refuse(*, actor: Any, transfer: Transfer, note: str) -> Transfer:
    """The receiving union declines (e.g. the worker never joined its employer); a reason is required."""
    require(actor, Perm.MEMBER_EDIT, transfer.to_path)
    note = normalize_text(note)
    if not note:
        raise ValidationFailed(_("请填写拒绝原因。"), field="note")
    fresh = Transfer.objects.select_related("member", "to_union").get(pk=transfer.pk)
    if not Transfer.objects.filter(pk=fresh.pk, status__in=[Transfer.Status.REQUESTED, Transfer.Status.RELEASED]
                                   ).update(status=Transfer.Status.REFUSED, note=note[:200], decided_at=timezone.now()):
        raise Conflict()
    record_event(actor=actor, member=fresh.member, kind="transfer_refuse", union=fresh.to_union, note=note,
                 detail={"transfer": fresh.pk})
    fresh.refresh_from_db()
    return fresh


@transaction.atomic
def transfer_cancel(*, actor: Any, transfer: Transfer) -> Transfer:
    """Whoever started it (the receiving union here; the member through the portal) may withdraw it."""
    require(actor, Perm.MEMBER_EDIT, transfer.to_path)
    fresh = Transfer.objects.select_related("member", "to_union").get(pk=transfer.pk)
    if not Transfer.objects.filter(pk=fresh.pk, status__in=OPEN
                                   ).update(status=Transfer.Status.CANCELLED, decided_at=timezone.now()):
        raise Conflict()
    record_event(actor=actor, member=fresh.member, kind="transfer_cancel", union=fresh.to_union,
                 detail={"transfer": fresh.pk})
    fresh.refresh_from_db()
    return fresh


def transfer_request_by_identity(*, actor: Any, to_union: TradeUnion, id_type: str, id_number: str,
                                 reason: str = "") -> Transfer:
    """The receiving union found that a worker it registers is a member elsewhere: it knows the
    identity document, not the other union, which may lie outside its scope. The request waits for
    the worker's consent; until then the asker is shown neither the name nor the current union."""
    from gonghui.core.idnumbers import parse_identity
    from gonghui.members.cleaning import identity_index_candidates

    require(actor, Perm.MEMBER_EDIT, to_union.path)
    identity = parse_identity(id_type, id_number)
    id_lookup_take(actor=actor, what="transfer_request")  # counted outside the transaction: a refusal counts
    with transaction.atomic():
        membership = Membership.objects.select_related("member").live().filter(
            member__id_index__in=identity_index_candidates(identity)).first()
        if membership is None:
            raise ValidationFailed(_("此人目前没有有效会籍，可直接入会。"), code="no_membership")
        return create_transfer(actor=actor, member=membership.member, to_union=to_union,
                               origin=Transfer.Origin.RECEIVING, reason=reason, confirmed=False)


# The member's own side (portal): the worker is identified by the phone proved by SMS; the live
# membership is found through that phone's blind index, never from an id the browser sends.


def _worker_membership(phone: str) -> Membership:
    found = list(Membership.objects.select_related("member", "union").live()
                 .filter(member__phone_index__in=blind_index_candidates(phone))[:2])
    if not found:
        raise ValidationFailed(_("没有找到您的有效会籍，请直接申请入会。"), code="no_membership")
    if len(found) > 1:
        # Two people registered with one phone (a family phone): only the union can tell them apart.
        raise ValidationFailed(_("该手机号登记在多位会员名下，请联系所在工会办理接转。"), code="ambiguous")
    return found[0]


@transaction.atomic
def transfer_request_by_member(*, worker: "PortalWorker", to_union: TradeUnion, reason: str = "") -> Transfer:
    """The member asks to move to the union whose join link they opened."""
    membership = _worker_membership(worker.phone)
    # The shared checks below speak of "此人" to cadres; the worker is told the same in the second person.
    if membership.union_id == to_union.pk:
        raise ValidationFailed(_("您已是该工会会员。"), code="same_union")
    if not to_union.is_active:
        raise ValidationFailed(_("该工会已合并或撤销，不能申请转入。"), code="union_ended")
    pending = open_transfer(membership.member)
    if pending is not None and pending.status == Transfer.Status.AWAITING:
        raise ValidationFailed(_("有工会申请将您的会籍转入，正等待您确认：请先在“会籍接转”中同意或拒绝。"),
                               code="open_transfer")
    if pending is not None:
        raise ValidationFailed(_("您已有一笔正在办理的会籍接转，请等待办理完成或先撤回。"), code="open_transfer")
    return create_transfer(actor=worker.actor, member=membership.member, to_union=to_union,
                           origin=Transfer.Origin.MEMBER, reason=reason, confirmed=True)


@transaction.atomic
def transfer_cancel_by_member(*, worker: "PortalWorker", transfer: Transfer) -> Transfer:
    """The member withdraws their own request while it is still open."""
    fresh = Transfer.objects.select_related("member", "to_union").filter(
        pk=transfer.pk, member__phone_index__in=blind_index_candidates(worker.phone)).first()
    if fresh is None:
        raise NotFound()
    if fresh.origin != Transfer.Origin.MEMBER:
        raise ValidationFailed(_("该接转由工会发起，如需撤回请联系工会。"), code="not_yours")
    if not Transfer.objects.filter(pk=fresh.pk, status__in=OPEN
                                   ).update(status=Transfer.Status.CANCELLED, decided_at=timezone.now()):
        raise Conflict(_("该接转已办理完毕，不能撤回。"))
    record_event(actor=worker.actor, member=fresh.member, kind="transfer_cancel", union=fresh.to_union,
                 detail={"transfer": fresh.pk, "by": "member"})
    fresh.refresh_from_db()
    return fresh

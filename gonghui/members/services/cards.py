"""Member cards (会员卡) and the signed token in their QR code, which partners verify."""

from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.core import signing
from django.db import IntegrityError, transaction
from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member, MemberCard, MembershipEvent
from gonghui.members.services.common import record_event
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require, subtree_q
from gonghui.orgs.services.common import audit_actor

if TYPE_CHECKING:
    from gonghui.members.services.applications import PortalWorker

_SALT = "gonghui.member-card"


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return str((10 - total % 10) % 10)


def card_number_for(member: Member, sequence: int | None = None) -> str:
    # 19 digits like a bank card: the province code, the member's serial, the card's sequence for
    # that member (a lost card is replaced by a new number), and a Luhn check digit.
    province = ((member.union.region_id if member.union else "") or "00")[:2]
    if sequence is None:
        sequence = MemberCard.objects.filter(member=member).count() + 1
    body = f"62{province}{member.pk:012d}{sequence:02d}"
    return body + luhn_check_digit(body)


@transaction.atomic
def card_issue(*, actor: Any, member: Member) -> MemberCard:
    require(actor, Perm.MEMBER_EDIT, member.org_path)
    if member.status not in LIVE_STATUSES:
        raise ValidationFailed(_("只有有效会籍的会员可以办理会员卡。"), code="not_member")
    existing = MemberCard.objects.filter(member=member, status=MemberCard.Status.ACTIVE).first()
    if existing is not None:
        return existing
    card = MemberCard.objects.create(member=member, number=card_number_for(member), issued_on=timezone.localdate())
    record_event(actor=actor, member=member, kind="card_issue", union=member.union, detail={"card": card.number})
    return card


def card_token(card: MemberCard) -> str:
    """What the QR code carries: the card number, signed and time-stamped; nothing personal."""
    return signing.TimestampSigner(salt=_SALT).sign(card.number)


def card_number_from_token(token: str) -> str | None:
    max_age = settings.GONGHUI_CARD_TOKEN_MINUTES * 60
    try:
        return signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age)
    except signing.BadSignature:
        return None


@transaction.atomic
def card_issue_by_member(*, worker: "PortalWorker", member_pk: Any) -> MemberCard:
    """电子会员卡: a member with a live membership claims a card in the portal and gets it at once,
    as the national union's app does; a co-branded bank card is still issued by the union."""
    member = Member.objects.select_related("union").filter(pk=member_pk if str(member_pk).isdigit() else None,
                                                           phone_index__in=blind_index_candidates(worker.phone)).first()
    if member is None:
        raise NotFound()
    if member.status not in LIVE_STATUSES:
        raise ValidationFailed(_("只有有效会籍的会员可以办理会员卡。"), code="not_member")
    existing = MemberCard.objects.filter(member=member, status=MemberCard.Status.ACTIVE).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            card = MemberCard.objects.create(member=member, number=card_number_for(member),
                                             issued_on=timezone.localdate())
    except IntegrityError:
        # A double tap: the other request issued the card a moment ago.
        return MemberCard.objects.get(member=member, status=MemberCard.Status.ACTIVE)
    record_event(actor=worker.actor, member=member, kind="card_issue", union=member.union,
                 detail={"card": card.number, "by": "member"})
    return card


@transaction.atomic
def cards_bulk_issue(*, actor: Any, union: TradeUnion, limit: int | None = None) -> int:
    """批量办卡: a card for every live member of the subtree who has none (co-branded bank cards are
    issued in batches). One audit row; each member's history gets its event."""
    require(actor, Perm.MEMBER_EDIT, union.path)
    members = list(Member.objects.filter(subtree_q("org_path", union.path), status__in=LIVE_STATUSES)
                   .exclude(cards__status=MemberCard.Status.ACTIVE).select_related("union").order_by("pk")[:limit])
    issued_on = timezone.localdate()
    counts = dict(MemberCard.objects.filter(member__in=members).values_list("member_id").annotate(n=Count("id")))
    cards = [MemberCard(member=m, number=card_number_for(m, counts.get(m.pk, 0) + 1), issued_on=issued_on)
             for m in members]
    MemberCard.objects.bulk_create(cards, batch_size=2000)
    who = audit_actor(actor)
    MembershipEvent.objects.bulk_create(
        [MembershipEvent(member=c.member, kind="card_issue", union=c.member.union, actor_id=who.id,
                         actor_label=who.shown, note=c.number) for c in cards], batch_size=2000)
    audit_record(actor=who, action="member.card_bulk_issue", obj=union, org_path=union.path,
                 detail={"cards": len(cards)})
    return len(cards)

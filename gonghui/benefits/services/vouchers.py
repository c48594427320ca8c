"""Vouchers: a member claims one on the portal, a cadre issues them to a list of members, a cadre
voids one, and the sweep expires those past their date.

Every grant locks the offer's row first, so the per-person limit and the quantity are counted by one
writer at a time; `issued` is then raised by an UPDATE that also checks the quantity, so even a writer
that skipped the lock could not take the count past it (the table's check constraint is the last word).
"""

import datetime
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import transaction
from django.db.models import Count, F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.benefits.choices import MerchantStatus, OfferStatus, VoucherChannel, VoucherStatus
from gonghui.benefits.models import Offer, Voucher
from gonghui.benefits.services.common import CONCURRENT_CHANGE, clean_text, record_event, require_manage, who
from gonghui.core.audit import audit_record
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member, MemberCard
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import subtree_q

# 31 letters and digits without look-alikes (0/O, 1/I/L): 16 of them are about 79 random bits.
CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
CODE_LENGTH = 16
MAX_BATCH = 5000


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def expiry_of(offer: Offer) -> datetime.datetime:
    """Usable to the end of the offer's last day, local time."""
    day = offer.valid_to + datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time()))


@dataclass
class Refusal:
    who: str  # the card number as pasted, or the member's name
    reason: str


@dataclass
class IssueResult:
    vouchers: list[Voucher] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)


def _check_issuable(offer: Offer, today: datetime.date) -> None:
    if offer.status != OfferStatus.PUBLISHED:
        raise ValidationFailed(msg(_("优惠当前状态为“%(status)s”，不能发放。"), {
            "status": OfferStatus(offer.status).label}), field="offer", code="not_published")
    if offer.merchant.status != MerchantStatus.ACTIVE:
        raise ValidationFailed(_("商户合作已暂停，暂不能领取或发放。"), field="offer", code="merchant_suspended")
    if today > offer.valid_to:
        raise ValidationFailed(msg(_("优惠已于%(day)s结束。"), {"day": offer.valid_to.isoformat()}), field="offer",
                               code="ended")


def _grant(actor: Any, offer_pk: int, members: Sequence[tuple[str, Member]], channel: str) -> IssueResult:
    """One voucher to each (label, member), inside the caller's transaction; the refused named."""
    offer = Offer.objects.select_for_update().select_related("merchant", "union").get(pk=offer_pk)
    now = timezone.now()
    _check_issuable(offer, timezone.localdate(now))
    held = dict(Voucher.objects.filter(offer=offer, member_id__in=[m.pk for _, m in members])
                .exclude(status=VoucherStatus.VOID).values_list("member_id").annotate(n=Count("id")).order_by())
    result, chosen = IssueResult(), []
    for label, member in members:
        if member.status not in LIVE_STATUSES or not member.org_path.startswith(offer.org_path):
            result.refused.append(Refusal(label, str(msg(_("不是“%(union)s”的在册会员，不在优惠适用范围内。"), {
                "union": offer.union.name}))))
        elif held.get(member.pk, 0) >= offer.per_person_limit:
            result.refused.append(Refusal(label, str(msg(_("已达每人限领%(n)d张。"), {"n": offer.per_person_limit}))))
        else:
            chosen.append(member)
    room = offer.remaining
    if room is not None and len(chosen) > room:
        labels = {m.pk: lb for lb, m in members}
        result.refused += [Refusal(labels[late.pk], str(_("已发完，没有剩余数量。"))) for late in chosen[room:]]
        chosen = chosen[:room]
    if not chosen:
        return result
    n = len(chosen)
    cap = Q(quantity__isnull=True) | Q(quantity__gte=F("issued") + n)
    if not Offer.objects.filter(Q(pk=offer.pk) & cap).update(issued=F("issued") + n):
        raise Conflict(CONCURRENT_CHANGE)
    actor_row = who(actor)
    expires = expiry_of(offer)
    result.vouchers = Voucher.objects.bulk_create([
        Voucher(offer=offer, member=m, org_path=m.org_path, code=new_code(), channel=channel, issued_at=now,
                expires_at=expires, issued_by=actor_row.shown) for m in chosen])
    return result


def _live_member_of(worker: PortalWorker) -> Member:
    member = (Member.objects.filter(phone_index__in=blind_index_candidates(worker.phone), status__in=LIVE_STATUSES)
              .order_by("pk").first())
    if member is None:
        raise ValidationFailed(_("没有找到您的在册会员信息，请使用会员档案中登记的手机号登录。"), field="member",
                               code="not_member")
    return member


def voucher_claim(*, worker: PortalWorker, offer_pk: Any) -> Voucher:
    """A member takes one voucher of a published offer of their subtree, within the limits."""
    member = _live_member_of(worker)
    if not str(offer_pk).isdigit() or not Offer.objects.filter(pk=offer_pk).exists():
        raise NotFound()
    with transaction.atomic():
        result = _grant(worker.actor, int(offer_pk), [(member.name, member)], VoucherChannel.CLAIM)
        if result.refused:
            raise ValidationFailed(result.refused[0].reason, field="offer", code="refused")
        voucher = result.vouchers[0]
        record_event(actor=worker.actor, action="voucher_claim", org_path=voucher.org_path, offer=voucher.offer,
                     voucher=voucher, new_status=voucher.status, detail={"code": voucher.masked_code})
    return voucher


def _members_by_cards(numbers: Iterable[str]) -> tuple[list[tuple[str, Member]], list[Refusal]]:
    wanted = list(dict.fromkeys(n.strip() for n in numbers if n and n.strip()))
    cards = {c.number: c.member for c in MemberCard.objects.filter(number__in=wanted,
                                                                     status=MemberCard.Status.ACTIVE)
             .select_related("member")}
    found = [(n, cards[n]) for n in wanted if n in cards]
    missing = [Refusal(n, str(_("没有这张有效的会员卡。"))) for n in wanted if n not in cards]
    return found, missing


def voucher_issue(*, actor: Any, offer: Offer, union: TradeUnion | None = None,
                  card_numbers: Sequence[str] = ()) -> IssueResult:
    """A cadre issues one voucher to each live member of a union's subtree, or to each member whose
    card number is listed. Members past the limit, outside the offer's subtree or beyond the quantity
    are refused by name; the rest are issued in one statement."""
    require_manage(actor, offer.org_path)
    if union is not None:
        require_manage(actor, union.path)
        members = list(Member.objects.filter(subtree_q("org_path", union.path), status__in=LIVE_STATUSES)
                       .order_by("pk")[:MAX_BATCH + 1])
        picked, missing = [(m.name, m) for m in members], list[Refusal]()
    else:
        picked, missing = _members_by_cards(card_numbers)
        if not picked and not missing:
            raise ValidationFailed(_("请填写会员卡号，每行一个。"), field="members", code="required")
    if len(picked) > MAX_BATCH:
        raise ValidationFailed(msg(_("一次最多发放%(n)d人，请缩小范围。"), {"n": MAX_BATCH}), field="members",
                               code="too_many")
    # A cadre may issue only to members they could see: someone outside their scope is refused, not named.
    outside = [(lb, m) for lb, m in picked if not m.org_path.startswith(offer.org_path)]
    inside = [(lb, m) for lb, m in picked if m.org_path.startswith(offer.org_path)]
    with transaction.atomic():
        result = _grant(actor, offer.pk, inside, VoucherChannel.ISSUE)
        result.refused = missing + [Refusal(lb, str(_("不在优惠适用范围内。"))) for lb, _m in outside] + result.refused
        record_event(actor=actor, action="voucher_issue", org_path=offer.org_path, offer=offer,
                     note=str(msg(_("发放%(n)d张，未发放%(r)d人"), {"n": len(result.vouchers),
                                                              "r": len(result.refused)})),
                     detail={"issued": len(result.vouchers), "refused": len(result.refused)})
    return result


def voucher_void(*, actor: Any, voucher: Voucher, reason: str) -> Voucher:
    """An unused voucher is cancelled and its place given back to the offer's quantity."""
    require_manage(actor, voucher.org_path)
    note = clean_text(reason, field="reason", max_length=200, required=True)
    if voucher.status != VoucherStatus.UNUSED:
        raise ValidationFailed(msg(_("券当前状态为“%(status)s”，不能作废。"), {
            "status": VoucherStatus(voucher.status).label}), field="status", code="bad_transition")
    with transaction.atomic():
        if not Voucher.objects.filter(pk=voucher.pk, status=VoucherStatus.UNUSED).update(
                status=VoucherStatus.VOID, voided_at=timezone.now(), void_reason=note):
            raise Conflict(_("该券刚刚已被核销或作废，请刷新后查看。"))
        Offer.objects.filter(pk=voucher.offer_id, issued__gt=0).update(issued=F("issued") - 1)
        record_event(actor=actor, action="voucher_void", org_path=voucher.org_path, voucher=voucher,
                     old_status=VoucherStatus.UNUSED, new_status=VoucherStatus.VOID, note=note)
    voucher.refresh_from_db()
    return voucher


def voucher_expire_due(*, actor: Any, now: datetime.datetime | None = None) -> int:
    """The sweep: unused vouchers past their date become 已过期, set-based with the same compare-and-set
    a redemption uses, so a voucher redeemed in the same instant is never both."""
    moment = now or timezone.now()
    with transaction.atomic():
        count = Voucher.objects.filter(status=VoucherStatus.UNUSED, expires_at__lte=moment).update(
            status=VoucherStatus.EXPIRED)
        if count:
            audit_record(actor=who(actor), action="benefits.voucher_expire", detail={"count": count})
    return count

"""Every read of 会员普惠, each through the caller's scope (out of scope answers like missing), and
what a worker on the portal may see: the offers open to them and their own vouchers."""

import datetime
from dataclasses import dataclass

from django.db.models import BooleanField, Case, Count, Q, QuerySet, Value, When
from django.utils import timezone

from gonghui.benefits.choices import MerchantStatus, OfferStatus, VoucherStatus
from gonghui.benefits.models import BenefitEvent, Merchant, Offer, Voucher
from gonghui.core.counting import count_each
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member, Partner
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs import tree
from gonghui.orgs.models import Region
from gonghui.orgs.scope import Scope, get_visible

OFFER_ENDING_DAYS = 7
AGREEMENT_ENDING_DAYS = 30


def merchant_list(*, scope: Scope, status: str = "", query: str = "", ending: bool = False) -> QuerySet[Merchant]:
    qs = Merchant.objects.visible_to(scope).select_related("union", "region", "partner")
    if status:
        qs = qs.filter(status=status)
    if query:
        qs = qs.filter(Q(name__icontains=query) | Q(credit_code=query.upper()))
    if ending:
        qs = qs.filter(agreements_ending_q())
    return qs


def merchant_get(*, scope: Scope, pk: int) -> Merchant:
    return get_visible(Merchant.objects.select_related("union", "region", "partner"), scope, pk=pk)


def agreements_ending_q(today: datetime.date | None = None) -> Q:
    """Active merchants whose agreement ends within 30 days: the to-do line and the list it opens."""
    today = today or timezone.localdate()
    return Q(status=MerchantStatus.ACTIVE, agreement_to__gte=today,
             agreement_to__lte=today + datetime.timedelta(days=AGREEMENT_ENDING_DAYS))


def offers_ending_q(today: datetime.date | None = None) -> Q:
    today = today or timezone.localdate()
    return Q(status=OfferStatus.PUBLISHED, valid_to__gte=today,
             valid_to__lte=today + datetime.timedelta(days=OFFER_ENDING_DAYS))


def offers_seen(*, scope: Scope) -> QuerySet[Offer]:
    """The offers a cadre sees: those its subtree owns (it manages them) and, read-only, those whose
    audience subtree holds its union (signed above it, open to its members). Each row carries
    `from_above`: True for an offer the cadre may read but not manage."""
    if scope.everything:
        return Offer.objects.annotate(from_above=Value(False))
    above = {path for root in scope.roots for path in tree.ancestor_paths(root)}
    owned = scope.q("org_path")
    return Offer.objects.filter(owned | Q(org_path__in=above)).annotate(
        from_above=Case(When(owned, then=Value(False)), default=Value(True), output_field=BooleanField()))


def offer_list(*, scope: Scope, status: str = "", kind: str = "", merchant: int | None = None, query: str = "",
               ending: bool = False) -> QuerySet[Offer]:
    qs = offers_seen(scope=scope).select_related("merchant", "union")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if merchant:
        qs = qs.filter(merchant_id=merchant)
    if query:
        qs = qs.filter(Q(title__icontains=query) | Q(merchant__name__icontains=query))
    if ending:
        qs = qs.filter(offers_ending_q())
    return qs


def offer_get(*, scope: Scope, pk: int, to_manage: bool = False) -> Offer:
    """One offer the cadre sees (`offers_seen`); `to_manage`: only one its subtree owns, any other
    answering as missing, as every out-of-scope write does."""
    qs = Offer.objects.visible_to(scope).annotate(from_above=Value(False)) if to_manage else offers_seen(scope=scope)
    offer: Offer | None = qs.select_related("merchant", "merchant__union", "union").filter(pk=pk).first()
    if offer is None:
        raise NotFound()
    return offer


def offer_counts(offer: Offer, *, scope: Scope) -> dict[str, int]:
    """Its vouchers by status, counting only those held by members in the scope."""
    rows = dict(Voucher.objects.visible_to(scope).filter(offer=offer).values_list("status")
                .annotate(n=Count("id")).order_by())
    return {s: rows.get(s, 0) for s in VoucherStatus.values}


def voucher_list(*, scope: Scope, offer: int | None = None, status: str = "") -> QuerySet[Voucher]:
    qs = Voucher.objects.visible_to(scope).select_related("offer", "offer__merchant", "member", "redeemed_merchant")
    if offer:
        qs = qs.filter(offer_id=offer)
    if status:
        qs = qs.filter(status=status)
    return qs


def voucher_get(*, scope: Scope, pk: int) -> Voucher:
    return get_visible(Voucher.objects.select_related("offer", "offer__merchant", "member"), scope, pk=pk)


def events_of(*, merchant: Merchant | None = None, offer: Offer | None = None) -> QuerySet[BenefitEvent]:
    if merchant is not None:
        return BenefitEvent.objects.filter(merchant=merchant)
    return BenefitEvent.objects.filter(offer=offer)


def partner_choices(*, merchant: Merchant) -> QuerySet[Partner]:
    """Active keys of the deployment that could serve this merchant: allowed to redeem vouchers,
    registered above it, not taken."""
    above = [*tree.ancestor_paths(merchant.org_path), merchant.org_path]
    return (Partner.objects.filter(is_active=True, may_redeem=True, union__path__in=above)
            .filter(Q(merchant__isnull=True) | Q(merchant=merchant)).order_by("name"))


def todo_counts(*, scope: Scope) -> dict[str, int]:
    return count_each(offers_ending=Offer.objects.visible_to(scope).filter(offers_ending_q()),
                      agreements_ending=Merchant.objects.visible_to(scope).filter(agreements_ending_q()))


# The worker's side (portal): known only by the phone proved at login.


@dataclass(frozen=True)
class WorkerBenefits:
    member: Member | None
    offers: list[Offer]
    vouchers: list[Voucher]


def worker_member(worker: PortalWorker) -> Member | None:
    return (Member.objects.filter(phone_index__in=blind_index_candidates(worker.phone), status__in=LIVE_STATUSES)
            .order_by("pk").first())


def open_offers_q(member: Member, today: datetime.date) -> Q:
    """Published offers of active merchants, running today or later, whose subtree holds the member."""
    return Q(status=OfferStatus.PUBLISHED, merchant__status=MerchantStatus.ACTIVE, valid_to__gte=today,
             org_path__in=[*tree.ancestor_paths(member.org_path), member.org_path])


def worker_benefits(*, worker: PortalWorker, offers_shown: int = 50, vouchers_shown: int = 100) -> WorkerBenefits:
    member = worker_member(worker)
    if member is None:
        return WorkerBenefits(None, [], [])
    today = timezone.localdate()
    offers = list(Offer.objects.filter(open_offers_q(member, today)).select_related("merchant", "merchant__region")
                  .order_by("valid_to", "pk")[:offers_shown])
    vouchers = list(Voucher.objects.filter(member=member).select_related("offer", "offer__merchant")
                    .order_by("-issued_at", "-pk")[:vouchers_shown])
    return WorkerBenefits(member, offers, vouchers)


def worker_voucher(*, worker: PortalWorker, pk: int) -> Voucher | None:
    member = worker_member(worker)
    if member is None:
        return None
    return (Voucher.objects.filter(member=member, pk=pk).select_related("offer", "offer__merchant",
                                                                         "offer__merchant__region").first())


def region_get(*, adcode: str) -> Region | None:
    return Region.objects.filter(adcode=str(adcode or "").strip()).first() if adcode else None


def masked_name(name: str) -> str:
    """What a voucher list shows of its holder: the surname only."""
    return name[:1] + "*" * max(1, len(name) - 1) if name else ""

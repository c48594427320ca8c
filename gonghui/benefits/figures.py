"""Figures per offer: 发放 (vouchers issued in the period, void ones not counted), 核销 (redeemed in the
period) and 核销率, over the offers of a subtree. One grouped query; no per-offer counting."""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q
from django.utils import timezone

from gonghui.benefits.choices import VoucherStatus
from gonghui.benefits.models import Offer
from gonghui.benefits.selectors import offers_seen
from gonghui.orgs.scope import Scope, subtree_q


@dataclass(frozen=True)
class OfferFigure:
    offer: Offer
    issued: int
    redeemed: int

    @property
    def rate(self) -> Decimal | None:
        if not self.issued:
            return None
        return (Decimal(self.redeemed * 100) / self.issued).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Figures:
    rows: list[OfferFigure]
    issued: int
    redeemed: int

    @property
    def rate(self) -> Decimal | None:
        return OfferFigure(None, self.issued, self.redeemed).rate  # type: ignore[arg-type]


def _bounds(start: datetime.date, end: datetime.date) -> tuple[datetime.datetime, datetime.datetime]:
    first = timezone.make_aware(datetime.datetime.combine(start, datetime.time()))
    last = timezone.make_aware(datetime.datetime.combine(end + datetime.timedelta(days=1), datetime.time()))
    return first, last


def offer_figures(*, scope: Scope, start: datetime.date, end: datetime.date, union_path: str = "",
                  limit: int = 500) -> Figures:
    """The offers the scope sees (narrowed to `union_path`'s subtree), with what happened in [start, end]
    to the vouchers of the scope's own members: an offer signed above counts only those."""
    first, last = _bounds(start, end)
    qs = offers_seen(scope=scope)
    if union_path:
        qs = qs.filter(subtree_q("org_path", union_path))
    mine = scope.q("vouchers__org_path")
    issued = Count("vouchers", filter=mine & Q(vouchers__issued_at__gte=first, vouchers__issued_at__lt=last)
                   & ~Q(vouchers__status=VoucherStatus.VOID))
    redeemed = Count("vouchers", filter=mine & Q(vouchers__redeemed_at__gte=first, vouchers__redeemed_at__lt=last))
    rows = [OfferFigure(o, o.n_issued, o.n_redeemed) for o in
            qs.select_related("merchant").annotate(n_issued=issued, n_redeemed=redeemed)
            .filter(Q(n_issued__gt=0) | Q(n_redeemed__gt=0)).order_by("-n_issued", "pk")[:limit]]
    return Figures(rows, sum(r.issued for r in rows), sum(r.redeemed for r in rows))

"""The 会员普惠 metrics equal counts made here over every voucher, for two counties and two periods:
issued (not void) and redeemed by their own moments, the rate a ratio of the two sums."""

import datetime
from decimal import Decimal

import pytest

from gonghui.benefits.models import Voucher
from gonghui.benefits.tests.conftest import make_merchant, make_offer
from gonghui.testing.metrics import DAYS, assert_metric_counts, counted, noon, within

pytestmark = pytest.mark.django_db


def test_benefit_metrics_count_vouchers_issued_and_redeemed(world):
    merchant, _partner, _key = make_merchant(world, union=world.province)
    offers = {world.county: make_offer(merchant, world.county), world.county2: make_offer(merchant, world.county2)}
    member = world.membership.member
    for n, (union, issued, redeemed, status) in enumerate([
            (world.county, DAYS[0], DAYS[1], "redeemed"), (world.county, DAYS[1], None, "unused"),
            (world.county, DAYS[2], None, "void"), (world.county2, DAYS[2], DAYS[3], "redeemed"),
            (world.county2, DAYS[3], None, "expired")]):
        Voucher.objects.create(offer=offers[union], member=member, org_path=world.grassroots.path, code=f"C{n:06d}",
                               channel="claim", issued_at=noon(issued),
                               expires_at=noon(issued) + datetime.timedelta(30),
                               status=status, redeemed_at=noon(redeemed) if redeemed else None,
                               voided_at=noon(issued) if status == "void" else None)
    vouchers = list(Voucher.objects.select_related("offer"))
    unions = (world.county, world.county2)

    def path(v):
        return v.offer.org_path

    issued = counted(vouchers, path, lambda v, p: v.status != "void" and within(v.issued_at, p))
    redeemed = counted(vouchers, path, lambda v, p: within(v.redeemed_at, p))
    assert_metric_counts("benefits.issued", issued, unions)
    assert_metric_counts("benefits.redeemed", redeemed, unions)
    assert_metric_counts("benefits.redemption_rate", lambda under, p: (
        (Decimal(100 * redeemed(under, p)) / issued(under, p)).quantize(Decimal("0.1")) if issued(under, p) else None),
        unions)

"""The demo's 会员普惠: merchants and published offers in the province, vouchers issued and some redeemed."""

from gonghui.benefits.models import Merchant, Offer, Voucher
from gonghui.benefits.tests.conftest import region
from gonghui.demo.benefits import build_demo_benefits
from gonghui.testing.world import make_member


def test_the_demo_signs_merchants_and_issues_vouchers(world):
    region()
    for i in range(5):
        make_member(world.grassroots, name=f"演示{i}")
    tally = build_demo_benefits(world.province)
    assert Merchant.objects.count() == tally["merchants"] == 6
    assert Offer.objects.filter(status="published").count() == tally["offers"] == 6
    assert Voucher.objects.count() == tally["vouchers"] > 0
    assert Voucher.objects.filter(status="redeemed").count() == tally["redeemed"]

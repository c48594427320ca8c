"""The demo's 会员普惠: merchants and published offers in the province, vouchers issued and some redeemed."""

from gonghui.benefits.models import Merchant, Offer, Voucher
from gonghui.benefits.tests.conftest import region
from gonghui.demo.benefits import build_demo_benefits
from gonghui.orgs.models import Region
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


def test_the_demo_places_its_merchants_in_the_province_never_in_another(world):
    Region.objects.get_or_create(adcode="110101", defaults={"name": "东城区", "level": 3, "dataset": "test"})
    world.province.region = Region.objects.get_or_create(adcode="510000", defaults={
        "name": "四川省", "level": 1, "dataset": "test"})[0]
    world.province.save(update_fields=["region"])
    region()
    make_member(world.grassroots, name="演示")
    build_demo_benefits(world.province)
    assert Merchant.objects.exists()
    assert set(Merchant.objects.values_list("region_id", flat=True)) == {"510104"}

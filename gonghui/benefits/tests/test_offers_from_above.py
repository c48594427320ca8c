"""An offer signed above a cadre's union and open to its members: seen read-only, its figures counting
only the vouchers of the cadre's own members; an offer for another county's members never seen."""

import pytest

from gonghui.benefits.figures import offer_figures
from gonghui.benefits.selectors import offer_counts, offer_get, offer_list
from gonghui.benefits.services import offer_withdraw, voucher_claim
from gonghui.benefits.tests.conftest import make_merchant, make_offer, shop  # noqa: F401
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_member

pytestmark = pytest.mark.django_db


def county_scope(world):
    return scope_for(world.county_admin, Perm.BENEFITS_VIEW)


@pytest.fixture
def claimed(world, shop):  # noqa: F811
    """A city-wide offer (the shop's, for 成都市总工会's members) claimed by 李四 of the county; a province-wide
    one claimed by 李四 and by a member of 绵阳's county; an offer for that other county's members only."""
    province_merchant, *_ = make_merchant(world, union=world.province, name="锦城影院")
    province_offer = make_offer(province_merchant, world.province, title="全省职工观影")
    other = Member.objects.get(pk=make_member(world.county2, name="王五").member_id)
    for member in (shop.member, other):
        voucher_claim(worker=PortalWorker(phone=member.phone), offer_pk=province_offer.pk)
    voucher_claim(worker=PortalWorker(phone=shop.member.phone), offer_pk=shop.offer.pk)
    merchant, *_ = make_merchant(world, union=world.city2, name="涪城书店")
    elsewhere = make_offer(merchant, world.county2, title="涪城会员购书")
    return province_offer, elsewhere


def test_a_county_sees_the_offers_signed_above_it_read_only(world, shop, claimed):  # noqa: F811
    province_offer, _ = claimed
    rows = {o.title: o.from_above for o in offer_list(scope=county_scope(world))}
    assert rows == {"购书立减20元": True, "全省职工观影": True}
    assert offer_get(scope=county_scope(world), pk=province_offer.pk).from_above is True
    # The city, whose subtree owns the shop's offer, manages it.
    city = scope_for(world.province_officer, Perm.BENEFITS_VIEW)
    assert offer_get(scope=city, pk=shop.offer.pk).from_above is False


def test_a_county_never_sees_another_countys_offer(world, claimed):
    _, elsewhere = claimed
    assert elsewhere not in offer_list(scope=county_scope(world))
    with pytest.raises(NotFound):
        offer_get(scope=county_scope(world), pk=elsewhere.pk)


def test_the_figures_count_only_the_vouchers_of_the_countys_members(world, claimed):
    province_offer, _ = claimed
    assert offer_counts(province_offer, scope=county_scope(world))["unused"] == 1
    assert offer_counts(province_offer, scope=scope_for(world.province_officer, Perm.BENEFITS_VIEW))["unused"] == 2
    province_offer.refresh_from_db()
    start = end = province_offer.valid_from
    figures = {r.offer.title: r.issued for r in offer_figures(scope=county_scope(world), start=start, end=end).rows}
    assert figures == {"全省职工观影": 1, "购书立减20元": 1}


def test_a_county_may_not_manage_an_offer_signed_above_it(world, claimed):
    province_offer, _ = claimed
    with pytest.raises(NotFound):
        offer_get(scope=county_scope(world), pk=province_offer.pk, to_manage=True)
    with pytest.raises(NotFound):
        offer_withdraw(actor=world.county_admin, offer=province_offer, reason="不再合作")

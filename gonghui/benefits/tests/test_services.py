"""Merchants, offers and vouchers: every refusal names its field or rule; limits and quantity hold."""

import datetime

import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.benefits.choices import MerchantStatus, OfferStatus, VoucherStatus
from gonghui.benefits.models import BenefitEvent, Offer, Voucher
from gonghui.benefits.services import (
    merchant_link_partner,
    merchant_sign,
    merchant_suspend,
    offer_create,
    offer_publish,
    offer_withdraw,
    voucher_claim,
    voucher_expire_due,
    voucher_issue,
    voucher_void,
)
from gonghui.benefits.services.vouchers import CODE_LENGTH
from gonghui.benefits.tests.conftest import make_merchant, make_offer, merchant_data, offer_data
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.periodic import periodic_jobs
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.cards import card_issue
from gonghui.members.services.partners import partner_create
from gonghui.testing.world import SYSTEM, make_member, make_user


def worker_of(member) -> PortalWorker:
    return PortalWorker(phone=member.phone)


def test_signing_a_merchant_checks_the_credit_code_and_the_agreement_period(world):
    with pytest.raises(ValidationFailed) as bad_code:
        merchant_sign(actor=world.county_admin, union=world.county, data=merchant_data(credit_code="91510104MA6"))
    assert bad_code.value.field == "credit_code"
    today = timezone.localdate()
    with pytest.raises(ValidationFailed) as backwards:
        merchant_sign(actor=world.county_admin, union=world.county,
                      data=merchant_data(agreement_to=today - datetime.timedelta(days=60)))
    assert backwards.value.field == "agreement_to"
    with pytest.raises(ValidationFailed) as no_region:
        merchant_sign(actor=world.county_admin, union=world.county, data=merchant_data(region=None))
    assert no_region.value.field == "region"
    merchant = merchant_sign(actor=world.county_admin, union=world.county, data=merchant_data())
    assert merchant.org_path == world.county.path
    assert BenefitEvent.objects.filter(merchant=merchant, action="merchant_sign").exists()
    assert AuditEntry.objects.filter(action="benefits.merchant_sign", object_id=str(merchant.pk)).exists()
    with pytest.raises(ValidationFailed) as twice:
        merchant_sign(actor=world.county_admin, union=world.county,
                      data=merchant_data(credit_code=merchant.credit_code))
    assert twice.value.code == "duplicate"


def test_an_out_of_scope_cadre_cannot_sign_or_publish(world):
    with pytest.raises(NotFound):
        merchant_sign(actor=world.other_province_officer, union=world.county, data=merchant_data())
    merchant, _p, _k = make_merchant(world)
    offer = make_offer(merchant, world.city, publish=False)
    with pytest.raises(NotFound):
        offer_publish(actor=world.other_province_officer, offer=offer)
    county_admin = make_user("county_benefits", world.county, RoleCode.UNION_ADMIN)
    with pytest.raises((NotFound, ValidationFailed)):
        offer_create(actor=county_admin, merchant=merchant, union=world.county, data=offer_data())


def test_an_offer_stays_inside_the_merchants_union_and_agreement(world):
    merchant, _p, _k = make_merchant(world, union=world.county)
    with pytest.raises(ValidationFailed) as wider:
        offer_create(actor=SYSTEM, merchant=merchant, union=world.city, data=offer_data())
    assert wider.value.field == "union"
    with pytest.raises(ValidationFailed) as late:
        offer_create(actor=SYSTEM, merchant=merchant, union=world.county,
                     data=offer_data(valid_to=merchant.agreement_to + datetime.timedelta(days=1)))
    assert late.value.field == "valid_to"
    with pytest.raises(ValidationFailed) as limit:
        offer_create(actor=SYSTEM, merchant=merchant, union=world.county, data=offer_data(per_person_limit=0))
    assert limit.value.field == "per_person_limit"
    with pytest.raises(ValidationFailed) as kind:
        offer_create(actor=SYSTEM, merchant=merchant, union=world.county, data=offer_data(kind="cash"))
    assert kind.value.field == "kind"


def test_a_member_claims_within_the_per_person_limit(world, shop):
    voucher = voucher_claim(worker=worker_of(shop.member), offer_pk=shop.offer.pk)
    assert voucher.status == VoucherStatus.UNUSED and len(voucher.code) == CODE_LENGTH
    assert voucher.expires_at.date() >= shop.offer.valid_to
    with pytest.raises(ValidationFailed, match="每人限领1张"):
        voucher_claim(worker=worker_of(shop.member), offer_pk=shop.offer.pk)
    assert Offer.objects.get(pk=shop.offer.pk).issued == 1


def test_a_member_outside_the_offers_subtree_is_refused(world, shop):
    outsider = make_member(world.county2, name="赵六").member
    with pytest.raises(ValidationFailed, match="不在优惠适用范围内"):
        voucher_claim(worker=worker_of(outsider), offer_pk=shop.offer.pk)
    with pytest.raises(ValidationFailed) as nobody:
        voucher_claim(worker=PortalWorker(phone="13900000000"), offer_pk=shop.offer.pk)
    assert nobody.value.code == "not_member"


def test_the_quantity_never_goes_negative(world, shop):
    offer = make_offer(shop.merchant, world.city, quantity=2, title="限量两张")
    members = [make_member(world.grassroots, name=f"会员{i}").member for i in range(3)]
    cards = [card_issue(actor=SYSTEM, member=m).number for m in members]
    result = voucher_issue(actor=world.province_officer, offer=offer, card_numbers=[*cards, "6200000000000000000"])
    assert len(result.vouchers) == 2
    assert {r.who for r in result.refused} == {cards[2], "6200000000000000000"}
    assert any("已发完" in r.reason for r in result.refused)
    offer.refresh_from_db()
    assert offer.issued == 2 and offer.remaining == 0
    with pytest.raises(ValidationFailed, match="已发完"):
        voucher_claim(worker=worker_of(shop.member), offer_pk=offer.pk)
    voucher_void(actor=world.province_officer, voucher=result.vouchers[0], reason="会员离职")
    offer.refresh_from_db()
    assert offer.issued == 1
    assert voucher_claim(worker=worker_of(shop.member), offer_pk=offer.pk).status == VoucherStatus.UNUSED


def test_issuing_to_a_union_subtree_names_those_refused(world, shop):
    voucher_claim(worker=worker_of(shop.member), offer_pk=shop.offer.pk)
    make_member(world.grassroots, name="钱七")
    result = voucher_issue(actor=world.province_officer, offer=shop.offer, union=world.grassroots)
    assert [v.member.name for v in result.vouchers] == ["钱七"]
    assert [r.who for r in result.refused] == ["李四"]


def test_an_out_of_scope_cadre_cannot_issue(world, shop):
    with pytest.raises(NotFound):
        voucher_issue(actor=world.other_province_officer, offer=shop.offer, card_numbers=[shop.card.number])


def test_a_withdrawn_offer_or_suspended_merchant_issues_nothing(world, shop):
    merchant_suspend(actor=SYSTEM, merchant=shop.merchant, reason="经营异常")
    with pytest.raises(ValidationFailed) as suspended:
        voucher_claim(worker=worker_of(shop.member), offer_pk=shop.offer.pk)
    assert suspended.value.code == "merchant_suspended"
    shop.merchant.refresh_from_db()
    assert shop.merchant.status == MerchantStatus.SUSPENDED
    offer_withdraw(actor=SYSTEM, offer=shop.offer, reason="活动结束")
    with pytest.raises(ValidationFailed) as withdrawn:
        voucher_issue(actor=SYSTEM, offer=Offer.objects.get(pk=shop.offer.pk), card_numbers=[shop.card.number])
    assert withdrawn.value.code == "not_published"
    with pytest.raises(ValidationFailed) as again:
        offer_withdraw(actor=SYSTEM, offer=Offer.objects.get(pk=shop.offer.pk), reason="再次")
    assert again.value.field == "status"
    assert Offer.objects.get(pk=shop.offer.pk).status == OfferStatus.WITHDRAWN


def test_void_needs_a_reason_and_an_unused_voucher(world, shop):
    voucher = voucher_claim(worker=worker_of(shop.member), offer_pk=shop.offer.pk)
    with pytest.raises(ValidationFailed) as no_reason:
        voucher_void(actor=SYSTEM, voucher=voucher, reason="")
    assert no_reason.value.field == "reason"
    voucher = voucher_void(actor=SYSTEM, voucher=voucher, reason="误发")
    with pytest.raises(ValidationFailed) as twice:
        voucher_void(actor=SYSTEM, voucher=voucher, reason="误发")
    assert twice.value.field == "status"


def test_the_sweep_expires_unused_vouchers_past_their_date(world, shop):
    voucher = voucher_claim(worker=worker_of(shop.member), offer_pk=shop.offer.pk)
    assert "voucher_expire_due" in periodic_jobs()
    assert voucher_expire_due(actor=SYSTEM) == 0
    assert voucher_expire_due(actor=SYSTEM, now=voucher.expires_at) == 1
    assert Voucher.objects.get(pk=voucher.pk).status == VoucherStatus.EXPIRED


def test_a_partner_key_serves_one_merchant(world, shop):
    other, _p, _k = make_merchant(world, name="锦江茶馆")
    with pytest.raises(ValidationFailed) as taken:
        merchant_link_partner(actor=SYSTEM, merchant=other, partner=shop.partner)
    assert taken.value.field == "partner" and taken.value.code == "taken"
    foreign, _key = partner_create(actor=SYSTEM, union=world.other_province, name="外省商户", purposes=["redeem"])
    with pytest.raises(ValidationFailed) as out:
        merchant_link_partner(actor=SYSTEM, merchant=other, partner=foreign)
    assert out.value.code == "out_of_tree"


def test_a_key_without_the_redeem_purpose_is_neither_offered_nor_linked_to_a_merchant(world, shop):
    from gonghui.benefits.selectors import partner_choices

    other, _p, _k = make_merchant(world, name="锦江茶馆")
    bank, _key = partner_create(actor=SYSTEM, union=world.province, name="示例银行", purposes=["verify"])
    assert bank not in partner_choices(merchant=other)
    with pytest.raises(ValidationFailed) as refused:
        merchant_link_partner(actor=SYSTEM, merchant=other, partner=bank)
    assert (refused.value.field, refused.value.code) == ("partner", "purpose")
    assert "核销会员优惠券" in str(refused.value.message)

"""会员普惠 over the API: the cadre steps in scope, refusals naming the field, and the merchant's
redemption under /verify with its partner key."""

import datetime

import pytest
from django.utils import timezone

from gonghui.api.conftest import ApiClient
from gonghui.benefits.choices import VoucherStatus
from gonghui.benefits.models import Voucher
from gonghui.benefits.services import voucher_claim
from gonghui.benefits.tests.conftest import (
    make_merchant,
    make_offer,
    region,
    shop,  # noqa: F401  (fixture)
)
from gonghui.members.services.applications import PortalWorker
from gonghui.testing.world import make_credit_code

pytestmark = pytest.mark.django_db


def merchant_body(world, **over):
    today = timezone.localdate()
    region()
    return {"union_id": world.county.pk, "name": "锦江茶馆", "credit_code": make_credit_code(), "region": "510104",
            "address": "东大街1号", "contact_name": "钱经理", "contact_phone": "028-1234567",
            "agreement_from": str(today), "agreement_to": str(today + datetime.timedelta(days=365)), **over}


def test_a_cadre_signs_a_merchant_publishes_an_offer_and_issues(world, api_as, shop):  # noqa: F811
    api = api_as("county_admin")
    response = api.post("/benefits/merchants", merchant_body(world))
    assert response.status_code == 201, response.json()
    merchant = response.json()
    today = timezone.localdate()
    offer = api.post("/benefits/offers", {
        "merchant_id": merchant["id"], "union_id": world.county.pk, "kind": "discount", "title": "茶饮八折",
        "valid_from": str(today), "valid_to": str(today + datetime.timedelta(days=30)), "per_person_limit": 1,
        "quantity": 10})
    assert offer.status_code == 201, offer.json()
    offer_id = offer.json()["id"]
    assert api.post(f"/benefits/offers/{offer_id}/publish").json()["status"] == "published"
    issued = api.post(f"/benefits/offers/{offer_id}/issue", {"card_numbers": [shop.card.number, "6299"]}).json()
    assert issued["issued"] == 1 and [r["who"] for r in issued["refused"]] == ["6299"]
    vouchers = api.get("/benefits/vouchers", offer_id=offer_id).json()["items"]
    assert vouchers[0]["member"] == "李*" and "*" in vouchers[0]["code"]
    figures = api.get("/benefits/figures", start=str(today), end=str(today)).json()
    assert figures["issued"] >= 1


def test_refusals_name_the_field(world, api_as):
    api = api_as("county_admin")
    bad = api.post("/benefits/merchants", merchant_body(world, credit_code="91510104000000000X"))
    assert bad.status_code == 400 and bad.json()["field"] == "credit_code"
    today = timezone.localdate()
    backwards = api.post("/benefits/merchants", merchant_body(world, agreement_to=str(today - datetime.timedelta(1))))
    assert backwards.status_code == 400 and backwards.json()["field"] == "agreement_to"
    nowhere = api.post("/benefits/merchants", merchant_body(world, region="999999"))
    assert nowhere.json()["field"] == "region"


def test_another_provinces_cadre_sees_nothing_and_acts_on_nothing(world, api_as, shop):  # noqa: F811
    api = api_as("other_province_officer")
    assert api.get(f"/benefits/merchants/{shop.merchant.pk}").status_code == 404
    assert api.post(f"/benefits/offers/{shop.offer.pk}/withdraw", {"reason": "x"}).status_code == 404
    assert api.get("/benefits/merchants").json()["items"] == []
    assert api_as("no_grants").get("/benefits/offers").status_code == 403


def as_partner(key: str) -> ApiClient:
    client = ApiClient()
    client.headers = {"X-Partner-Key": key}
    return client


def test_the_merchant_redeems_under_verify_and_learns_nothing_personal(world, shop):  # noqa: F811
    voucher = voucher_claim(worker=PortalWorker(phone=shop.member.phone), offer_pk=shop.offer.pk)
    client = as_partner(shop.key)
    response = client.post("/verify/voucher", {"code": voucher.code, "card_token": shop.token})
    assert response.status_code == 200, response.json()
    assert set(response.json()) == {"code", "offer_title", "offer_kind", "redeemed_at"}
    assert Voucher.objects.get(pk=voucher.pk).status == VoucherStatus.REDEEMED
    again = client.post("/verify/voucher", {"code": voucher.code, "card_token": shop.token})
    assert again.status_code == 400 and again.json()["code"] == "used"
    _other, _p, other_key = make_merchant(world, name="锦江茶馆")
    second = make_offer(shop.merchant, world.city, title="第二项")
    mine = voucher_claim(worker=PortalWorker(phone=shop.member.phone), offer_pk=second.pk)
    foreign = as_partner(other_key).post("/verify/voucher", {"code": mine.code, "card_token": shop.token})
    assert foreign.status_code == 400 and foreign.json()["code"] == "other_merchant"
    assert ApiClient().post("/verify/voucher", {"code": mine.code, "card_token": shop.token}).status_code == 401


def test_a_county_lists_an_offer_signed_above_it_read_only_and_may_not_act_on_it(world, api_as, shop):  # noqa: F811
    api = api_as("county_admin")
    listed = {o["id"]: o for o in api.get("/benefits/offers").json()["items"]}
    assert listed[shop.offer.pk]["from_above"] is True and listed[shop.offer.pk]["issued"] is None
    assert api.get(f"/benefits/offers/{shop.offer.pk}").json()["from_above"] is True
    assert api.post(f"/benefits/offers/{shop.offer.pk}/withdraw", {"reason": "不再合作"}).status_code == 404
    assert api.post(f"/benefits/offers/{shop.offer.pk}/issue", {"card_numbers": [shop.card.number]}).status_code == 404
    other_city = make_offer(make_merchant(world, union=world.city2, name="涪城书店")[0], world.county2)
    assert other_city.pk not in {o["id"] for o in api.get("/benefits/offers").json()["items"]}
    assert api.get(f"/benefits/offers/{other_city.pk}").status_code == 404

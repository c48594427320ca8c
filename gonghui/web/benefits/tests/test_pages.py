"""会员普惠 console pages: a cadre signs a merchant, publishes an offer, issues by card numbers, sees
vouchers masked and the figures; out of scope is a 404."""

import pytest
from django.urls import reverse
from django.utils import timezone

from gonghui.benefits.models import Merchant, Offer
from gonghui.benefits.services import voucher_claim
from gonghui.benefits.tests.conftest import region, shop  # noqa: F401
from gonghui.members.services.applications import PortalWorker
from gonghui.testing.world import PASSWORD, make_credit_code

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=PASSWORD)
    return client


def test_a_cadre_signs_a_merchant_and_publishes_an_offer(client, world):
    login(client, world.county_admin)
    region()
    today = timezone.localdate()
    bad = client.post(reverse("web:benefits_merchant_new"), {
        "union": world.county.pk, "name": "锦江茶馆", "credit_code": "123", "region": "510104",
        "agreement_from": today, "agreement_to": today.replace(year=today.year + 1)})
    assert bad.status_code == 400 and "统一社会信用代码应为18位" in bad.content.decode()
    response = client.post(reverse("web:benefits_merchant_new"), {
        "union": world.county.pk, "name": "锦江茶馆", "credit_code": make_credit_code(), "region": "510104",
        "agreement_from": today, "agreement_to": today.replace(year=today.year + 1)})
    merchant = Merchant.objects.get(name="锦江茶馆")
    assert response.status_code == 302
    response = client.post(reverse("web:benefits_offer_new"), {
        "merchant": merchant.pk, "union": world.county.pk, "kind": "discount", "title": "茶饮八折",
        "valid_from": today, "valid_to": today, "per_person_limit": 1})
    offer = Offer.objects.get(title="茶饮八折")
    assert response.status_code == 302
    client.post(reverse("web:benefits_offer_act", args=[offer.pk, "publish"]))
    assert Offer.objects.get(pk=offer.pk).status == "published"
    page = client.get(reverse("web:benefits_offer", args=[offer.pk]))
    assert page.status_code == 200 and 'data-testid="issue-form"' in page.content.decode()


def test_issuing_by_card_numbers_names_the_refused(client, world, shop):  # noqa: F811
    login(client, world.province_officer)
    response = client.post(reverse("web:benefits_offer_act", args=[shop.offer.pk, "issue"]),
                           {"card_numbers": f"{shop.card.number}\n6299"})
    body = response.content.decode()
    assert 'data-testid="issue-result"' in body and "6299" in body and "没有这张有效的会员卡" in body


def test_vouchers_are_listed_masked_and_figures_count_them(client, world, shop):  # noqa: F811
    voucher = voucher_claim(worker=PortalWorker(phone=shop.member.phone), offer_pk=shop.offer.pk)
    login(client, world.province_officer)
    body = client.get(reverse("web:benefits_vouchers")).content.decode()
    assert voucher.masked_code in body and voucher.code not in body and "李*" in body
    figures = client.get(reverse("web:benefits_figures"))
    assert figures.status_code == 200 and shop.offer.title in figures.content.decode()
    for name in ("web:benefits_offers", "web:benefits_merchants"):
        assert client.get(reverse(name)).status_code == 200
    assert client.get(reverse("web:benefits_merchant", args=[shop.merchant.pk])).status_code == 200


def test_another_province_gets_404(client, world, shop):  # noqa: F811
    login(client, world.other_province_officer)
    assert client.get(reverse("web:benefits_offer", args=[shop.offer.pk])).status_code == 404
    assert client.get(reverse("web:benefits_merchant", args=[shop.merchant.pk])).status_code == 404
    assert shop.offer.title not in client.get(reverse("web:benefits_offers")).content.decode()


def test_a_county_reads_an_offer_signed_above_it_without_manage_buttons(client, world, shop):  # noqa: F811
    voucher_claim(worker=PortalWorker(phone=shop.member.phone), offer_pk=shop.offer.pk)
    login(client, world.county_admin)
    listed = client.get(reverse("web:benefits_offers")).content.decode()
    assert shop.offer.title in listed and 'data-testid="from-above"' in listed
    page = client.get(reverse("web:benefits_offer", args=[shop.offer.pk]))
    body = page.content.decode()
    assert page.status_code == 200 and "上级工会发布" in body and 'data-testid="from-above-note"' in body
    assert 'data-testid="issue-form"' not in body and 'data-testid="offer-publish"' not in body
    assert reverse("web:benefits_offer_edit", args=[shop.offer.pk]) not in body
    assert reverse("web:benefits_offer_act", args=[shop.offer.pk, "withdraw"]) not in body
    assert 'data-testid="count-unused"><strong>1<' in body


def test_a_county_may_not_edit_withdraw_or_issue_an_offer_signed_above_it(client, world, shop):  # noqa: F811
    login(client, world.county_admin)
    assert client.get(reverse("web:benefits_offer_edit", args=[shop.offer.pk])).status_code == 404
    for action in ("withdraw", "issue", "publish"):
        response = client.post(reverse("web:benefits_offer_act", args=[shop.offer.pk, action]), {"reason": "x"})
        assert response.status_code == 404, action
    assert Offer.objects.get(pk=shop.offer.pk).status == "published"

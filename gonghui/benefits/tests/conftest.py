"""Fixtures of the benefits tests: a merchant signed by the city, tied to a partner key, with a
published offer for the city's members; the world's member 李四 (grassroots, under the city) with a card."""

import datetime
from types import SimpleNamespace

import pytest
from django.utils import timezone

from gonghui.benefits.services import merchant_link_partner, merchant_sign, offer_create, offer_publish
from gonghui.members.models import Member, Partner
from gonghui.members.services.cards import card_issue, card_token
from gonghui.members.services.partners import partner_create
from gonghui.orgs.models import Region
from gonghui.testing.world import SYSTEM, make_credit_code


def region() -> Region:
    return Region.objects.get_or_create(adcode="510104", defaults={"name": "锦江区", "level": 3, "dataset": "test"})[0]


def merchant_data(**over: object) -> dict:
    today = timezone.localdate()
    return {"name": "蓉城书店", "credit_code": make_credit_code(), "contact_name": "周经理",
            "contact_phone": "028-86000000", "region": region(), "address": "红星路二段1号",
            "agreement_from": today - datetime.timedelta(days=30), "agreement_to": today + datetime.timedelta(days=365),
            **over}


def offer_data(**over: object) -> dict:
    today = timezone.localdate()
    return {"kind": "voucher", "title": "购书立减20元", "terms": "满100元可用", "valid_from": today,
            "valid_to": today + datetime.timedelta(days=60), "per_person_limit": 1, "quantity": 100, **over}


def make_merchant(world, union=None, name: str = "蓉城书店"):
    merchant = merchant_sign(actor=SYSTEM, union=union or world.city, data=merchant_data(name=name))
    partner, key = partner_create(actor=SYSTEM, union=world.province, name=name, purposes=["redeem"])
    return merchant_link_partner(actor=SYSTEM, merchant=merchant, partner=partner), partner, key


def make_offer(merchant, union, publish: bool = True, **over: object):
    offer = offer_create(actor=SYSTEM, merchant=merchant, union=union, data=offer_data(**over))
    return offer_publish(actor=SYSTEM, offer=offer) if publish else offer


@pytest.fixture
def shop(world):
    merchant, partner, key = make_merchant(world)
    offer = make_offer(merchant, world.city)
    member = Member.objects.get(pk=world.membership.member_id)
    card = card_issue(actor=SYSTEM, member=member)
    return SimpleNamespace(merchant=merchant, partner=partner, key=key, offer=offer, member=member, card=card,
                           token=card_token(card))


def partner_of(pk: int) -> Partner:
    return Partner.objects.select_related("union").get(pk=pk)

"""会员普惠 in the demo province: merchants signed by the province and its cities, offers published to
their members, vouchers issued to a grassroots union's members, some redeemed and some expired."""

import datetime
import random
from typing import Any

from django.db.models import Q
from django.utils import timezone

from gonghui.benefits.choices import VoucherStatus
from gonghui.benefits.models import Merchant, Voucher
from gonghui.benefits.services import merchant_sign, offer_create, offer_publish, voucher_issue
from gonghui.core.validators import credit_code_check_character
from gonghui.orgs.choices import Level, UnionStatus
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import SystemActor, subtree_q

ACTOR = SystemActor("demo")
SHOPS = (("新华文轩书店", "voucher", "购书满100减20", 20), ("蜀都健康体检中心", "discount", "会员体检八五折", 200),
         ("川味老灶火锅", "discount", "工会会员九折", 500), ("天府影城", "voucher", "观影代金券15元", 300),
         ("安心家政服务", "free", "免费上门保洁一次", 50), ("平安眼镜", "free", "免费验光配镜咨询", 100))


def _code(rng: random.Random, adcode: str) -> str:
    body = f"92{adcode[:6]}{rng.randrange(10**9):09d}"
    return body + credit_code_check_character(body)


def build_demo_benefits(province: TradeUnion, *, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed + 31)
    today = timezone.localdate()
    cities = list(TradeUnion.objects.filter(subtree_q("path", province.path), level=Level.CITY,
                                            status=UnionStatus.ACTIVE).order_by("-subtree_members", "path")[:2])
    tally = {"merchants": 0, "offers": 0, "vouchers": 0, "redeemed": 0}
    for i, (name, kind, title, quantity) in enumerate(SHOPS):
        union = ([province, *cities])[i % (1 + len(cities))]
        # A district of the union's city, else of its province (a province's own code has no district under
        # its first four digits), never one of another province.
        code = union.region_id or province.region_id or "51"
        region = (Region.objects.filter(Q(adcode__startswith=code[:4]), level=3).order_by("adcode").first()
                  or Region.objects.filter(Q(adcode__startswith=code[:2]), level=3).order_by("adcode").first())
        if region is None or Merchant.objects.filter(name=name).exists():
            continue
        merchant = merchant_sign(actor=ACTOR, union=union, data={
            "name": name, "credit_code": _code(rng, region.adcode), "region": region,
            "address": f"{region.name}人民路{i + 1}号",
            "contact_name": "张经理", "contact_phone": f"028-8{rng.randrange(10**6):06d}",
            "agreement_from": today - datetime.timedelta(days=200), "agreement_to": today + datetime.timedelta(
                days=20 if i == 2 else 400)})
        offer = offer_publish(actor=ACTOR, offer=offer_create(actor=ACTOR, merchant=merchant, union=union, data={
            "kind": kind, "title": title, "terms": "凭电子会员卡和券码使用，不与店内其他优惠同享。",
            "valid_from": today - datetime.timedelta(days=60), "valid_to": min(merchant.agreement_to, today + (
                datetime.timedelta(days=5 if i == 1 else 120))), "per_person_limit": 1, "quantity": quantity}))
        tally["merchants"] += 1
        tally["offers"] += 1
        grassroots = (TradeUnion.objects.filter(subtree_q("path", union.path), level=Level.GRASSROOTS,
                                                status=UnionStatus.ACTIVE, subtree_members__gt=0,
                                                subtree_members__lte=quantity)
                      .order_by("-subtree_members", "path").first())
        if grassroots is None:
            continue
        issued = voucher_issue(actor=ACTOR, offer=offer, union=grassroots).vouchers
        tally["vouchers"] += len(issued)
        # Redeemed at the shop over the last weeks (the merchant's redemption is not the demo's point).
        won = [v.pk for v in issued if rng.random() < 0.45]
        for pk in won:
            Voucher.objects.filter(pk=pk).update(status=VoucherStatus.REDEEMED, redeemed_merchant=merchant,
                                                 redeemed_at=timezone.now() - datetime.timedelta(
                                                     days=rng.randrange(1, 50), minutes=rng.randrange(600)))
        tally["redeemed"] += len(won)
    return tally


def summary(tally: dict[str, Any]) -> str:
    return (f"{tally['merchants']} merchants, {tally['offers']} offers, {tally['vouchers']} vouchers "
            f"({tally['redeemed']} redeemed)")

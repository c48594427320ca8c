"""/verify: partners (banks, merchants) ask whether a card token or an identity number belongs to a
member, and learn the level of the member's union and nothing else (DOMAIN §2).

Partners authenticate with their own key in X-Partner-Key, never with a cadre's token or session;
the service rate-limits each partner and audits every call.
"""

from typing import Any

from django.http import HttpRequest
from ninja import Router

from gonghui.api.common.schemas import ErrorOut
from gonghui.api.common.security import PartnerKey
from gonghui.api.verify.schemas import CardTokenIn, IdentityIn, VerifyOut, VoucherRedeemIn, VoucherRedeemOut
from gonghui.benefits.services import voucher_redeem
from gonghui.core.request_context import client_ip
from gonghui.members.models import Partner, PartnerPurpose
from gonghui.members.services.partners import Verdict
from gonghui.members.services.partners import partner_verify_card as verify_card
from gonghui.members.services.partners import partner_verify_identity as verify_identity

router = Router(tags=["verify"], auth=PartnerKey(PartnerPurpose.VERIFY))
RESPONSES = {200: VerifyOut, frozenset({400, 401, 403, 422, 429}): ErrorOut}


def answer(verdict: Verdict) -> dict[str, Any]:
    return {"member": verdict.member, "union_level": verdict.union_level}


@router.post("/card", response=RESPONSES, summary="核验会员卡二维码令牌：只回答是否为会员及所在工会层级")
def verify_card_token(request: HttpRequest, payload: CardTokenIn) -> dict[str, Any]:
    partner: Partner = request.auth  # type: ignore[attr-defined]
    return answer(verify_card(partner=partner, token=payload.token, ip=client_ip(request)))


@router.post("/id", response=RESPONSES, summary="核验证件号码：只回答是否为会员及所在工会层级")
def verify_id_number(request: HttpRequest, payload: IdentityIn) -> dict[str, Any]:
    partner: Partner = request.auth  # type: ignore[attr-defined]
    return answer(verify_identity(partner=partner, id_type=payload.id_type, id_number=payload.id_number,
                                  ip=client_ip(request)))


@router.post("/voucher", auth=PartnerKey(PartnerPurpose.REDEEM),
             response={200: VoucherRedeemOut, frozenset({400, 401, 403, 422, 429}): ErrorOut},
             summary="商户核销会员优惠券：券码与会员卡二维码令牌；每张券只能核销一次，只返回所核销的优惠")
def redeem_voucher(request: HttpRequest, payload: VoucherRedeemIn) -> dict[str, Any]:
    partner: Partner = request.auth  # type: ignore[attr-defined]
    done = voucher_redeem(partner=partner, code=payload.code, card_token=payload.card_token, ip=client_ip(request))
    return {"code": done.code, "offer_title": done.offer_title, "offer_kind": done.offer_kind,
            "redeemed_at": done.redeemed_at.isoformat()}

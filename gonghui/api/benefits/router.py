"""会员普惠 over the API: partner merchants, their offers, the vouchers issued to members, and the
figures per offer. The merchant's redemption is under /verify (api/verify), with its partner key.

Records load through benefits.view, so another county's merchant is a 404 like a missing one; the
services refuse with 403 one who sees but may not manage, and a stale `version` with 409.
"""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.benefits.schemas import (
    BenefitFigureFilters,
    BenefitFiguresOut,
    BenefitIssueIn,
    BenefitIssueOut,
    BenefitMerchantEditIn,
    BenefitMerchantFilters,
    BenefitMerchantIn,
    BenefitMerchantOut,
    BenefitOfferEditIn,
    BenefitOfferFilters,
    BenefitOfferIn,
    BenefitOfferOut,
    BenefitPartnerIn,
    BenefitReasonIn,
    BenefitVoucherFilters,
    BenefitVoucherOut,
)
from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.api.common.unions import load_union
from gonghui.benefits import selectors, services
from gonghui.benefits.figures import offer_figures
from gonghui.benefits.models import Merchant, Offer, Voucher
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope, scope_for

router = Router(tags=["benefits"])

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
RENAMED = {"union": "union_id", "merchant": "merchant_id", "members": "card_numbers", "partner": "partner_id"}


def view_scope(request: HttpRequest) -> Scope:
    scope = scope_for(request.user, Perm.BENEFITS_VIEW)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def ref(obj: Any, label: str = "name") -> dict[str, Any]:
    return {"id": obj.pk, "name": getattr(obj, label)}


def merchant_out(m: Merchant) -> dict[str, Any]:
    return {"id": m.pk, "name": m.name, "credit_code": m.credit_code, "union": ref(m.union), "region": m.region_id,
            "address": m.address, "contact_name": m.contact_name, "contact_phone": m.contact_phone,
            "status": m.status, "agreement_from": m.agreement_from, "agreement_to": m.agreement_to,
            "partner_key_prefix": m.partner.key_prefix if m.partner else None, "version": m.version}


def offer_out(o: Offer) -> dict[str, Any]:
    return {"id": o.pk, "merchant": ref(o.merchant), "union": ref(o.union), "kind": o.kind, "title": o.title,
            "terms": o.terms, "valid_from": o.valid_from, "valid_to": o.valid_to,
            "per_person_limit": o.per_person_limit, "quantity": o.quantity,
            "issued": None if o.from_above else o.issued,  # type: ignore[attr-defined]
            "status": o.status, "version": o.version,
            "from_above": o.from_above}  # type: ignore[attr-defined]


def voucher_out(v: Voucher) -> dict[str, Any]:
    return {"id": v.pk, "code": v.masked_code, "offer": ref(v.offer, "title"),
            "member": selectors.masked_name(v.member.name), "status": v.status,
            "issued_at": v.issued_at.isoformat(), "expires_at": v.expires_at.isoformat(),
            "redeemed_at": v.redeemed_at.isoformat() if v.redeemed_at else None}


def merchant_data(request: HttpRequest, payload: Any) -> dict[str, Any]:
    data = payload.dict(exclude={"union_id", "version"})
    region = selectors.region_get(adcode=data["region"])
    if region is None:
        raise ValidationFailed(_("行政区划代码不存在。"), field="region", code="unknown")
    return data | {"region": region}


def load_merchant(request: HttpRequest, pk: int, field: str | None = None) -> Merchant:
    try:
        return selectors.merchant_get(scope=view_scope(request), pk=pk)
    except NotFound as exc:
        exc.field = field
        raise


def load_offer(request: HttpRequest, pk: int, *, to_manage: bool = True) -> Offer:
    """An offer to act on (only one the caller's subtree owns), or with to_manage=False one to read,
    an offer signed above and open to the caller's members included."""
    return selectors.offer_get(scope=view_scope(request), pk=pk, to_manage=to_manage)


@router.get("/benefits/merchants", response={200: list[BenefitMerchantOut], **READ},
            summary="普惠商户：本级及下级工会签约的合作商户，可按状态和协议即将到期筛选")
@paginate(Pagination)
def merchant_list(request: HttpRequest, filters: Query[BenefitMerchantFilters]) -> Any:
    return [merchant_out(m) for m in selectors.merchant_list(scope=view_scope(request), status=filters.status or "",
                                                             ending=filters.ending)]


@router.post("/benefits/merchants", response={201: BenefitMerchantOut, **WRITE},
             summary="签约普惠商户：统一社会信用代码、所在行政区划、地址、联系人、协议期限")
def merchant_sign(request: HttpRequest, payload: BenefitMerchantIn) -> Status[Any]:
    union = load_union(request, payload.union_id, field="union_id")
    with fields_renamed(RENAMED):
        merchant = services.merchant_sign(actor=request.user, union=union, data=merchant_data(request, payload))
    return Status(201, merchant_out(selectors.merchant_get(scope=view_scope(request), pk=merchant.pk)))


@router.get("/benefits/merchants/{merchant_id}", response={200: BenefitMerchantOut, **READ}, summary="商户详情")
def merchant_get(request: HttpRequest, merchant_id: PathId) -> dict[str, Any]:
    return merchant_out(load_merchant(request, merchant_id))


@router.put("/benefits/merchants/{merchant_id}", response={200: BenefitMerchantOut, **WRITE},
            summary="修改商户信息（带版本号）")
def merchant_update(request: HttpRequest, merchant_id: PathId, payload: BenefitMerchantEditIn) -> dict[str, Any]:
    merchant = load_merchant(request, merchant_id)
    services.merchant_update(actor=request.user, merchant=merchant, data=merchant_data(request, payload),
                             version=payload.version)
    return merchant_get(request, merchant_id)


@router.post("/benefits/merchants/{merchant_id}/suspend", response={200: BenefitMerchantOut, **WRITE},
             summary="暂停合作：暂停期间不能核销，其优惠不向会员展示")
def merchant_suspend(request: HttpRequest, merchant_id: PathId, payload: BenefitReasonIn) -> dict[str, Any]:
    services.merchant_suspend(actor=request.user, merchant=load_merchant(request, merchant_id),
                              reason=payload.reason)
    return merchant_get(request, merchant_id)


@router.post("/benefits/merchants/{merchant_id}/resume", response={200: BenefitMerchantOut, **WRITE},
             summary="恢复合作")
def merchant_resume(request: HttpRequest, merchant_id: PathId) -> dict[str, Any]:
    services.merchant_resume(actor=request.user, merchant=load_merchant(request, merchant_id))
    return merchant_get(request, merchant_id)


@router.put("/benefits/merchants/{merchant_id}/partner", response={200: BenefitMerchantOut, **WRITE},
            summary="绑定商户核销所用的合作方密钥（一把密钥只对应一个商户）")
def merchant_partner(request: HttpRequest, merchant_id: PathId, payload: BenefitPartnerIn) -> dict[str, Any]:
    merchant = load_merchant(request, merchant_id)
    partner = None
    if payload.partner_id is not None:
        partner = selectors.partner_choices(merchant=merchant).filter(pk=payload.partner_id).first()
        if partner is None:
            raise NotFound(field="partner_id")
    with fields_renamed(RENAMED):
        services.merchant_link_partner(actor=request.user, merchant=merchant, partner=partner)
    return merchant_get(request, merchant_id)


@router.get("/benefits/offers", response={200: list[BenefitOfferOut], **READ},
            summary="普惠优惠：适用范围在本级及下级的优惠，以及上级工会发布、本级会员可领的优惠（只读），可按状态、商户和七日内到期筛选")
@paginate(Pagination)
def offer_list(request: HttpRequest, filters: Query[BenefitOfferFilters]) -> Any:
    return [offer_out(o) for o in selectors.offer_list(scope=view_scope(request), status=filters.status or "",
                                                       merchant=filters.merchant_id, ending=filters.ending)]


@router.post("/benefits/offers", response={201: BenefitOfferOut, **WRITE},
             summary="新建优惠（草稿）：类型、名称、规则、有效期、适用范围、每人限领、发放总量")
def offer_create(request: HttpRequest, payload: BenefitOfferIn) -> Status[Any]:
    merchant = load_merchant(request, payload.merchant_id, field="merchant_id")
    union = load_union(request, payload.union_id, field="union_id")
    with fields_renamed(RENAMED):
        offer = services.offer_create(actor=request.user, merchant=merchant, union=union,
                                      data=payload.dict(exclude={"merchant_id", "union_id"}))
    return Status(201, offer_out(load_offer(request, offer.pk)))


@router.get("/benefits/offers/{offer_id}", response={200: BenefitOfferOut, **READ}, summary="优惠详情")
def offer_get(request: HttpRequest, offer_id: PathId) -> dict[str, Any]:
    return offer_out(load_offer(request, offer_id, to_manage=False))


@router.put("/benefits/offers/{offer_id}", response={200: BenefitOfferOut, **WRITE},
            summary="修改优惠（带版本号；发放总量不少于已发放数）")
def offer_update(request: HttpRequest, offer_id: PathId, payload: BenefitOfferEditIn) -> dict[str, Any]:
    offer = load_offer(request, offer_id)
    if payload.merchant_id != offer.merchant_id:
        raise ValidationFailed(_("优惠的商户不能更改。"), field="merchant_id", code="immutable")
    union = load_union(request, payload.union_id, field="union_id")
    with fields_renamed(RENAMED):
        services.offer_update(actor=request.user, offer=offer, union=union, version=payload.version,
                              data=payload.dict(exclude={"merchant_id", "union_id", "version"}))
    return offer_get(request, offer_id)


@router.post("/benefits/offers/{offer_id}/publish", response={200: BenefitOfferOut, **WRITE},
             summary="发布优惠：适用范围内的会员可在会员端领取")
def offer_publish(request: HttpRequest, offer_id: PathId) -> dict[str, Any]:
    services.offer_publish(actor=request.user, offer=load_offer(request, offer_id))
    return offer_get(request, offer_id)


@router.post("/benefits/offers/{offer_id}/withdraw", response={200: BenefitOfferOut, **WRITE},
             summary="下架优惠：不再发放，已发出的券在有效期内仍可使用")
def offer_withdraw(request: HttpRequest, offer_id: PathId, payload: BenefitReasonIn) -> dict[str, Any]:
    services.offer_withdraw(actor=request.user, offer=load_offer(request, offer_id), reason=payload.reason)
    return offer_get(request, offer_id)


@router.post("/benefits/offers/{offer_id}/issue", response={200: BenefitIssueOut, **WRITE},
             summary="向会员发券：按工会范围或会员卡号名单，每人一张；超限、超范围、数量不足的逐一列出")
def voucher_issue(request: HttpRequest, offer_id: PathId, payload: BenefitIssueIn) -> dict[str, Any]:
    offer = load_offer(request, offer_id)
    union = load_union(request, payload.union_id, field="union_id") if payload.union_id else None
    with fields_renamed(RENAMED):
        result = services.voucher_issue(actor=request.user, offer=offer, union=union,
                                        card_numbers=[n.replace(" ", "") for n in payload.card_numbers])
    return {"issued": len(result.vouchers), "refused": [{"who": r.who, "reason": r.reason} for r in result.refused]}


@router.get("/benefits/vouchers", response={200: list[BenefitVoucherOut], **READ},
            summary="会员优惠券（券码和姓名脱敏），可按优惠和状态筛选")
@paginate(Pagination)
def voucher_list(request: HttpRequest, filters: Query[BenefitVoucherFilters]) -> Any:
    return [voucher_out(v) for v in selectors.voucher_list(scope=view_scope(request), offer=filters.offer_id,
                                                           status=filters.status or "")]


@router.post("/benefits/vouchers/{voucher_id}/void", response={200: BenefitVoucherOut, **WRITE},
             summary="作废未使用的券（须说明原因），名额退回优惠")
def voucher_void(request: HttpRequest, voucher_id: PathId, payload: BenefitReasonIn) -> dict[str, Any]:
    scope = view_scope(request)
    voucher = services.voucher_void(actor=request.user, voucher=selectors.voucher_get(scope=scope, pk=voucher_id),
                                    reason=payload.reason)
    return voucher_out(selectors.voucher_get(scope=scope, pk=voucher.pk))


@router.get("/benefits/figures", response={200: BenefitFiguresOut, **READ},
            summary="普惠统计：各优惠在期间内的发放、核销和核销率，可限定工会范围")
def figures(request: HttpRequest, filters: Query[BenefitFigureFilters]) -> dict[str, Any]:
    scope = view_scope(request)
    if filters.end < filters.start or filters.end - filters.start > datetime.timedelta(days=3660):
        raise ValidationFailed(_("统计期间无效。"), field="end", code="range")
    path = load_union(request, filters.union_id, field="union_id").path if filters.union_id else ""
    figs = offer_figures(scope=scope, start=filters.start, end=filters.end, union_path=path)
    return {"issued": figs.issued, "redeemed": figs.redeemed, "rate": float(figs.rate) if figs.rate else None,
            "offers": [{"offer": ref(r.offer, "title"), "merchant": r.offer.merchant.name, "issued": r.issued,
                        "redeemed": r.redeemed, "rate": float(r.rate) if r.rate is not None else None}
                       for r in figs.rows]}

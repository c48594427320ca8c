"""An offer of a partner merchant: drafted, published to the members of a subtree, withdrawn."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.benefits.choices import MerchantStatus, OfferKind, OfferStatus
from gonghui.benefits.models import Merchant, Offer
from gonghui.benefits.services.common import (
    CONCURRENT_CHANGE,
    clean_choice,
    clean_int,
    clean_period,
    clean_text,
    record_event,
    require_manage,
)
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.orgs.models import TradeUnion

MAX_QUANTITY = 10_000_000
MAX_PER_PERSON = 100


def _clean(merchant: Merchant, union: TradeUnion, data: dict[str, Any]) -> dict[str, Any]:
    # The merchant serves where its union signed it: an offer reaches that subtree or a part of it.
    if not union.path.startswith(merchant.org_path):
        raise ValidationFailed(msg(_("适用范围应在签约工会“%(union)s”之内。"), {"union": merchant.union.name}),
                               field="union", code="out_of_merchant")
    start, end = clean_period(data.get("valid_from"), data.get("valid_to"), start_field="valid_from",
                              end_field="valid_to")
    if end > merchant.agreement_to:
        raise ValidationFailed(msg(_("有效期截止不能晚于商户协议截止日期%(day)s。"), {
            "day": merchant.agreement_to.isoformat()}), field="valid_to", code="after_agreement")
    return {"kind": clean_choice(data.get("kind"), OfferKind, field="kind"),
            "title": clean_text(data.get("title"), field="title", max_length=100, required=True),
            "terms": clean_text(data.get("terms"), field="terms", max_length=2000),
            "valid_from": start, "valid_to": end, "union": union, "org_path": union.path,
            "per_person_limit": clean_int(data.get("per_person_limit"), field="per_person_limit", low=1,
                                          high=MAX_PER_PERSON),
            "quantity": clean_int(data.get("quantity"), field="quantity", low=1, high=MAX_QUANTITY,
                                  required=False)}


def offer_create(*, actor: Any, merchant: Merchant, union: TradeUnion, data: dict[str, Any]) -> Offer:
    """A draft: members see it once it is published."""
    require_manage(actor, merchant.org_path)
    require_manage(actor, union.path)
    clean = _clean(merchant, union, data)
    with transaction.atomic():
        offer = Offer.objects.create(merchant=merchant, **clean)
        record_event(actor=actor, action="offer_create", org_path=offer.org_path, offer=offer,
                     new_status=offer.status, note=offer.title)
    return offer


def offer_update(*, actor: Any, offer: Offer, union: TradeUnion, data: dict[str, Any], version: int) -> Offer:
    require_manage(actor, offer.org_path)
    require_manage(actor, union.path)
    if offer.status == OfferStatus.WITHDRAWN:
        raise ValidationFailed(_("已下架的优惠不能修改。"), field="status", code="bad_transition")
    clean = _clean(offer.merchant, union, data)
    if clean["quantity"] is not None and clean["quantity"] < offer.issued:
        raise ValidationFailed(msg(_("发放总量不能少于已发放的%(n)d张。"), {"n": offer.issued}), field="quantity",
                               code="below_issued")
    with transaction.atomic():
        # The quantity is compared with `issued` again in the UPDATE: a voucher claimed meanwhile counts.
        changed = (Offer.objects.filter(pk=offer.pk, version=version)
                   .exclude(**({"issued__gt": clean["quantity"]} if clean["quantity"] is not None else {}))
                   .update(version=version + 1, **clean))
        if not changed:
            raise Conflict(CONCURRENT_CHANGE)
        record_event(actor=actor, action="offer_update", org_path=clean["org_path"], offer=offer,
                     detail={"fields": sorted(k for k in clean if k != "org_path")})
    offer.refresh_from_db()
    return offer


def _move(actor: Any, offer: Offer, sources: tuple[str, ...], new: str, action: str, note: str = "") -> Offer:
    require_manage(actor, offer.org_path)
    if offer.status not in sources:
        raise ValidationFailed(msg(_("优惠当前状态为“%(status)s”，不能办理此操作。"), {
            "status": OfferStatus(offer.status).label}), field="status", code="bad_transition")
    with transaction.atomic():
        if not Offer.objects.filter(pk=offer.pk, status=offer.status).update(status=new, version=offer.version + 1):
            raise Conflict(CONCURRENT_CHANGE)
        record_event(actor=actor, action=action, org_path=offer.org_path, offer=offer, old_status=offer.status,
                     new_status=new, note=note)
    offer.refresh_from_db()
    return offer


def offer_publish(*, actor: Any, offer: Offer) -> Offer:
    if offer.merchant.status != MerchantStatus.ACTIVE:
        raise ValidationFailed(_("商户合作已暂停，不能发布优惠。"), field="merchant", code="merchant_suspended")
    return _move(actor, offer, (OfferStatus.DRAFT,), OfferStatus.PUBLISHED, "offer_publish")


def offer_withdraw(*, actor: Any, offer: Offer, reason: str) -> Offer:
    """No more vouchers are issued; those already out stay usable until they expire."""
    note = clean_text(reason, field="reason", max_length=200, required=True)
    return _move(actor, offer, (OfferStatus.DRAFT, OfferStatus.PUBLISHED), OfferStatus.WITHDRAWN,
                 "offer_withdraw", note)

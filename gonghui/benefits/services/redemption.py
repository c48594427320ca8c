"""A merchant redeems a voucher through the partner verification API of the member card.

The merchant acts with its partner key (tied to one Merchant) and shows the voucher code and the
member's card QR code. The voucher must be the merchant's own, unused, not void, within its dates,
and held by the member whose card is shown. The merchant learns the offer redeemed and nothing
personal. Every attempt, refused or not, is audited and counted against the partner's limits.
"""

import datetime
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.benefits.choices import MerchantStatus, VoucherStatus
from gonghui.benefits.models import Merchant, Voucher
from gonghui.benefits.services.common import record_event
from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import DomainError, PermissionDenied, ValidationFailed, msg
from gonghui.members.models import MemberCard, Partner
from gonghui.members.services.cards import card_number_from_token
from gonghui.members.services.partners import Throttled, partner_throttle


@dataclass(frozen=True)
class Redemption:
    code: str  # masked
    offer_title: str
    offer_kind: str
    redeemed_at: datetime.datetime


class NotAMerchant(PermissionDenied):
    code = "not_merchant"

    @classmethod
    def default_message(cls) -> Any:
        return _("该合作方密钥未绑定商户，不能核销会员优惠券。")


def _refuse(message: Any, code: str, field: str = "code") -> ValidationFailed:
    return ValidationFailed(message, field=field, code=code)


def _card_member(token: str) -> int | None:
    number = card_number_from_token(token.strip())
    if number is None:
        return None
    return MemberCard.objects.filter(number=number, status=MemberCard.Status.ACTIVE).values_list(
        "member_id", flat=True).first()


def _redeem(actor: Actor, merchant: Merchant, partner: Partner, code: str, card_token: str) -> Redemption:
    if merchant.status != MerchantStatus.ACTIVE:
        raise _refuse(_("商户合作已暂停，暂不能核销。"), "merchant_suspended", "merchant")
    voucher = (Voucher.objects.select_related("offer").filter(code=code.strip().upper()).first()
               if 0 < len(code.strip()) <= 20 else None)
    if voucher is None:
        raise _refuse(_("券码无效，请核对后重新输入。"), "unknown_code")
    # Another merchant's voucher is refused before anything about it (its status, its holder) is told.
    if voucher.offer.merchant_id != merchant.pk:
        raise _refuse(_("该券不是本商户的优惠，不能核销。"), "other_merchant")
    member_id = _card_member(card_token)
    if member_id is None:
        raise _refuse(_("会员卡二维码无效或已过期，请会员刷新后重新出示。"), "bad_card", "card_token")
    if member_id != voucher.member_id:
        raise _refuse(_("出示的会员卡与该券的持有人不符。"), "card_mismatch", "card_token")
    now = timezone.now()
    if voucher.status == VoucherStatus.REDEEMED:
        raise _refuse(_("该券已核销，不能重复使用。"), "used")
    if voucher.status == VoucherStatus.VOID:
        raise _refuse(_("该券已作废。"), "void")
    if voucher.status == VoucherStatus.EXPIRED or voucher.expires_at <= now:
        raise _refuse(_("该券已过期。"), "expired")
    if timezone.localdate(now) < voucher.offer.valid_from:
        raise _refuse(msg(_("该优惠%(day)s起才能使用。"), {"day": voucher.offer.valid_from.isoformat()}),
                      "not_started")
    # The one write: whoever's UPDATE finds the voucher still unused wins; the other finds no row.
    won = Voucher.objects.filter(pk=voucher.pk, status=VoucherStatus.UNUSED, expires_at__gt=now).update(
        status=VoucherStatus.REDEEMED, redeemed_at=now, redeemed_merchant=merchant, redeemed_partner=partner)
    if not won:
        raise _refuse(_("该券已核销，不能重复使用。"), "used")
    record_event(actor=actor, action="voucher_redeem", org_path=voucher.org_path, voucher=voucher,
                 old_status=VoucherStatus.UNUSED, new_status=VoucherStatus.REDEEMED, note=merchant.name,
                 detail={"merchant": merchant.pk, "code": voucher.masked_code})
    return Redemption(code=voucher.masked_code, offer_title=voucher.offer.title, offer_kind=voucher.offer.kind,
                      redeemed_at=now)


def voucher_redeem(*, partner: Partner, code: str, card_token: str, ip: str = "") -> Redemption:
    actor = Actor(id=None, label=f"partner:{partner.name}"[:150], ip=ip)
    merchant = Merchant.objects.select_related("union").filter(partner=partner).first()
    error: DomainError | None = None
    result: Redemption | None = None
    # Counted in a transaction of its own: the window's row lock is not held while redeeming, so two
    # redemptions of one merchant meet only at the voucher's row.
    with transaction.atomic():
        retry = partner_throttle(partner=partner)
    if retry:
        error = Throttled(retry)
    elif merchant is None:
        error = NotAMerchant()
    else:
        try:
            with transaction.atomic():
                result = _redeem(actor, merchant, partner, code, card_token)
        except DomainError as exc:
            error = exc
    if error is not None:
        # A refusal leaves its own audit row; the success's row was written with the event.
        outcome = (AuditEntry.Outcome.DENIED if isinstance(error, Throttled | NotAMerchant)
                   else AuditEntry.Outcome.FAILED)
        audit_record(actor=actor, action="benefits.voucher_redeem", obj=merchant or partner,
                     org_path=merchant.org_path if merchant else partner.union.path, outcome=outcome,
                     detail={"error": error.code, "code": code.strip()[:4] + "****"})
    # Raised only now, so the counted call and its audit row are kept.
    if error is not None:
        raise error
    assert result is not None
    return result

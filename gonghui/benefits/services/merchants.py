"""Signing a partner merchant, editing it, suspending and resuming the agreement, and tying it to the
partner key it redeems vouchers with."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.benefits.choices import MerchantStatus
from gonghui.benefits.models import Merchant
from gonghui.benefits.services.common import (
    CONCURRENT_CHANGE,
    clean_period,
    clean_text,
    record_event,
    require_manage,
)
from gonghui.core.errors import Conflict, ValidationFailed
from gonghui.members.models import Partner, PartnerPurpose
from gonghui.members.services.partners import require_purpose
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.services.common import check_credit_code_free, clean_credit_code, credit_code_race_guard

EDITABLE = ("name", "credit_code", "contact_name", "contact_phone", "region", "address", "agreement_from",
            "agreement_to")


def _clean(actor: Any, data: dict[str, Any], exclude_pk: int | None) -> dict[str, Any]:
    code = clean_credit_code(data.get("credit_code"), required=True)
    check_credit_code_free(actor=actor, code=code, model=Merchant, exclude_pk=exclude_pk,
                           path_of=lambda m: m.org_path)
    region = data.get("region")
    if not isinstance(region, Region):
        raise ValidationFailed(_("请选择商户所在的行政区划。"), field="region", code="required")
    start, end = clean_period(data.get("agreement_from"), data.get("agreement_to"), start_field="agreement_from",
                              end_field="agreement_to")
    return {"name": clean_text(data.get("name"), field="name", max_length=100, required=True),
            "credit_code": code, "region": region,
            "contact_name": clean_text(data.get("contact_name"), field="contact_name", max_length=50),
            "contact_phone": clean_text(data.get("contact_phone"), field="contact_phone", max_length=30),
            "address": clean_text(data.get("address"), field="address", max_length=200),
            "agreement_from": start, "agreement_to": end}


def merchant_sign(*, actor: Any, union: TradeUnion, data: dict[str, Any]) -> Merchant:
    """A union signs a partner merchant: the agreement runs from the day it starts."""
    require_manage(actor, union.path)
    clean = _clean(actor, data, None)
    with credit_code_race_guard(), transaction.atomic():
        merchant = Merchant.objects.create(union=union, org_path=union.path, **clean)
        record_event(actor=actor, action="merchant_sign", org_path=merchant.org_path, merchant=merchant,
                     new_status=merchant.status, note=merchant.name)
    return merchant


def merchant_update(*, actor: Any, merchant: Merchant, data: dict[str, Any], version: int) -> Merchant:
    require_manage(actor, merchant.org_path)
    clean = _clean(actor, data, merchant.pk)
    with credit_code_race_guard(), transaction.atomic():
        if not Merchant.objects.filter(pk=merchant.pk, version=version).update(version=version + 1, **clean):
            raise Conflict(CONCURRENT_CHANGE)
        record_event(actor=actor, action="merchant_update", org_path=merchant.org_path, merchant=merchant,
                     detail={"fields": sorted(clean)})
    merchant.refresh_from_db()
    return merchant


def _set_status(actor: Any, merchant: Merchant, old: str, new: str, action: str, reason: str) -> Merchant:
    require_manage(actor, merchant.org_path)
    if merchant.status != old:
        raise ValidationFailed(_("商户当前状态不能办理此操作。"), field="status", code="bad_transition")
    note = clean_text(reason, field="reason", max_length=200, required=new == MerchantStatus.SUSPENDED)
    with transaction.atomic():
        # Compare-and-set: a second click, or a colleague at the same moment, finds the status moved.
        if not Merchant.objects.filter(pk=merchant.pk, status=old).update(status=new, version=merchant.version + 1):
            raise Conflict(CONCURRENT_CHANGE)
        record_event(actor=actor, action=action, org_path=merchant.org_path, merchant=merchant, old_status=old,
                     new_status=new, note=note)
    merchant.refresh_from_db()
    return merchant


def merchant_suspend(*, actor: Any, merchant: Merchant, reason: str) -> Merchant:
    """A suspended merchant redeems nothing and its offers are not shown to members."""
    return _set_status(actor, merchant, MerchantStatus.ACTIVE, MerchantStatus.SUSPENDED, "merchant_suspend", reason)


def merchant_resume(*, actor: Any, merchant: Merchant, reason: str = "") -> Merchant:
    return _set_status(actor, merchant, MerchantStatus.SUSPENDED, MerchantStatus.ACTIVE, "merchant_resume", reason)


def merchant_link_partner(*, actor: Any, merchant: Merchant, partner: Partner | None) -> Merchant:
    """Tie the merchant to the partner key it redeems with (or untie it, with None). The key is
    registered by the security administrator (manage.py partner_create); one key serves one merchant."""
    require_manage(actor, merchant.org_path)
    if partner is not None:
        if not partner.is_active:
            raise ValidationFailed(_("该合作方密钥已吊销。"), field="partner", code="revoked")
        require_purpose(partner, PartnerPurpose.REDEEM)
        if not merchant.org_path.startswith(partner.union.path):
            raise ValidationFailed(_("该合作方密钥不属于本省，不能用于此商户。"), field="partner", code="out_of_tree")
        taken = Merchant.objects.filter(partner=partner).exclude(pk=merchant.pk).first()
        if taken is not None:
            raise ValidationFailed(_("该合作方密钥已绑定其他商户。"), field="partner", code="taken")
    with transaction.atomic():
        Merchant.objects.filter(pk=merchant.pk).update(partner=partner, version=merchant.version + 1)
        record_event(actor=actor, action="merchant_partner", org_path=merchant.org_path, merchant=merchant,
                     detail={"key_prefix": partner.key_prefix if partner else ""})
    merchant.refresh_from_db()
    return merchant


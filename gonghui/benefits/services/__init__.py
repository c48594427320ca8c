"""Every write of 会员普惠 (ARCHITECTURE §3): keyword-only, scoped, one transaction, events and audit."""

from gonghui.benefits.services.merchants import (
    merchant_link_partner,
    merchant_resume,
    merchant_sign,
    merchant_suspend,
    merchant_update,
)
from gonghui.benefits.services.offers import offer_create, offer_publish, offer_update, offer_withdraw
from gonghui.benefits.services.redemption import Redemption, voucher_redeem
from gonghui.benefits.services.vouchers import (
    IssueResult,
    Refusal,
    voucher_claim,
    voucher_expire_due,
    voucher_issue,
    voucher_void,
)

__all__ = [
    "IssueResult", "Redemption", "Refusal", "merchant_link_partner", "merchant_resume", "merchant_sign",
    "merchant_suspend", "merchant_update", "offer_create", "offer_publish", "offer_update", "offer_withdraw",
    "voucher_claim", "voucher_expire_due", "voucher_issue", "voucher_redeem", "voucher_void",
]

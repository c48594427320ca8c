"""What the 会员普惠 console exports, each through its selector: merchants, offers, vouchers (code and
holder masked) and the figures per offer."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.benefits.choices import MerchantStatus, OfferKind, OfferStatus, VoucherStatus
from gonghui.benefits.figures import offer_figures
from gonghui.benefits.selectors import masked_name, merchant_list, offer_list, voucher_list
from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope

F = Mapping[str, str]
PERMS = (Perm.BENEFITS_VIEW, Perm.BENEFITS_MANAGE)


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 10 else None


def _day(value: str | None, default: datetime.date) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value or "")
    except ValueError:
        return default


def merchants(scope: Scope, f: F) -> Any:
    return merchant_list(scope=scope, status=choice(f.get("status", ""), MerchantStatus.values),
                         query=f.get("q", ""), ending=bool(f.get("ending")))


def offers(scope: Scope, f: F) -> Any:
    return offer_list(scope=scope, status=choice(f.get("status", ""), OfferStatus.values),
                      kind=choice(f.get("kind", ""), OfferKind.values), query=f.get("q", ""),
                      ending=bool(f.get("ending")))


def vouchers(scope: Scope, f: F) -> Any:
    return voucher_list(scope=scope, offer=_int(f.get("offer")),
                        status=choice(f.get("status", ""), VoucherStatus.values))


def _count(fn: Any) -> Any:
    def count(*, actor: Any, scope: Scope, filters: F) -> int:
        return int(fn(scope, filters).count())

    return count


def merchant_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    status = labels(MerchantStatus.choices)
    for m in merchants(scope, filters).iterator(chunk_size=2000):
        yield [m.name, m.credit_code, status.get(m.status, ""), m.union.name, m.region.name, m.address,
               m.contact_name, m.contact_phone, m.agreement_from, m.agreement_to]


def offer_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    kind, status = labels(OfferKind.choices), labels(OfferStatus.choices)
    for o in offers(scope, filters).iterator(chunk_size=2000):
        yield [o.title, o.merchant.name, kind.get(o.kind, ""), status.get(o.status, ""), o.union.name,
               o.valid_from, o.valid_to, o.per_person_limit, o.quantity, None if o.from_above else o.issued]


def voucher_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    status = labels(VoucherStatus.choices)
    local = timezone.localtime
    for v in vouchers(scope, filters).iterator(chunk_size=2000):
        yield [v.masked_code, v.offer.title, v.offer.merchant.name, masked_name(v.member.name),
               status.get(v.status, ""), local(v.issued_at).date(), local(v.expires_at).date(),
               local(v.redeemed_at).date() if v.redeemed_at else None]


def figure_rows(*, actor: Any, scope: Scope, filters: F) -> Iterator[list[Any]]:
    today = timezone.localdate()
    figs = offer_figures(scope=scope, start=_day(filters.get("start"), today.replace(month=1, day=1)),
                         end=_day(filters.get("end"), today))
    for r in figs.rows:
        yield [r.offer.title, r.offer.merchant.name, r.issued, r.redeemed, r.rate]


register_export(ListExport(
    name="benefits.merchants", title=_("普惠商户"), permission=PERMS, rows=merchant_rows, count=_count(merchants),
    params=("status", "q", "ending"), route="web:benefits_merchants",
    columns=[col(_("商户名称"), width=26), col(_("统一社会信用代码"), width=20), col(_("状态"), width=8),
             col(_("签约工会"), width=24), col(_("行政区划"), width=12), col(_("地址"), width=30),
             col(_("联系人"), width=10), col(_("联系电话"), width=14), col(_("协议开始日期"), Kind.DATE, 12),
             col(_("协议截止日期"), Kind.DATE, 12)]))
register_export(ListExport(
    name="benefits.offers", title=_("普惠优惠"), permission=PERMS, rows=offer_rows, count=_count(offers),
    params=("status", "kind", "q", "ending"), route="web:benefits_offers",
    columns=[col(_("优惠名称"), width=26), col(_("商户"), width=24), col(_("优惠类型"), width=10),
             col(_("状态"), width=8), col(_("适用范围"), width=24), col(_("有效期开始"), Kind.DATE, 12),
             col(_("有效期截止"), Kind.DATE, 12), col(_("每人限领"), Kind.INT, 8), col(_("发放总量"), Kind.INT, 10),
             col(_("已发放"), Kind.INT, 10)]))
register_export(ListExport(
    name="benefits.vouchers", title=_("会员优惠券"), permission=PERMS, rows=voucher_rows, count=_count(vouchers),
    params=("offer", "status"), route="web:benefits_vouchers",
    columns=[col(_("券码"), width=14), col(_("优惠"), width=26), col(_("商户"), width=24), col(_("持券人"), width=8),
             col(_("状态"), width=8), col(_("发放日期"), Kind.DATE, 12), col(_("到期日期"), Kind.DATE, 12),
             col(_("核销日期"), Kind.DATE, 12)]))
register_export(ListExport(
    name="benefits.figures", title=_("普惠统计"), permission=PERMS, rows=figure_rows, params=("start", "end"),
    route="web:benefits_figures",
    columns=[col(_("优惠"), width=26), col(_("商户"), width=24), col(_("发放"), Kind.INT, 10),
             col(_("核销"), Kind.INT, 10), col(_("核销率（%）"), Kind.MONEY, 10)]))

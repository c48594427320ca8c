"""会员普惠 for a worker: the offers open to them, claiming a voucher, and 我的券 with each voucher's
code as a QR code for the merchant to scan beside the member card."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.benefits.selectors import worker_benefits, worker_voucher
from gonghui.benefits.services import voucher_claim
from gonghui.core.errors import DomainError, NotFound
from gonghui.core.qr import qr_data_uri
from gonghui.portal.common import session
from gonghui.portal.common.views import flash_error, portal_errors


@session.worker_required
def my_benefits(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    mine = worker_benefits(worker=worker)
    held: dict[int, int] = {}
    for v in mine.vouchers:
        if v.status != "void":
            held[v.offer_id] = held.get(v.offer_id, 0) + 1
    # What the button says: 领取, 已领取 (the worker holds as many as allowed) or 已领完 (none left for anyone).
    offers = [(o, "held" if held.get(o.pk, 0) >= o.per_person_limit
               else "gone" if o.remaining is not None and o.remaining <= 0 else "claim") for o in mine.offers]
    return render(request, "portal/benefits/home.html", {
        "worker": worker, "member": mine.member, "offers": offers, "vouchers": mine.vouchers})


@session.worker_required
@require_POST
@portal_errors
def claim(request: HttpRequest, pk: int) -> HttpResponse:
    worker = session.worker_of(request)
    try:
        voucher = voucher_claim(worker=worker, offer_pk=pk)
    except NotFound:
        raise
    except DomainError as exc:
        flash_error(request, exc)
        return redirect("portal:benefits")
    messages.success(request, _("领取成功，到店消费时出示券码和电子会员卡。"))
    return redirect("portal:benefits_voucher", voucher.pk)


@session.worker_required
@portal_errors
def voucher_page(request: HttpRequest, pk: int) -> HttpResponse:
    voucher = worker_voucher(worker=session.worker_of(request), pk=pk)
    if voucher is None:
        raise NotFound()
    usable = voucher.status == "unused"
    return render(request, "portal/benefits/voucher.html", {
        "worker": session.worker_of(request), "v": voucher, "usable": usable,
        "qr": qr_data_uri(voucher.code) if usable else ""})

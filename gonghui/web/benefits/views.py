"""会员普惠 console pages: merchants, offers (with issuing vouchers to members), vouchers (masked) and
the figures per offer. Each page parses, calls one selector or service, and renders."""

import datetime
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.benefits import selectors, services
from gonghui.benefits.choices import MerchantStatus, OfferStatus, VoucherStatus
from gonghui.benefits.figures import offer_figures
from gonghui.benefits.models import Merchant, Offer
from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.replica import read_only
from gonghui.orgs.scope import Scope, scope_for
from gonghui.web.benefits import forms as f
from gonghui.web.common.forms import call_service
from gonghui.web.common.unions import home_union, union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate

VIEW, MANAGE = Perm.BENEFITS_VIEW, Perm.BENEFITS_MANAGE
PERMS = (VIEW, MANAGE)


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, VIEW)


def may_manage(request: HttpRequest, path: str) -> bool:
    return scope_for(request.user, MANAGE).covers(path)


def _merchant_data(form: Any) -> dict[str, Any] | None:
    d = dict(form.cleaned_data)
    d["region"] = selectors.region_get(adcode=d["region"])
    if d["region"] is None:
        form.add_error("region", _("行政区划代码不存在。"))
        return None
    return d


@needs_any(*PERMS)
def merchant_list_page(request: HttpRequest) -> HttpResponse:
    form = f.MerchantFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    rows = selectors.merchant_list(scope=view_scope(request), status=d.get("status", ""), query=d.get("q", ""),
                                   ending=bool(d.get("ending")))
    return render(request, "benefits/merchant_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "tab": "merchants",
        "can_manage": not scope_for(request.user, MANAGE).is_empty})


@needs_any(MANAGE)
def merchant_new_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = f.MerchantForm(request.POST or None, unions=union_choices(request, MANAGE),
                          initial={"agreement_from": today, "agreement_to": today.replace(year=today.year + 1)})
    if request.method == "POST" and form.is_valid():
        data = _merchant_data(form)
        if data is not None:
            union = union_from_choice(request, MANAGE, data.pop("union"))
            data.pop("version", None)
            done = call_service(form, services.merchant_sign, actor=request.user, union=union, data=data)
            if done is not None:
                messages.success(request, _("已签约普惠商户。"))
                return redirect("web:benefits_merchant", done.pk)
    return render(request, "benefits/form.html", {"form": form, "title": _("签约普惠商户"),
                                                  "back": "web:benefits_merchants", "tab": "merchants"},
                  status=400 if form.errors else 200)


@needs_any(MANAGE)
@not_found_as_404
def merchant_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    merchant = selectors.merchant_get(scope=view_scope(request), pk=pk)
    initial = {k: getattr(merchant, k) for k in ("name", "credit_code", "address", "contact_name", "contact_phone",
                                                 "agreement_from", "agreement_to", "version")}
    form = f.MerchantForm(request.POST or None, unions=[], editing=True,
                          initial=initial | {"region": merchant.region_id})
    if request.method == "POST" and form.is_valid():
        data = _merchant_data(form)
        if data is not None:
            version = data.pop("version") or merchant.version
            if call_service(form, services.merchant_update, actor=request.user, merchant=merchant, data=data,
                            version=version):
                messages.success(request, _("已保存商户信息。"))
                return redirect("web:benefits_merchant", pk)
    return render(request, "benefits/form.html", {"form": form, "title": _("修改商户信息"),
                                                  "back": "web:benefits_merchants", "tab": "merchants"},
                  status=400 if form.errors else 200)


def _partners(merchant: Merchant) -> list[tuple[Any, str]]:
    return [(p.pk, str(p)) for p in selectors.partner_choices(merchant=merchant)]


@needs_any(*PERMS)
@not_found_as_404
def merchant_page(request: HttpRequest, pk: int) -> HttpResponse:
    merchant = selectors.merchant_get(scope=view_scope(request), pk=pk)
    can = may_manage(request, merchant.org_path)
    return render(request, "benefits/merchant_detail.html", {
        "m": merchant, "can_manage": can, "tab": "merchants",
        "offers": list(selectors.offer_list(scope=view_scope(request), merchant=merchant.pk)[:50]),
        "events": list(selectors.events_of(merchant=merchant)),
        "reason_form": f.ReasonForm(), "suspended": merchant.status == MerchantStatus.SUSPENDED,
        "partner_form": f.PartnerForm(partners=_partners(merchant), initial={"partner": merchant.partner_id})
        if can else None})


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def merchant_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    merchant = selectors.merchant_get(scope=view_scope(request), pk=pk)
    if action == "partner":
        form: Any = f.PartnerForm(request.POST, partners=_partners(merchant))
        if form.is_valid():
            partner = next((p for p in selectors.partner_choices(merchant=merchant)
                            if p.pk == form.cleaned_data["partner"]), None)
            if call_service(form, services.merchant_link_partner, actor=request.user, merchant=merchant,
                            partner=partner):
                messages.success(request, _("已更新核销密钥。"))
    elif action in ("suspend", "resume"):
        form = f.ReasonForm(request.POST)
        form.is_valid()
        service = services.merchant_suspend if action == "suspend" else services.merchant_resume
        if call_service(form, service, actor=request.user, merchant=merchant,
                        reason=form.cleaned_data.get("reason", "")):
            messages.success(request, _("已暂停合作。") if action == "suspend" else _("已恢复合作。"))
    else:
        raise Http404
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("web:benefits_merchant", pk)


def _offer_form(request: HttpRequest, data: Any = None, initial: Any = None) -> f.OfferForm:
    merchants = [(m.pk, m.name) for m in selectors.merchant_list(scope=scope_for(request.user, MANAGE),
                                                                 status=MerchantStatus.ACTIVE)[:300]]
    return f.OfferForm(data, initial=initial, merchants=merchants, unions=union_choices(request, MANAGE))


@needs_any(*PERMS)
def offer_list_page(request: HttpRequest) -> HttpResponse:
    form = f.OfferFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    rows = selectors.offer_list(scope=view_scope(request), status=d.get("status", ""), kind=d.get("kind", ""),
                                query=d.get("q", ""), ending=bool(d.get("ending")))
    return render(request, "benefits/offer_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "tab": "offers",
        "can_manage": not scope_for(request.user, MANAGE).is_empty})


def _save_offer(request: HttpRequest, form: f.OfferForm, offer: Offer | None) -> Offer | None:
    d = dict(form.cleaned_data)
    union = union_from_choice(request, MANAGE, d.pop("union"))
    version = d.pop("version") or (offer.version if offer else 1)
    if offer is not None:
        d.pop("merchant")
        return call_service(form, services.offer_update, actor=request.user, offer=offer, union=union, data=d,
                            version=version)
    merchant = selectors.merchant_get(scope=view_scope(request), pk=d.pop("merchant"))
    return call_service(form, services.offer_create, actor=request.user, merchant=merchant, union=union, data=d)


@needs_any(MANAGE)
@not_found_as_404
def offer_new_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = _offer_form(request, request.POST or None, {"valid_from": today, "per_person_limit": 1,
                                                       "valid_to": today + datetime.timedelta(days=90)})
    if request.method == "POST" and form.is_valid():
        done = _save_offer(request, form, None)
        if done is not None:
            messages.success(request, _("已新建优惠，发布后会员即可领取。"))
            return redirect("web:benefits_offer", done.pk)
    return render(request, "benefits/form.html", {"form": form, "title": _("新建优惠"), "back": "web:benefits_offers",
                                                  "tab": "offers"}, status=400 if form.errors else 200)


@needs_any(MANAGE)
@not_found_as_404
def offer_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    offer = selectors.offer_get(scope=view_scope(request), pk=pk, to_manage=True)
    initial = {k: getattr(offer, k) for k in ("kind", "title", "terms", "valid_from", "valid_to", "per_person_limit",
                                              "quantity", "version")} | {"merchant": offer.merchant_id,
                                                                         "union": offer.union_id}
    form = _offer_form(request, request.POST or None, initial)
    form.fields["merchant"].choices = [(offer.merchant_id, offer.merchant.name)]  # type: ignore[attr-defined]
    if request.method == "POST" and form.is_valid() and _save_offer(request, form, offer) is not None:
        messages.success(request, _("已保存优惠。"))
        return redirect("web:benefits_offer", pk)
    return render(request, "benefits/form.html", {"form": form, "title": _("修改优惠"), "back": "web:benefits_offers",
                                                  "tab": "offers"}, status=400 if form.errors else 200)


def render_offer(request: HttpRequest, offer: Offer, issue_form: f.IssueForm | None = None,
                 result: Any = None) -> HttpResponse:
    can = may_manage(request, offer.org_path)
    return render(request, "benefits/offer_detail.html", {
        "o": offer, "can_manage": can, "tab": "offers",
        "counts": selectors.offer_counts(offer, scope=view_scope(request)),
        "statuses": VoucherStatus.choices, "events": list(selectors.events_of(offer=offer)),
        "issue_form": issue_form or (f.IssueForm(unions=union_choices(request, MANAGE)) if can else None),
        "reason_form": f.ReasonForm(), "result": result, "published": offer.status == OfferStatus.PUBLISHED,
        "draft": offer.status == OfferStatus.DRAFT}, status=400 if issue_form is not None and issue_form.errors
        else 200)


@needs_any(*PERMS)
@not_found_as_404
def offer_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_offer(request, selectors.offer_get(scope=view_scope(request), pk=pk))


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def offer_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    offer = selectors.offer_get(scope=view_scope(request), pk=pk, to_manage=True)
    if action == "issue":
        form = f.IssueForm(request.POST, unions=union_choices(request, MANAGE))
        if form.is_valid():
            d = form.cleaned_data
            union = union_from_choice(request, MANAGE, d["union"]) if d.get("union") else None
            result = call_service(form, services.voucher_issue, actor=request.user, offer=offer, union=union,
                                  card_numbers=d["numbers"])
            if result is not None:
                messages.success(request, _("已发放 %(n)d 张。") % {"n": len(result.vouchers)})
                offer.refresh_from_db()
                return render_offer(request, offer, result=result)
        return render_offer(request, offer, issue_form=form)
    reason = f.ReasonForm(request.POST)
    reason.is_valid()
    if action == "publish":
        done = call_service(reason, services.offer_publish, actor=request.user, offer=offer)
    elif action == "withdraw":
        done = call_service(reason, services.offer_withdraw, actor=request.user, offer=offer,
                            reason=reason.cleaned_data.get("reason", ""))
    else:
        raise Http404
    if done is not None:
        messages.success(request, _("已发布。") if action == "publish" else _("已下架。"))
    for errors in reason.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("web:benefits_offer", pk)


@needs_any(*PERMS)
def voucher_list_page(request: HttpRequest) -> HttpResponse:
    form = f.VoucherFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    rows = selectors.voucher_list(scope=view_scope(request), offer=d.get("offer"), status=d.get("status", ""))
    return render(request, "benefits/voucher_list.html", {
        "form": form, "page": paginate(request, rows, per_page=50), "tab": "vouchers",
        "manage_scope": scope_for(request.user, MANAGE)})


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def voucher_void_page(request: HttpRequest, pk: int) -> HttpResponse:
    voucher = selectors.voucher_get(scope=view_scope(request), pk=pk)
    form = f.ReasonForm(request.POST)
    form.is_valid()
    try:
        services.voucher_void(actor=request.user, voucher=voucher, reason=form.cleaned_data.get("reason", ""))
    except ValidationFailed as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已作废。"))
    return redirect("web:benefits_vouchers")


@needs_any(*PERMS)
@read_only
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = f.FiguresForm(request.GET or None, unions=union_choices(request, VIEW),
                         initial={"start": today.replace(month=1, day=1), "end": today})
    d = form.cleaned_data if form.is_bound and form.is_valid() else {"start": today.replace(month=1, day=1),
                                                                         "end": today}
    union = union_from_choice(request, VIEW, d["union"]) if d.get("union") else None
    figs = offer_figures(scope=view_scope(request), start=d["start"], end=d["end"],
                         union_path=union.path if union else "")
    return render(request, "benefits/figures.html", {
        "form": form, "figs": figs, "tab": "figures", "start": d["start"], "end": d["end"],
        # The metric link reads the subtree asked for, else the viewer's own union.
        "union": union or home_union(request, VIEW)})

"""维权服务: the hub with 我的诉求, 查询进度 by number and phone, one case's public progress, 评价."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.sms import Purpose, sms_verify
from gonghui.cases.choices import Rating
from gonghui.cases.selectors import cases_of_caller
from gonghui.cases.services import case_follow, case_rate, case_request_reopen
from gonghui.cases.services.portal import NO_SUCH_CASE
from gonghui.core.errors import DomainError, NotFound
from gonghui.core.request_context import client_ip
from gonghui.portal.cases.forms import CaseFollowForm, CaseRatingForm, CaseReopenForm, GuestPhoneForm
from gonghui.portal.cases.views.common import add_errors, send_guest_code, unbound_copy
from gonghui.portal.common import session
from gonghui.portal.common.views import flash_error, portal_errors

MY_CASES_SHOWN = 50


def case_hub(request: HttpRequest) -> HttpResponse:
    worker = session.current_worker(request)
    mine = list(cases_of_caller(phone=worker.phone)[:MY_CASES_SHOWN]) if worker else []
    return render(request, "portal/cases/hub.html", {"worker": worker, "mine": mine})


def _prove_guest_phone(request: HttpRequest, guest: GuestPhoneForm) -> str:
    """The guest's code, checked before anything is said about the case; the phone on success."""
    if not guest.is_valid():
        return ""
    phone: str = guest.cleaned_data["phone"]
    if not guest.cleaned_data.get("code"):
        guest.add_error("code", _("请先获取并填写短信验证码。"))
        return ""
    try:
        sms_verify(phone=phone, purpose=Purpose.PORTAL_LOGIN, code=guest.cleaned_data["code"],
                   ip=client_ip(request))
    except DomainError as exc:
        add_errors(exc, guest)
        return ""
    # Proved as at the portal login, so the guest is signed in: the case page, 我的诉求 and the
    # rating follow without a second code.
    session.sign_in(request, phone)
    return phone


def case_follow_view(request: HttpRequest) -> HttpResponse:
    worker = session.current_worker(request)
    form = CaseFollowForm(request.POST or None, initial={"number": request.GET.get("number", "")})
    guest = None if worker else GuestPhoneForm(request.POST or None)
    if request.method == "POST" and guest is not None and "send_code" in request.POST:
        send_guest_code(request, guest)
        form = unbound_copy(CaseFollowForm, request.POST)  # type: ignore[assignment]
    elif request.method == "POST" and form.is_valid():
        phone = worker.phone if worker else _prove_guest_phone(request, guest)  # type: ignore[arg-type]
        if phone:
            guest = None  # signed in now: the page asks only for the number from here on
            number = form.cleaned_data["number"]
            try:
                progress = case_follow(number=number, phone=phone, ip=client_ip(request))
            except NotFound:
                # One answer for a wrong pair and a missing number, so numbers cannot be probed for phones.
                form.add_error("number", str(NO_SUCH_CASE))
            else:
                return redirect("portal:case_detail", progress.number)
    return render(request, "portal/cases/follow.html", {
        "form": form, "guest": guest, "worker": session.current_worker(request),
    })


def _detail(request: HttpRequest, number: str, rating_form: CaseRatingForm | None = None,
            status: int = 200, reopen_form: CaseReopenForm | None = None) -> HttpResponse:
    worker = session.worker_of(request)
    progress = case_follow(number=number, phone=worker.phone, ip=client_ip(request))
    ctx: dict[str, Any] = {
        "progress": progress, "worker": worker, "submitted": request.GET.get("submitted") == "1",
        "rating_form": rating_form or (CaseRatingForm() if progress.can_rate else None),
        "rating_label": Rating(progress.rating).label if progress.rating else "",
        "dissatisfied": progress.rating == Rating.DISSATISFIED,
        "reopen_form": reopen_form or (CaseReopenForm() if progress.can_reopen else None),
    }
    return render(request, "portal/cases/detail.html", ctx, status=status)


@session.worker_required
@portal_errors
def case_detail(request: HttpRequest, number: str) -> HttpResponse:
    return _detail(request, number)


@session.worker_required
@require_POST
@portal_errors
def case_rate_view(request: HttpRequest, number: str) -> HttpResponse:
    form = CaseRatingForm(request.POST)
    if form.is_valid():
        try:
            case_rate(worker=session.worker_of(request), number=number, rating=form.cleaned_data["rating"],
                      note=form.cleaned_data["note"])
        except NotFound:
            raise
        except DomainError as exc:
            if exc.field not in ("rating", "callback_note"):
                # Rated meanwhile, or no longer open to rating: the page as it is now says why.
                flash_error(request, exc)
                return redirect("portal:case_detail", number)
            add_errors(exc, form)
        else:
            messages.success(request, _("感谢您的评价！"))
            return redirect("portal:case_detail", number)
    return _detail(request, number, rating_form=form, status=400)


@session.worker_required
@require_POST
@portal_errors
def case_reopen_view(request: HttpRequest, number: str) -> HttpResponse:
    """申请重新办理: only the phone the case was filed with, proved by SMS, reaches the service."""
    form = CaseReopenForm(request.POST)
    if form.is_valid():
        try:
            case_request_reopen(worker=session.worker_of(request), number=number, reason=form.cleaned_data["reason"])
        except NotFound:
            raise
        except DomainError as exc:
            if exc.code != "required" and exc.field == "reason":
                # Past the window or no longer reopenable: the page as it is now says why.
                flash_error(request, exc)
                return redirect("portal:case_detail", number)
            add_errors(exc, form)
        else:
            messages.success(request, _("已申请重新办理，承办工会将尽快与您联系。"))
            return redirect("portal:case_detail", number)
    return _detail(request, number, reopen_form=form, status=400)

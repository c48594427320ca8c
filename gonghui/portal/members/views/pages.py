"""The signed-in worker's own pages: 我的, an application, transfers, the member card."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError, NotFound
from gonghui.honours.models import Award
from gonghui.honours.record_selectors import person_honours
from gonghui.members import selectors
from gonghui.members.joinlinks import join_token
from gonghui.members.models import JoinApplication, MemberCard, Membership
from gonghui.members.services.applications import application_withdraw
from gonghui.members.services.cards import card_issue_by_member, card_token
from gonghui.members.services.transfer_consent import transfer_confirm_by_member, transfer_decline_by_member
from gonghui.members.services.transfers import transfer_cancel_by_member
from gonghui.orgs.scope import Scope
from gonghui.portal.common.session import worker_of, worker_required
from gonghui.portal.common.views import flash_error, portal_errors
from gonghui.reports.federation.selectors import my_cross_transfers
from gonghui.reports.federation.transfers_close import (
    cross_transfer_confirm_by_member,
    cross_transfer_decline_by_member,
    cross_transfer_withdraw_by_member,
)


@worker_required
def mine(request: HttpRequest) -> HttpResponse:
    """我的: the worker's memberships, applications and transfers in full (the home page shows what is open)."""
    records = selectors.my_records(phone=worker_of(request).phone)
    return render(request, "portal/mine.html", {"mine": records, "worker": worker_of(request),
                                                "honours": _own_honours(records.memberships)})


def _own_honours(memberships: list[Membership]) -> list[Award]:
    """The worker's own honours: the scope is everything because the person is the one the proven phone
    found in the registry, whichever union conferred them."""
    members = {m.member_id: m.member for m in memberships}.values()
    found = {a.pk: a for member in members for a in person_honours(scope=Scope.all(), member=member)}
    return sorted(found.values(), key=lambda a: (a.year, a.pk), reverse=True)


@worker_required
@portal_errors
def application(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.my_application_get(phone=worker_of(request).phone, pk=pk)
    ended = (JoinApplication.Status.REJECTED, JoinApplication.Status.WITHDRAWN)
    again = found.status in ended and found.union.is_active
    return render(request, "portal/application.html", {
        "application": found, "worker": worker_of(request),
        "join_again": join_token(found.union) if again else "",
    })


@worker_required
@require_POST
@portal_errors
def application_withdraw_view(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_of(request)
    found = selectors.my_application_get(phone=worker.phone, pk=pk)
    try:
        application_withdraw(worker=worker, application=found)
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("入会申请已撤回。"))
    return redirect("portal:application", pk)


@worker_required
def transfers(request: HttpRequest) -> HttpResponse:
    phone = worker_of(request).phone
    return render(request, "portal/transfers.html", {
        "mine": selectors.my_records(phone=phone), "cross": my_cross_transfers(phone=phone),
        "worker": worker_of(request)})


@worker_required
@require_POST
@portal_errors
def transfer_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    worker = worker_of(request)
    found = selectors.my_transfer_get(phone=worker.phone, pk=pk)
    try:
        transfer_cancel_by_member(worker=worker, transfer=found)
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("会籍接转申请已撤回。"))
    return redirect("portal:transfers")


@worker_required
@require_POST
@portal_errors
def transfer_answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    """The worker agrees to, or declines, a transfer a union asked for (the login proved the phone)."""
    worker = worker_of(request)
    found = selectors.my_transfer_get(phone=worker.phone, pk=pk)
    service, done = ((transfer_confirm_by_member, _("您已同意，等待原工会同意转出。")) if answer == "confirm" else
                     (transfer_decline_by_member, _("您已拒绝，这笔接转已关闭。")))
    try:
        service(worker=worker, transfer=found)
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, done)
    return redirect("portal:transfers")


@worker_required
@require_POST
@portal_errors
def cross_transfer_answer(request: HttpRequest, pk: int, answer: str) -> HttpResponse:
    """A union on another province's deployment asked for the worker: they answer it here as a request
    from a union of this deployment, and may withdraw it until the union here releases."""
    services = {"confirm": (cross_transfer_confirm_by_member, _("您已同意，等待原工会同意转出。")),
                "decline": (cross_transfer_decline_by_member, _("您已拒绝，这笔接转已关闭。")),
                "withdraw": (cross_transfer_withdraw_by_member, _("会籍接转申请已撤回。"))}
    if answer not in services:
        return render(request, "portal/404.html", status=404)
    service, done = services[answer]
    try:
        service(worker=worker_of(request), pk=pk)
    except NotFound:
        raise  # not the worker's: answered as missing (portal_errors)
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, done)
    return redirect("portal:transfers")


def card_refresh_seconds() -> int:
    """Fetch a fresh card token at half its lifetime, so a scanned code is never about to expire."""
    return max(30, settings.GONGHUI_CARD_TOKEN_MINUTES * 30)


@dataclass
class CardView:
    membership: Membership
    card: MemberCard | None
    token: str  # what the QR code carries; the page draws it (static/portal/card-qr.js)


def _cards(phone: str) -> list[CardView]:
    return [CardView(membership, card, card_token(card) if card is not None else "")
            for membership, card in selectors.my_live_cards(phone=phone)]


@worker_required
def card(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/card.html", {
        "cards": _cards(worker_of(request).phone), "worker": worker_of(request),
        "refresh": card_refresh_seconds(),
    })


@worker_required
def card_qr(request: HttpRequest, member_pk: int) -> HttpResponse:
    """htmx: a fresh signed token for one of the worker's own cards (the old one is about to expire)."""
    entry = next((c for c in _cards(worker_of(request).phone) if c.membership.member_id == member_pk and c.card),
                 None)
    if entry is None:
        return render(request, "portal/404.html", status=404)
    return render(request, "portal/_card_qr.html", {"entry": entry, "refresh": card_refresh_seconds()})


@worker_required
@require_POST
@portal_errors
def card_claim(request: HttpRequest) -> HttpResponse:
    try:
        card_issue_by_member(worker=worker_of(request), member_pk=request.POST.get("member", ""))
    except DomainError as exc:
        flash_error(request, exc)
    else:
        messages.success(request, _("电子会员卡已开通。"))
    return redirect("portal:card")

"""Each union's join link and QR code (网上/扫码入会), for cadres who register members there."""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from gonghui.core.permissions import Perm
from gonghui.core.qr import qr_data_uri
from gonghui.members.joinlinks import join_token
from gonghui.orgs import selectors
from gonghui.orgs.models import TradeUnion
from gonghui.web.common.views import not_found_as_404, scope


def join_url(request: HttpRequest, union: TradeUnion, *, qr: bool = True) -> str:
    # Printed codes must carry the public address even when the console runs on an internal host.
    base = settings.GONGHUI_PORTAL_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    return base + reverse("portal:join", args=[join_token(union)]) + ("?from=qr" if qr else "")


def join_qr_svg(request: HttpRequest, union: TradeUnion, *, scale: int) -> str:
    return qr_data_uri(join_url(request, union), scale=scale)


@not_found_as_404
def join_qr_print(request: HttpRequest, pk: int) -> HttpResponse:
    """An A4 poster: the union's name, its QR code and three lines on how to join."""
    union = selectors.union_get(scope=scope(request, Perm.MEMBER_EDIT), pk=pk)
    return render(request, "web/orgs/join_qr_print.html", {
        "union": union, "qr": join_qr_svg(request, union, scale=12), "link": join_url(request, union, qr=False),
    })

"""Small helpers shared by portal views."""

from collections.abc import Callable
from functools import wraps
from typing import Any

import segno
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gonghui.core.errors import DomainError, NotFound


def portal_errors(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A record that is not the worker's answers exactly like a missing one, on a portal page rather
    than the console's (which would point a worker at the cadre login)."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound:
            return render(request, "portal/404.html", status=404)

    return wrapper


def flash_error(request: HttpRequest, exc: DomainError) -> None:
    for error in getattr(exc, "errors", None) or [exc]:
        messages.error(request, str(error.message))


def qr_data_uri(text: str, *, scale: int = 6) -> str:
    # An SVG data URI: the strict CSP allows `img-src data:`, and nothing is fetched or stored.
    return str(segno.make(text, error="m").svg_data_uri(scale=scale, dark="#111827"))


def card_refresh_seconds() -> int:
    """Fetch a fresh card token at half its lifetime, so a scanned code is never about to expire."""
    return max(30, settings.GONGHUI_CARD_TOKEN_MINUTES * 30)

"""Small helpers shared by portal views."""

from collections.abc import Callable
from functools import wraps
from typing import Any

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

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gonghui.core.errors import DomainError, NotFound


class DomainErrorPageMiddleware:
    """A domain error that escapes a console view becomes the matching error page, once, here:
    out of scope and missing are the same 404; a refusal is 403; anything else a 400 that says why."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DomainError) or request.path.startswith("/api/"):
            return None
        template = "404.html" if isinstance(exception, NotFound) else "web/error.html"
        return render(request, template, {"error": exception}, status=exception.status)

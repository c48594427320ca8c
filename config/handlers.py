"""Django's error handlers for what is refused before any view runs, answered in each interface's shape."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views import defaults

from gonghui.api.common.errors import TOO_LARGE, too_large_response


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """A body over DATA_UPLOAD_MAX_MEMORY_SIZE, or with too many fields or files, is a 413 (Django
    calls it a 400 and answers with a bare English page); any other refusal keeps Django's 400."""
    if not isinstance(exception, TOO_LARGE):
        return defaults.bad_request(request, exception)
    if request.path.startswith("/api/"):
        return too_large_response()
    template = "portal/413.html" if request.path.startswith("/portal/") else "413.html"
    return render(request, template, status=413)

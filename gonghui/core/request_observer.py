"""The outermost middleware: gives each request an id, makes it the context of every log record
written while it is served, times it for the latency histogram, and writes one access line.

The id comes from the proxy's X-Request-ID when it is well formed (nginx's $request_id, so its log
and ours share one id), otherwise it is made here; it is returned in the response's X-Request-ID.
Latency is labelled by the route's name (`web:member_detail`), never the path, so neither a row id
nor anything a visitor types becomes a label; a path that matched no route is `unmatched`.
"""

import logging
import re
import time
import uuid
from collections.abc import Callable

from django.core.signals import request_finished
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

from gonghui.core.logs import current_request
from gonghui.core.monitoring import store

_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{7,63}")
access_log = logging.getLogger("gonghui.request")


def request_id_of(request: HttpRequest) -> str:
    offered = request.headers.get("X-Request-ID", "")
    return offered if _WELL_FORMED.fullmatch(offered) else uuid.uuid4().hex


def view_label(request: HttpRequest) -> str:
    match = getattr(request, "resolver_match", None)
    return match.view_name if match and match.view_name else "unmatched"


class RequestObserverMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.request_id = request_id_of(request)  # type: ignore[attr-defined]
        # Cleared when the response is closed (below), not on return: Django logs a 4xx/5xx response
        # ("Not Found: …") after the middleware chain has returned, and that line needs the id too.
        current_request.set(request)
        started = time.perf_counter()
        response = self.get_response(request)
        elapsed = time.perf_counter() - started
        view = view_label(request)
        status = f"{response.status_code // 100}xx"
        store.observe("gonghui_http_request_duration_seconds", {"view": view, "status": status}, elapsed)
        response["X-Request-ID"] = request.request_id  # type: ignore[attr-defined]
        access_log.info("%s %s %s", request.method, view, response.status_code,
                        extra={"method": request.method, "status": response.status_code,
                               "duration_ms": round(elapsed * 1000, 1)})
        return response


@receiver(request_finished)
def _forget_request(**kwargs: object) -> None:
    current_request.set(None)

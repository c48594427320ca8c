"""`/metrics` for Prometheus: answered without a login (the scraper has none), but only to an
address in GONGHUI_METRICS_ALLOW or to a request bearing GONGHUI_METRICS_TOKEN. What it shows is
counts and durations labelled by route, task, job and purpose names: never a row, never a person.

A request that came through the reverse proxy carries X-Forwarded-For (or X-Real-IP, Forwarded);
its address is the proxy's, usually loopback, so such a request is let in by the token only.
"""

import hmac
import ipaddress

from django.conf import settings
from django.http import HttpRequest, HttpResponse

from gonghui.core.monitoring import recorded_families, render
from gonghui.core.monitoring_sources import database_families

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"
_PROXY_HEADERS = ("HTTP_X_FORWARDED_FOR", "HTTP_X_REAL_IP", "HTTP_FORWARDED")


def _bearer_ok(request: HttpRequest) -> bool:
    token = settings.GONGHUI_METRICS_TOKEN
    offered = request.headers.get("Authorization", "")
    return bool(token) and offered.startswith("Bearer ") and hmac.compare_digest(
        offered.removeprefix("Bearer ").strip().encode(), token.encode())


def _address_ok(request: HttpRequest) -> bool:
    if any(request.META.get(header) for header in _PROXY_HEADERS):
        return False
    try:
        address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
    except ValueError:
        return False
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped:
        address = address.ipv4_mapped  # a server listening on [::] sees IPv4 peers as ::ffff:a.b.c.d
    return any(address in network for network in settings.GONGHUI_METRICS_ALLOW)


def metrics_allowed(request: HttpRequest) -> bool:
    return _bearer_ok(request) or _address_ok(request)


def metrics(request: HttpRequest) -> HttpResponse:
    if not metrics_allowed(request):
        # As if there were nothing here: the endpoint's existence is not advertised.
        return HttpResponse("not found", status=404, content_type="text/plain")
    return HttpResponse(render([*recorded_families(), *database_families()]), content_type=CONTENT_TYPE)

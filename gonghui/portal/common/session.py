"""The portal's own session: a worker is signed in when the Django session holds a phone they proved
by SMS. Its keys are separate from the cadre login's, so one browser may hold both without either
seeing the other. The phone is kept sealed (core.session_values), because session rows sit in the database (§6)."""

from collections.abc import Callable
from functools import wraps
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from gonghui.accounts.sms import member_logout_recorded
from gonghui.core import session_values
from gonghui.core.request_context import client_ip
from gonghui.members.services.applications import PortalWorker

PHONE = "gonghui_portal_phone"
PENDING = "gonghui_portal_pending"  # the phone a code was sent to, until it is verified
NEXT = "gonghui_portal_next"
SEEN = "gonghui_portal_seen"
SINCE = "gonghui_portal_since"
LOGIN_URL = "/portal/login/"
_WORKER = "portal_worker"


def _read(request: HttpRequest, key: str) -> str:
    # Unreadable (a key retired since) reads as absent: the worker simply logs in again.
    return str(session_values.peek(request.session, key, ""))


def pending_phone(request: HttpRequest) -> str:
    return _read(request, PENDING)


def set_pending_phone(request: HttpRequest, phone: str) -> None:
    session_values.keep(request.session, PENDING, phone)


def _clear(request: HttpRequest) -> None:
    for key in (PHONE, PENDING, SEEN, SINCE):
        request.session.pop(key, None)


def sign_in(request: HttpRequest, phone: str) -> str:
    """After the SMS code is verified: a new session key, and where to go next."""
    target = request.session.get(NEXT) or "/portal/"
    request.session.cycle_key()  # no session fixation (§6a)
    _clear(request)
    request.session.pop(NEXT, None)
    now = timezone.now().timestamp()
    session_values.keep(request.session, PHONE, phone)
    request.session.update({SEEN: now, SINCE: now})
    return str(target)


def sign_out(request: HttpRequest, reason: str = "logout") -> None:
    phone = _read(request, PHONE)
    if phone:
        member_logout_recorded(phone=phone, ip=client_ip(request), reason=reason)
    if request.user.is_authenticated:
        # A cadre logged in to the console in the same browser stays logged in there.
        _clear(request)
        request.session.cycle_key()
    else:
        request.session.flush()


def current_worker(request: HttpRequest) -> PortalWorker | None:
    """The signed-in worker, after the idle timeout and the absolute cap of the console's policy."""
    phone = _read(request, PHONE)
    if not phone:
        return None
    now = timezone.now().timestamp()
    idle = now - float(request.session.get(SEEN, 0))
    age = now - float(request.session.get(SINCE, 0))
    if idle > settings.GONGHUI_IDLE_TIMEOUT.total_seconds() or age > settings.SESSION_COOKIE_AGE:
        sign_out(request, reason="idle_timeout")
        messages.info(request, _("您已长时间未操作，请重新登录。"))
        return None
    if idle > 60:  # at most one session write a minute
        request.session[SEEN] = now
    return PortalWorker(phone=phone, ip=client_ip(request))


def safe_next(request: HttpRequest, value: str | None) -> str:
    if value and value.startswith("/portal/") and url_has_allowed_host_and_scheme(
            value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return "/portal/"


def login_redirect(request: HttpRequest) -> HttpResponse:
    return redirect(f"{LOGIN_URL}?{urlencode({'next': request.get_full_path()})}")


def worker_required(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Every portal page but login and the join landing: a verified phone, else the portal login."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        worker = current_worker(request)
        if worker is None:
            if request.headers.get("HX-Request"):
                return HttpResponse(status=401, headers={"HX-Redirect": LOGIN_URL})
            return login_redirect(request)
        setattr(request, _WORKER, worker)
        return view(request, *args, **kwargs)

    return wrapper


def worker_of(request: HttpRequest) -> PortalWorker:
    """The worker that `worker_required` let through."""
    worker: PortalWorker = getattr(request, _WORKER)
    return worker

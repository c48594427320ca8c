"""Session rules of the security baseline: deny by default, idle timeout, forced password change."""

from collections.abc import Callable

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.accounts.login import logout_recorded
from gonghui.core.request_context import client_ip

# Everything else needs a login. The API answers 401 itself, in JSON; the member portal demands its
# own SMS-verified session on every page but its login and the join landing (portal/common/session.py).
PUBLIC_PREFIXES = ("/login/", "/static/", "/i18n/", "/api/", "/healthz", "/readyz", "/metrics", "/favicon.ico",
                   "/portal/")
PASSWORD_CHANGE_ALLOWED = ("/account/password/", "/logout/", "/static/", "/i18n/")
LAST_SEEN = "gonghui_last_seen"
MUST_CHANGE_PASSWORD = "gonghui_must_change_password"  # noqa: S105 - a session key name


def is_public(path: str) -> bool:
    return path.startswith(PUBLIC_PREFIXES)


class SessionPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if user.is_authenticated:
            user.request_ip = client_ip(request)  # type: ignore[union-attr,attr-defined]
            now = timezone.now().timestamp()
            last = request.session.get(LAST_SEEN, now)
            if now - last > settings.GONGHUI_IDLE_TIMEOUT.total_seconds():
                logout_recorded(user=user, ip=client_ip(request), reason="idle_timeout")  # type: ignore[arg-type]
                logout(request)
                if request.path.startswith("/api/"):
                    return JsonResponse({"code": "session_expired", "message": _("登录已超时，请重新登录。")},
                                        status=401)
                messages.info(request, _("您已长时间未操作，请重新登录。"))
                return redirect(settings.LOGIN_URL)
            # Write at most once a minute so ordinary page views do not each rewrite the session.
            if now - last > 60 or LAST_SEEN not in request.session:
                request.session[LAST_SEEN] = now
            if request.session.get(MUST_CHANGE_PASSWORD) and not request.path.startswith(PASSWORD_CHANGE_ALLOWED):
                if request.path.startswith("/api/"):
                    return JsonResponse({"code": "password_change_required",
                                         "message": _("请先在工作台修改密码。")}, status=403)
                return redirect("web:password_change")
        return self.get_response(request)


class LoginRequiredMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated and not is_public(request.path):
            if request.headers.get("HX-Request"):
                return JsonResponse({"code": "unauthenticated"}, status=401, headers={"HX-Redirect": "/login/"})
            return redirect(f"/login/?next={request.path}")
        return self.get_response(request)

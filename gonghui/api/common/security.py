"""Who is calling: a console session (with CSRF on unsafe methods) or a bearer token."""

from collections.abc import Callable
from functools import partial, wraps
from typing import Any

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError
from ninja.openapi.views import openapi_view
from ninja.security import APIKeyCookie, APIKeyHeader, HttpBearer
from ninja.utils import check_csrf

from gonghui.accounts.login import api_token_user
from gonghui.api.common.errors import UNAUTHENTICATED, error_body
from gonghui.core.errors import PermissionDenied
from gonghui.core.request_context import client_ip
from gonghui.members.models import Partner, PartnerPurpose
from gonghui.members.services.partners import PartnerKeyRefused, partner_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS", "TRACE"})


def _identified(request: HttpRequest, user: Any) -> Any:
    # Services write the caller's address into the audit row from the actor they are given.
    user.request_ip = client_ip(request)
    request.user = user
    return user


class BearerAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = api_token_user(token.strip())
        if user is None:
            # A bad token is an answer, not a reason to fall back to whatever session cookie came along.
            raise AuthenticationError()
        return _identified(request, user)


class SessionAuth(APIKeyCookie):
    """The console's session. ninja's own SessionAuth checks CSRF before it knows whether anyone is
    logged in, which turns an anonymous write into 403 instead of 401; this one checks after."""

    param_name = settings.SESSION_COOKIE_NAME

    def _get_key(self, request: HttpRequest) -> str | None:
        return request.COOKIES.get(self.param_name)

    def authenticate(self, request: HttpRequest, key: str | None) -> Any:
        user = getattr(request, "user", None)
        if user is None or not user.is_authenticated:
            return None
        if self.csrf and request.method not in SAFE_METHODS and check_csrf(request) is not None:
            raise PermissionDenied(_("CSRF 校验失败，请刷新页面后重试。"), code="csrf_failed")
        return _identified(request, user)


AUTH = [BearerAuth(), SessionAuth()]


def docs_access(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """The docs page needs a console login; the schema also accepts a bearer token, for tools.

    Open API documentation of a government system is a routine finding in a security assessment
    when served to anyone, and nothing here is meant to be public.
    """
    is_page = isinstance(view, partial) and view.func is openapi_view

    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.is_authenticated:
            return view(request, *args, **kwargs)
        if is_page:
            return redirect_to_login(request.get_full_path())
        header = request.headers.get("Authorization", "")
        scheme, _sep, token = header.partition(" ")
        if scheme.lower() == "bearer" and api_token_user(token.strip()) is not None:
            return view(request, *args, **kwargs)
        response = JsonResponse(error_body("unauthenticated", UNAUTHENTICATED),
                                status=401, json_dumps_params={"ensure_ascii": False})
        response["WWW-Authenticate"] = 'Bearer realm="gonghui"'
        return response

    return wrapper


class PartnerKey(APIKeyHeader):
    """A partner's own key (X-Partner-Key): member verification, voucher redemption, and an employer
    partner's job postings. One scheme, so the schema documents one way for partners to authenticate."""

    param_name = "X-Partner-Key"

    def __init__(self, purpose: PartnerPurpose) -> None:
        # Each endpoint states what the key must be granted; the service refuses any other use (403).
        self.purpose = purpose
        super().__init__()

    def authenticate(self, request: HttpRequest, key: str | None) -> Partner:
        if not key:
            raise PartnerKeyRefused()
        return partner_authenticate(key=key.strip(), purpose=self.purpose, ip=client_ip(request))

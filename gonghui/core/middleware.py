import functools
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import translation

# Our own origin only: no inline script or style, no CDN (ARCHITECTURE.md §6a). ECharts sets styles
# through the CSSOM, which style-src does not govern, so it needs no exception.
CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)


@functools.cache
def csp_for(tiles_origin: str) -> str:
    """The policy, with the map's tile server (GONGHUI_MAP_TILES) allowed as an image source when one
    is set: tiles are images, nothing else from that origin is."""
    return CSP.replace("img-src 'self' data:", f"img-src 'self' data: {tiles_origin}") if tiles_origin else CSP


# No page may use the camera, the microphone or the position, unless it says so with `uses_geolocation`.
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=()"
GEOLOCATION_POLICY = "camera=(), microphone=(), geolocation=(self)"


def uses_geolocation(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """A page that asks the browser where the person stands (附近的服务站点): our own origin may ask,
    still never a frame of another. The header is set here, before the middleware's default."""

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        response = view(request, *args, **kwargs)
        response["Permissions-Policy"] = GEOLOCATION_POLICY
        return response

    return wrapped


class ContentSecurityPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.setdefault("Content-Security-Policy", csp_for(settings.GONGHUI_MAP_TILES_ORIGIN))
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ChosenLanguageMiddleware:
    """The language is the user's explicit choice (the language cookie), else Simplified Chinese.

    Browsers in China often send an English Accept-Language (an English OS, a default profile);
    following it would show cadres a language they never picked.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request: HttpRequest) -> HttpResponse:
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        language = chosen if chosen in self.supported else settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language  # type: ignore[attr-defined]
        # Scoped to this request: a thread serving the next request must not inherit the choice.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

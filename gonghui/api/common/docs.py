"""Swagger UI from ninja's bundled static files, so the page needs no CDN under our CSP."""

import json
from typing import TYPE_CHECKING, Any

from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from ninja.openapi.docs import Swagger

if TYPE_CHECKING:
    from ninja import NinjaAPI


class LocalSwagger(Swagger):
    """ninja's template has no inline script or style; rendering it without the request context
    keeps the console's context processors (navigation, permissions) out of the docs page."""

    def render_page(self, request: HttpRequest, api: "NinjaAPI", **kwargs: Any) -> HttpResponse:
        self.settings["url"] = self.get_openapi_url(api, kwargs)
        html = render_to_string(self.template, {
            "swagger_settings": json.dumps(self.settings, indent=1),
            "api": api,
            "add_csrf": True,
            "csrf_token": get_token(request),
        })
        return HttpResponse(html)

import functools
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from django import template
from django.template.loader import render_to_string
from django.urls import get_script_prefix, reverse
from django.utils.safestring import SafeString
from django.utils.translation import get_language, pgettext_lazy

from gonghui.core.idnumbers import mask_phone
from gonghui.members.services.applications import PortalWorker
from gonghui.portal.common.session import LOGIN_URL, PHONE

register = template.Library()


@register.filter
def card_groups(number: str) -> str:
    """6201 0000 0000 0001 019: read aloud and typed in groups of four, like a bank card."""
    return " ".join(number[i:i + 4] for i in range(0, len(number), 4))


@register.filter
def merchant_place(merchant: Any) -> str:
    """Where a merchant is: its district, then the address, unless the address already begins with it."""
    region = merchant.region.name if merchant.region_id else ""
    address = merchant.address or ""
    return address if region and address.startswith(region) else f"{region}{address}"


@register.filter
def card_tail(number: str) -> str:
    """The card on the home page, as a bank app shows one: only the last four digits."""
    return f"•••• {number[-4:]}" if number else ""


@register.filter
def get_item(mapping: dict[Any, Any], key: Any) -> Any:
    return mapping.get(key) if mapping else None


@register.filter
def phone_masked(worker: PortalWorker | None) -> str:
    return mask_phone(worker.phone) if worker else ""


@dataclass(frozen=True)
class Tab:
    key: str
    label: Any
    url: str
    needs_login: bool
    prefixes: tuple[str, ...]


def _tabs() -> list[Tab]:
    return _tabs_under(get_script_prefix())


@functools.cache
def _tabs_under(script_prefix: str) -> list[Tab]:  # the URLs only change with the deployment's prefix
    return [
        Tab("home", pgettext_lazy("portal tab", "首页"), reverse("portal:home"), False, ()),
        Tab("cases", pgettext_lazy("portal tab", "维权"), reverse("portal:cases"), False, ("/portal/cases/",)),
        Tab("hardship", pgettext_lazy("portal tab", "帮扶"), reverse("portal:hardship"), False,
            ("/portal/hardship/", "/portal/mutual-aid/")),
        Tab("card", pgettext_lazy("portal tab", "会员卡"), reverse("portal:card"), True, ("/portal/card/",)),
        Tab("mine", pgettext_lazy("portal tab", "我的"), reverse("portal:mine"), True,
            ("/portal/me/", "/portal/applications/", "/portal/transfer/")),
    ]


def signed_in(context: template.Context) -> bool:
    request = context.get("request")
    return bool(context.get("worker")) or (request is not None and PHONE in request.session)


@register.simple_tag(takes_context=True)
def login_first(context: template.Context, url: str) -> str:
    """A page that needs the portal login: for a visitor, the login page that comes back to it."""
    return url if signed_in(context) else f"{LOGIN_URL}?{urlencode({'next': url})}"


# The tab bar is on every portal page and depends only on the language, the current tab and whether the
# visitor is signed in (and the deployment's URL prefix): each combination is rendered once per process
# (a few dozen at most) instead of on every request, where it was half of the base template's time.
_tabbar_html: dict[tuple[str, str, str, bool], SafeString] = {}


@register.simple_tag(takes_context=True)
def portal_tabs(context: template.Context) -> SafeString:
    request = context.get("request")
    path = request.path if request is not None else ""
    tabs = _tabs()
    current = next((t.key for t in tabs if any(path.startswith(p) for p in t.prefixes)),
                   "home" if path == tabs[0].url else "")
    visitor = not signed_in(context)
    key = (get_language(), get_script_prefix(), current, visitor)
    html = _tabbar_html.get(key)
    if html is None:
        html = _tabbar_html[key] = render_to_string("portal/_tabbar.html", {"tabs": [
            {"tab": t, "href": f"{LOGIN_URL}?{urlencode({'next': t.url})}" if t.needs_login and visitor else t.url,
             "current": t.key == current, "locked": t.needs_login and visitor} for t in tabs]})
    return html

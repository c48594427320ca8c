"""Deny by default: every URL the project routes is walked as an anonymous visitor."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

# Routes meant to be reachable without a login, and why.
PUBLIC = {
    "/login/": "the login page",
    "/login/totp/": "second step of login; redirects to /login/ without a pending password check",
    "/login/totp/enrol/": "same",
    "/healthz": "load-balancer probe, says only 'ok'",
    "/healthz/stack": "load benchmark's ceiling (session and one query), says only 'ok'",
    "/readyz": "readiness probe, says only which checks pass (no rows)",
    "/metrics": "Prometheus scrape: counts and durations by route, task and job (no rows); loopback or token",
    "/i18n/setlang/": "language switch",
    "/api/v1/openapi.json": "the API schema describes endpoints, never data",
    "/api/v1/docs": "the API documentation page",
    "/api/docs": "redirect to the API documentation",
    "/api/v1/auth/token": "token login",
    "/portal/login/": "member portal login (phone number, then SMS code)",
    "/portal/login/code/": "second step of the portal login; back to /portal/login/ without a code sent",
    "/portal/join/x/": "a union's join landing (its name and how to join); a forged token is a 404",
    "/portal/logout/": "POST only; ends a portal session, if there is one",
    "/portal/cases/": "维权服务: how to ask for help and follow a case; the worker's own cases only when signed in",
    "/portal/cases/new/": "我要求助: a guest proves the phone by an SMS code on the form itself",
    "/portal/cases/follow/": "查询进度: number, phone and SMS code; nothing about a case before the code",
    "/portal/hardship/": "困难帮扶: what help there is and how to apply; the worker's own file only when signed in",
    "/portal/hardship/check/": "困难自测: the public standard applied to totals the guest types; nothing stored",
    "/portal/": "the portal's home (办事大厅): the list of services; the worker's own items only when signed in",
    "/portal/join/": "申请入会: how joining starts from a union's code or link; nothing about anyone",
    "/portal/honours/": "荣誉评选公示: the notices running now, public fields only (a 公示 is published)",
    "/portal/honours/1/": "one 公示: name, employer, post and deeds summary; never an ID, phone or address",
    "/portal/honours/1/object/1/": "the objection form of a 公示: a guest proves the phone by an SMS code on it",
    "/portal/honours/objected/": "the confirmation of the objection just filed in this session; else back to the list",
    "/portal/positions/": "附近的服务站点: open positions' public fields (name, address, hours) near a point",
    "/portal/positions/checkin/x/": "扫码签到 by a position's signed QR token; a forged token is a 404",
    "/portal/positions/checkin/x/done/": "the confirmation of this session's check-in; a forged token is a 404",
    "/api/v1/positions/near": "附近的服务站点 over the API: open positions' public fields near a point, as the portal",
    "/portal/jobs/": "求职: published postings with the employer's name, pay and area; the contact phone masked",
    "/portal/jobs/1/": "one published posting; applying needs the portal login",
}
# The member portal is public to the cadre login but has its own: these redirect to the portal login.
PORTAL_LOGIN = "/portal/login/"
SAMPLE = {"int": "1", "str": "x", "slug": "x", "path": "x", "uuid": "00000000-0000-0000-0000-000000000000"}


def _walk(patterns, prefix=""):
    for p in patterns:
        route = str(p.pattern)
        if isinstance(p, URLResolver):
            yield from _walk(p.url_patterns, prefix + route)
        elif isinstance(p, URLPattern):
            yield prefix + route


def _concrete(route: str) -> str:
    route = re.sub(r"<(?:(\w+):)?\w+>", lambda m: SAMPLE.get(m.group(1) or "str", "x"), route)
    route = route.replace("^", "").replace("$", "").replace("/?", "/").replace("\\", "")
    return "/" + route.lstrip("/")


def all_urls() -> list[str]:
    return sorted({_concrete(r) for r in _walk(get_resolver().url_patterns) if "(?P" not in r})


def test_the_walk_covers_the_console_and_the_api():
    urls = all_urls()
    assert "/orgs/1/" in urls and any(u.startswith("/api/v1/orgs") for u in urls)


@pytest.mark.parametrize("url", all_urls())
def test_every_url_needs_a_login_unless_it_is_meant_to_be_public(client, url):
    response = client.get(url)
    if url.rstrip("/") in {p.rstrip("/") for p in PUBLIC}:
        assert response.status_code < 500
        return
    if url.startswith("/api/"):
        assert response.status_code in (401, 404, 405), (url, response.status_code)
    elif url.startswith("/portal/"):
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith(PORTAL_LOGIN), (url, response["Location"])
    else:
        assert response.status_code == 302, (url, response.status_code)
        assert response["Location"].startswith("/login/")

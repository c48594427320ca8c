"""No page's query count grows with the rows it lists (no N+1): every console and portal page of the
walk (gonghui.testing.page_walk) is rendered with a few rows of each kind, then again with more, and
must issue the same number of queries both times."""

import time

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.middleware import LAST_SEEN
from gonghui.accounts.roles import RoleCode
from gonghui.honours.models import Objection
from gonghui.portal.common.session import SEEN
from gonghui.portal.conftest import portal_login
from gonghui.portal.honours.views import FILED as OBJECTION_FILED
from gonghui.testing.page_walk import PORTAL, Page, detail_routes_without_a_model, pages
from gonghui.testing.world import make_user
from tests.page_rows import add_rows

pytestmark = pytest.mark.django_db

SMALL, MORE = 2, 10
# The console's personas, in the order tried: the first the page lets in renders it.
CONSOLE_PERSONAS = ("province_officer", "county_clerk", "hotline", "sysadmin", "secadmin", "auditor", "root_auditor",
                    "national_admin")
# Pages whose query count still grows with their rows, and why they are not fixed yet.
GROWS: dict[str, str] = {}
# Pages that answer the walk's GET with something other than the page, and why.
NOT_RENDERED = {
    "web:case_by_number": "the find box's target: always a redirect, to the case its number names (walked with "
                          "the newest case's number, so its look-up is counted)",
}


def _render(client: Client, url: str) -> tuple[int, int]:
    cache.clear()  # each render starts from the same cold cache, so only the rows differ
    # The session records activity at most once a minute (the idle timeout); marked now, no render
    # writes it, or the page that happened to come a minute on would count the write.
    session = client.session
    session[LAST_SEEN] = session[SEEN] = time.time()
    session.save()
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    return status, len(queries)


def add_personas(world) -> None:
    """The personas the world lacks, made before the rows, so the newest account (which the account
    page opens) is one of the rows'."""
    world.people["hotline"] = make_user("hotline", world.county, RoleCode.HOTLINE_AGENT)
    # The retention rules concern the whole deployment: the root union's auditor reads them.
    world.people["root_auditor"] = make_user("root_auditor", world.national, RoleCode.AUDITOR)


class Walk:
    def __init__(self, world):
        self.clients: dict[str, Client] = {}
        for name in CONSOLE_PERSONAS:
            self.clients[name] = Client()
            self.clients[name].force_login(getattr(world, name))
        self.clients[PORTAL] = portal_login(Client(), world.membership.member.phone)
        # The confirmation of the objection the member filed (tests.page_rows), as filing it leaves it.
        session = self.clients[PORTAL].session
        session[OBJECTION_FILED] = Objection.objects.order_by("-pk").values_list("case__number", flat=True).first()
        session.save()
        self.who: dict[str, str] = {}
        self.urls: dict[str, str] = {}

    def first(self, page: Page) -> tuple[int, int] | None:
        """The page with the persona that may open it; None for an action that refuses a GET."""
        url = self.urls[page.name] = page.sample_url()
        for who in ((PORTAL,) if page.area == PORTAL else CONSOLE_PERSONAS):
            status, queries = _render(self.clients[who], url)
            self.who[page.name] = who
            if status == 405:
                return None
            if status not in (403, 404) or who == CONSOLE_PERSONAS[-1]:
                break
        return status, queries

    def again(self, page: Page) -> tuple[int, int]:
        return _render(self.clients[self.who[page.name]], self.urls[page.name])


def test_every_detail_route_names_the_model_it_shows():
    assert detail_routes_without_a_model() == []


@pytest.mark.long
def test_no_pages_query_count_grows_with_its_rows(world):
    add_personas(world)
    add_rows(world, SMALL)
    walk = Walk(world)
    small = {p.name: r for p in pages() if (r := walk.first(p)) is not None}
    walked = [p for p in pages() if p.name in small]
    small = {p.name: walk.again(p) for p in walked}  # the first pass warmed what a process keeps
    add_rows(world, MORE)
    more = {p.name: walk.again(p) for p in walked}
    not_rendered = {n: s for n, (s, _q) in small.items() if s != 200 and n not in NOT_RENDERED}
    grows = {n: (small[n][1], more[n][1]) for n in small if small[n][1] != more[n][1] and n not in GROWS}
    print(f"\n{len(walked)} pages walked, {sum(s == 200 for s, _q in small.values())} rendered")
    for name in sorted(small):
        print(f"{name:45} {walk.who[name]:16} {small[name][0]} {small[name][1]:4} {more[name][1]:4}")
    assert not not_rendered, f"pages not rendered (status): {not_rendered}"
    assert not grows, f"query counts that grow with the rows (with {SMALL} rows, with {SMALL + MORE}): " + "; ".join(
        f"{n} {a} -> {b}" for n, (a, b) in sorted(grows.items()))

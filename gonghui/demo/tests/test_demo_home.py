"""工作台 on the demo province, as its province admin opens it: the to-do lines of every domain, each
counted with the others of its domain in one query, and the org figures; the menu's badges fetched
by another page cost the same lines. A ceiling, so a new line or panel that reads row by row shows."""

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.models import User

pytestmark = pytest.mark.django_db

HOME_QUERIES = 33  # 54 when each to-do line was its own COUNT
BADGE_QUERIES = 21  # 40 likewise


def _queries(client: Client, url: str) -> tuple[str, int]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_province_home_and_its_badges_cost_a_bounded_number_of_queries(demo):
    client = Client()
    client.force_login(User.objects.get(username="province"))
    client.get("/")  # what a process keeps once warmed (the menu, the translations) is not the page's
    text, home = _queries(client, "/")
    assert text.count('data-testid="todo-') >= 5  # the demo leaves work waiting in several domains
    _fragment, badges = _queries(client, "/todos/badges/")
    print(f"home {home} queries, badges {badges}")
    assert home <= HOME_QUERIES and badges <= BADGE_QUERIES

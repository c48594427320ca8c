"""/healthz/stack: the load benchmark's ceiling goes through what every page does (the session from its
store, one query), answers without a login and says nothing but ok."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.django_db


def test_it_reads_the_session_and_queries_the_database_once_and_says_only_ok(client, world):
    client.force_login(world.county_admin)
    with CaptureQueriesContext(connection) as seen:
        response = client.get("/healthz/stack")
    assert response.status_code == 200 and response.content == b"ok"
    sqls = [q["sql"] for q in seen.captured_queries]
    assert any("django_session" in sql for sql in sqls)  # the session came from its store
    assert sum(sql.strip().upper() == "SELECT 1" for sql in sqls) == 1


def test_it_answers_a_visitor_without_a_login():
    from django.test import Client

    response = Client().get("/healthz/stack")
    assert response.status_code == 200 and response.content == b"ok"

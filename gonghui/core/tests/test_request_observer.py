"""Each request gets an id (the proxy's when well formed), returned in X-Request-ID and carried by
every log line written while it is served, Django's own "Not Found" line included."""

import io
import json
import logging

import pytest

from gonghui.core.logs import JsonFormatter, RedactFilter, RequestContextFilter

pytestmark = pytest.mark.django_db


@pytest.fixture
def lines():
    buffer = io.StringIO()
    handler = logging.StreamHandler(buffer)
    handler.addFilter(RequestContextFilter())
    handler.addFilter(RedactFilter())
    handler.setFormatter(JsonFormatter())
    loggers = [logging.getLogger(name) for name in ("gonghui.request", "django.request")]
    saved = [(lg.handlers, lg.level, lg.propagate) for lg in loggers]
    for lg in loggers:
        lg.handlers, lg.propagate = [handler], False
        lg.setLevel(logging.INFO)  # setLevel, not .level: it clears the cached answers of isEnabledFor
    yield lambda: [json.loads(line) for line in buffer.getvalue().splitlines()]
    for lg, (handlers, level, propagate) in zip(loggers, saved, strict=True):
        lg.handlers, lg.propagate = handlers, propagate
        lg.setLevel(level)


def test_a_request_gets_an_id_returned_in_the_header_and_on_its_access_line(client, lines):
    response = client.get("/healthz")
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    [line] = lines()
    assert line["request_id"] == request_id and line["view"] == "web:healthz"
    assert line["status"] == 200 and line["method"] == "GET" and line["duration_ms"] >= 0
    assert client.get("/healthz")["X-Request-ID"] != request_id


def test_the_proxys_id_is_kept_when_well_formed_and_replaced_when_not(client, lines):
    assert client.get("/healthz", HTTP_X_REQUEST_ID="7f3a9c0e2b5d4e1f")["X-Request-ID"] == "7f3a9c0e2b5d4e1f"
    for offered in ("short", "has space in it", "x" * 65, "<script>alert(1)</script>"):
        assert client.get("/healthz", HTTP_X_REQUEST_ID=offered)["X-Request-ID"] != offered


def test_djangos_line_about_a_missing_page_carries_the_request_id_and_no_number_from_the_path(client, lines):
    response = client.get("/portal/no-such-page/13800138000/", HTTP_X_REQUEST_ID="abcdef0123456789")
    assert response.status_code == 404
    found = lines()
    assert {line["logger"] for line in found} == {"gonghui.request", "django.request"}
    assert all(line["request_id"] == "abcdef0123456789" for line in found)
    assert "13800138000" not in json.dumps(found, ensure_ascii=False)


def test_a_signed_in_cadres_lines_carry_the_user_id_not_the_name(client, world, lines):
    client.force_login(world.county_admin)
    client.get(f"/members/{world.membership.member_id}/")
    [line] = lines()
    assert line["user_id"] == world.county_admin.pk and line["view"] == "web:member_detail"
    assert "county_admin" not in json.dumps(line)

"""/metrics: Prometheus text, let in from an allowed address or with the token only; its figures
move with the requests served and SMS sent, and it names routes and purposes, never a person."""

import ipaddress
import re

import pytest

from gonghui.accounts.sms import SmsRefused, sms_send
from gonghui.core.monitoring import store

pytestmark = pytest.mark.django_db
TOKEN = "t" * 40


@pytest.fixture(autouse=True)
def _own_figures(settings):
    settings.GONGHUI_METRICS_DIR = ""
    settings.GONGHUI_METRICS_TOKEN = TOKEN
    store.reset()
    yield
    store.reset()


def value(body: str, sample: str) -> float:
    found = re.search(rf"^{re.escape(sample)} (\S+)$", body, re.MULTILINE)
    return float(found.group(1)) if found else 0.0


def scrape(client, **extra) -> str:
    response = client.get("/metrics", **extra)
    assert response.status_code == 200, response.content
    assert response["Content-Type"].startswith("text/plain; version=0.0.4")
    return response.content.decode()


def test_loopback_reads_the_metrics_without_a_login_and_each_request_moves_its_views_count(client):
    sample = 'gonghui_http_request_duration_seconds_count{status="2xx",view="web:healthz"}'
    before = value(scrape(client), sample)
    client.get("/healthz")
    client.get("/healthz")
    body = scrape(client)
    assert value(body, sample) == before + 2
    assert value(body, 'gonghui_http_request_duration_seconds_bucket{status="2xx",view="web:healthz",le="+Inf"}') == 2
    assert "# TYPE gonghui_http_request_duration_seconds histogram" in body
    assert "# TYPE gonghui_task_queue_depth gauge" in body and "# TYPE gonghui_sms_sent_total counter" in body


@pytest.mark.parametrize("extra", [
    {"REMOTE_ADDR": "203.0.113.5"},
    {"REMOTE_ADDR": "203.0.113.5", "HTTP_AUTHORIZATION": "Bearer " + "x" * 40},
    {"REMOTE_ADDR": "203.0.113.5", "HTTP_AUTHORIZATION": TOKEN},  # not a bearer token
    # Through the proxy the address is the proxy's loopback: the header says the request is not local.
    {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "203.0.113.5"},
    {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_REAL_IP": "203.0.113.5"},
])
def test_anyone_else_finds_nothing_there(client, extra):
    response = client.get("/metrics", **extra)
    assert response.status_code == 404 and b"gonghui_" not in response.content


def test_the_token_lets_a_scraper_in_from_anywhere_and_a_configured_network_needs_none(client, settings):
    scrape(client, REMOTE_ADDR="203.0.113.5", HTTP_X_FORWARDED_FOR="203.0.113.5",
           HTTP_AUTHORIZATION=f"Bearer {TOKEN}")
    settings.GONGHUI_METRICS_TOKEN = ""
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3", HTTP_AUTHORIZATION="Bearer ").status_code == 404
    settings.GONGHUI_METRICS_ALLOW = [ipaddress.ip_network("10.1.0.0/16")]
    scrape(client, REMOTE_ADDR="10.1.2.3")
    scrape(client, REMOTE_ADDR="::ffff:10.1.2.3")  # the same peer, seen by a server listening on [::]
    assert client.get("/metrics").status_code == 404  # loopback is allowed only while it is listed


def test_a_path_with_numbers_in_it_is_labelled_by_its_route_never_by_the_path(client, world):
    client.force_login(world.county_admin)
    client.get(f"/members/{world.membership.member_id}/")
    client.get("/no-such-page/13800138000/")
    body = scrape(client)
    assert value(body, 'gonghui_http_request_duration_seconds_count{status="2xx",view="web:member_detail"}') == 1
    assert value(body, 'gonghui_http_request_duration_seconds_count{status="4xx",view="unmatched"}') == 1
    assert "13800138000" not in body and f"/members/{world.membership.member_id}/" not in body


def test_sms_sends_are_counted_by_purpose_and_outcome_without_the_phone(client, settings):
    sms_send(phone="13800138000", purpose="portal_login")
    settings.GONGHUI_SMS_BACKEND = "gonghui.accounts.sms_backends.DisabledBackend"
    with pytest.raises(SmsRefused):
        sms_send(phone="13900139000", purpose="portal_login")
    body = scrape(client)
    assert value(body, 'gonghui_sms_sent_total{outcome="sent",purpose="portal_login"}') == 1
    assert value(body, 'gonghui_sms_sent_total{outcome="failed",purpose="portal_login"}') == 1
    assert "13800138000" not in body and "13900139000" not in body

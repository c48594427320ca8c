import datetime
import json
from urllib.parse import urlsplit

import pytest
from django.test import Client

from gonghui.core.metrics import all_metrics
from gonghui.core.periods import Period
from gonghui.reports.federation import services, signing
from gonghui.reports.federation.figures import collect
from gonghui.reports.federation.models import FederationSend, ReceivedFigure
from gonghui.reports.tests.federation_helpers import SYSTEM, act_as, registered

pytestmark = pytest.mark.django_db
TODAY = datetime.date(2026, 12, 5)


def _through_client(monkeypatch):
    """The upper deployment is this process: the send goes through the test client, signed as always."""
    sent = []

    def post(url, body, headers):
        sent.append(json.loads(body))
        extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k != "Content-Type"}
        response = Client().post(urlsplit(url).path, body,
                                 content_type="application/json", **extra)
        return response.status_code, response.content.decode()

    monkeypatch.setattr(services, "_post", post)
    return sent


def test_collect_gives_every_metric_for_the_root_and_each_child_with_a_ratios_parts(world):
    figures = collect(period=Period.year(2026), code="100000", today=TODAY)
    names = {m.name for m in all_metrics()}
    assert {f["metric"] for f in figures} == names
    root = {f["metric"]: f for f in figures if f["root"]}
    assert root["members.total"]["value"] == "1" and root["members.total"]["unit"] == "100000"
    share = root["members.women_share"]
    assert share["denominator"] == "1" and share["numerator"] is not None
    children = [f for f in figures if f["metric"] == "members.total" and not f["root"]]
    assert [(c["unit_name"], c["value"]) for c in children] == [("四川省总工会", "1"), ("贵州省总工会", "0")]
    child_share = next(f for f in figures if f["metric"] == "members.women_share" and f["unit_name"] == "四川省总工会")
    assert child_share["denominator"] == "1"


def test_what_is_sent_holds_aggregates_only(world):
    body = signing.canonical_json(collect(period=Period.year(2026), code="100000", today=TODAY)).decode()
    member = world.membership.member
    assert member.name not in body
    assert {key for f in json.loads(body) for key in f} == {
        "metric", "version", "label", "measure", "unit", "unit_name", "root", "value", "numerator", "denominator",
        "as_of", "source"}


def test_a_send_is_received_logged_and_a_resend_replaces(world, settings, monkeypatch):
    k, peer = registered("100000", "全国总工会（测试）")
    act_as(settings, k)
    settings.GONGHUI_UPPER_URL = "http://testserver"
    sent = _through_client(monkeypatch)
    first = services.federation_send(actor=SYSTEM, period=Period.year(2026), today=TODAY)
    assert first.status == FederationSend.Status.SENT and first.http_status == 200
    assert first.figures == len(sent[0]["figures"])
    stored = ReceivedFigure.objects.get(peer=peer, period="2026", metric="members.total", unit="100000")
    assert stored.value == 1 and stored.is_root
    count = ReceivedFigure.objects.count()

    from gonghui.testing.world import make_member

    make_member(world.grassroots)
    again = services.federation_send(actor=SYSTEM, period=Period.year(2026), today=TODAY)
    assert again.status == FederationSend.Status.SENT
    assert ReceivedFigure.objects.count() == count  # replaced, not added
    fresh = ReceivedFigure.objects.get(pk=stored.pk)
    assert fresh.value == 2 and fresh.changed_at > stored.changed_at
    unchanged = ReceivedFigure.objects.get(peer=peer, period="2026", metric="members.total", unit__startswith="P",
                                           unit_name="贵州省总工会")
    assert unchanged.changed_at < fresh.changed_at and unchanged.received_at >= fresh.changed_at


def test_a_refused_send_is_logged_with_the_reason(world, settings, monkeypatch):
    k, _peer = registered("100000")
    act_as(settings, k)
    settings.GONGHUI_DEPLOYMENT_KEY = signing.generate_private_key_pem()[0]  # not the registered key
    settings.GONGHUI_UPPER_URL = "http://testserver"
    _through_client(monkeypatch)
    log = services.federation_send(actor=SYSTEM, period=Period.year(2026), today=TODAY)
    assert log.status == FederationSend.Status.FAILED and log.http_status == 401
    assert log.error.startswith("401 bad_signature")


def test_an_unreachable_upper_deployment_is_logged_not_raised(world, settings):
    settings.GONGHUI_DEPLOYMENT_CODE = "100000"
    settings.GONGHUI_UPPER_URL = "http://127.0.0.1:9"  # discard port: nothing listens
    log = services.federation_send(actor=SYSTEM, period=Period.month(2026, 11), today=TODAY)
    assert log.status == FederationSend.Status.FAILED and log.error and log.finished_at


def test_the_timer_sends_the_month_its_year_and_statistical_year_once_a_month(world, settings, monkeypatch):
    k, _peer = registered("100000")
    act_as(settings, k)
    settings.GONGHUI_UPPER_URL = "http://testserver"
    sent = _through_client(monkeypatch)
    logs = services.federation_send_due(actor=SYSTEM, today=datetime.date(2026, 10, 3))
    assert [log.period for log in logs] == ["2026-09", "2026", "SY2026"]
    assert services.federation_send_due(actor=SYSTEM, today=datetime.date(2026, 10, 20)) == []
    assert len(sent) == 3


def test_the_timer_sends_nothing_without_an_upper_deployment(world, settings):
    settings.GONGHUI_UPPER_URL = ""
    assert services.federation_send_due(actor=SYSTEM, today=TODAY) == []
    assert not FederationSend.objects.exists()

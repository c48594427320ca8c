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


@pytest.fixture(autouse=True)
def _member_joined_before_today(world):
    """The world's member joins on the day the test runs; these tests read the figures as of TODAY, so
    the join is pinned before it (on any later day the member would not yet count)."""
    from gonghui.members.models import Membership

    Membership.objects.filter(pk=world.membership.pk).update(join_date=datetime.date(2026, 3, 2))


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

    from gonghui.members.models import Membership
    from gonghui.testing.world import make_member

    joined = make_member(world.grassroots)
    Membership.objects.filter(pk=joined.pk).update(join_date=datetime.date(2026, 6, 1))  # before TODAY
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


def test_sending_reads_the_stored_figures_with_their_as_of_and_computes_only_what_is_not_stored(world):
    from gonghui.reports.metrics.rollup import refresh_metric_figures
    from gonghui.reports.models import MetricFigure

    refresh_metric_figures(actor=SYSTEM, today=TODAY, names=["members.total", "members.women_share"])
    root = world.national
    # A stored figure unlike the rows shows that the stored one is what is sent.
    MetricFigure.objects.filter(metric="members.total", period="2026", path=root.path).update(value=42)
    kept = MetricFigure.objects.get(metric="members.total", period="2026", path=root.path)
    figures = collect(period=Period.year(2026), code="100000", today=TODAY)
    top = next(f for f in figures if f["metric"] == "members.total" and f["root"])
    assert top["value"] == "42" and top["source"] == "stored"
    assert top["as_of"] == kept.computed_at.isoformat()
    cities = [f for f in figures if f["metric"] == "members.total" and not f["root"]]
    assert {c["source"] for c in cities} == {"stored"} and [c["value"] for c in cities] == ["1", "0"]
    share = next(f for f in figures if f["metric"] == "members.women_share" and f["root"])
    assert share["source"] == "stored" and share["denominator"] == "1"
    unstored = [f for f in figures if f["metric"] == "members.new"]
    assert unstored and {f["source"] for f in unstored} == {"live"}


def test_a_send_above_the_cap_goes_as_several_signed_messages_and_arrives_whole(world, settings, monkeypatch):
    k, peer = registered("100000", "全国总工会（测试）")
    act_as(settings, k)
    settings.GONGHUI_UPPER_URL = "http://testserver"
    sent = _through_client(monkeypatch)
    monkeypatch.setattr(services, "MAX_FIGURES", 10)  # 3 figures a metric (the root and two children)
    log = services.federation_send(actor=SYSTEM, period=Period.year(2026), today=TODAY)
    assert log.status == FederationSend.Status.SENT and log.parts == len(sent) > 1 and log.parts_sent == log.parts
    assert all(len(message["figures"]) <= 10 for message in sent)
    assert {m["batch"] for m in sent} == {sent[0]["batch"]} and [m["part"] for m in sent] == list(
        range(1, len(sent) + 1))
    for message in sent:  # no metric is cut across two messages
        assert all(f["metric"] not in {g["metric"] for g in other["figures"]}
                   for other in sent if other is not message for f in message["figures"])
    assert ReceivedFigure.objects.filter(peer=peer, period="2026").count() == log.figures == 3 * len(all_metrics())


def test_a_send_cut_off_midway_says_how_many_parts_arrived_and_a_resend_completes_it(world, settings, monkeypatch):
    k, peer = registered("100000", "全国总工会（测试）")
    act_as(settings, k)
    settings.GONGHUI_UPPER_URL = "http://testserver"
    through = _through_client(monkeypatch)
    real = services._post
    calls = []

    def second_fails(url, body, headers):
        calls.append(1)
        return (503, "{}") if len(calls) == 2 else real(url, body, headers)

    monkeypatch.setattr(services, "_post", second_fails)
    monkeypatch.setattr(services, "MAX_FIGURES", 30)
    log = services.federation_send(actor=SYSTEM, period=Period.year(2026), today=TODAY)
    assert log.status == FederationSend.Status.FAILED and log.parts_sent == 1 < log.parts
    assert log.error.startswith("503")
    partial = ReceivedFigure.objects.filter(peer=peer, period="2026").count()
    assert 0 < partial < log.figures
    again = services.federation_send(actor=SYSTEM, period=Period.year(2026), today=TODAY)
    assert again.status == FederationSend.Status.SENT
    assert ReceivedFigure.objects.filter(peer=peer, period="2026").count() == again.figures
    assert len(through) >= again.parts


def test_split_parts_keeps_a_metric_whole_unless_it_alone_is_over_the_cap():
    figures = [{"metric": m, "version": 1, "n": i} for m, n in (("a", 3), ("b", 3), ("c", 7)) for i in range(n)]
    parts = services.split_parts(figures, 5)
    assert [[f["metric"] for f in part] for part in parts] == [
        ["a", "a", "a"], ["b", "b", "b"], ["c", "c", "c", "c", "c"], ["c", "c"]]
    assert services.split_parts([], 5) == [[]]

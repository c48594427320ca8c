import datetime

import pytest
from django.utils import timezone

from gonghui.reports.federation import signing
from gonghui.reports.federation.models import ReceivedFigure
from gonghui.reports.tests.federation_helpers import act_as, registered

pytestmark = pytest.mark.django_db
URL = "/api/v1/federation/figures"


def _figure(**kw):
    return {"metric": "members.total", "version": 1, "unit": "510000", "unit_name": "四川省总工会", "root": True,
            "label": "会员总数", "measure": "人", "value": "120", "numerator": None, "denominator": None,
            "as_of": "2026-12-01T08:00:00+08:00", **kw}


def _post(client, data, *, body=None):
    body = body if body is not None else signing.canonical_json(data)
    headers = signing.sign(method="POST", path=URL, body=body)
    extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k != "Content-Type"}
    return client.post(URL, body, content_type="application/json", **extra)


def _payload(code="510000", figures=None, period="2026"):
    return {"deployment": code, "period": period, "sent_at": "2026-12-01T08:00:00+08:00",
            "figures": figures if figures is not None else [_figure()]}


def test_a_signed_post_is_stored_and_an_unsigned_one_refused(client, settings, world):
    k, peer = registered()
    act_as(settings, k)
    ok = _post(client, _payload())
    assert ok.status_code == 200 and ok.json() == {"figures": 1, "changed": 1}
    assert ReceivedFigure.objects.get(peer=peer).value == 120
    bare = client.post(URL, _payload(), content_type="application/json")
    assert bare.status_code == 401 and bare.json()["code"] == "signature_missing"
    assert bare["WWW-Authenticate"].startswith("GonghuiSignature")


def test_a_tampered_body_is_refused_over_http(client, settings, world):
    k, _peer = registered()
    act_as(settings, k)
    body = signing.canonical_json(_payload())
    headers = signing.sign(method="POST", path=URL, body=body)
    extra = {"HTTP_" + h.upper().replace("-", "_"): v for h, v in headers.items() if h != "Content-Type"}
    answer = client.post(URL, body.replace(b'"120"', b'"999"'), content_type="application/json", **extra)
    assert answer.status_code == 401 and answer.json()["code"] == "bad_signature"
    assert not ReceivedFigure.objects.exists()


def test_a_lower_deployment_writes_only_its_own_codes_figures(client, settings, world):
    k, _peer = registered()
    registered("520000", "贵州省总工会")
    act_as(settings, k)
    answer = _post(client, _payload(code="520000", figures=[_figure(unit="520000", unit_name="贵州省总工会")]))
    assert answer.status_code == 403 and answer.json()["code"] == "not_your_deployment"
    assert not ReceivedFigure.objects.exists()


def test_a_bad_figure_is_named(client, settings, world):
    k, _peer = registered()
    act_as(settings, k)
    answer = _post(client, _payload(figures=[_figure(value="lots")]))
    assert answer.status_code == 422 and answer.json()["field"] == "figures.0.value"
    twice = _post(client, _payload(figures=[_figure(), _figure()]))
    assert twice.status_code == 400 and twice.json()["field"] == "figures.1"
    period = _post(client, _payload(period="2026-13"))
    assert period.status_code == 400 and period.json()["field"] == "period"


def test_the_root_reads_every_deployment_side_by_side_and_others_are_refused(client, settings, world):
    k, _peer = registered()
    registered("520000", "贵州省总工会")
    act_as(settings, k)
    city = _figure(root=False, unit="510100", unit_name="成都市总工会", value="80")
    _post(client, _payload(figures=[_figure(), city]))
    client.force_login(world.national_admin)
    rows = client.get(URL, {"metric": "members.total", "period": "2026"}).json()
    assert [(r["code"], r["root"] and r["root"]["value"]) for r in rows] == [("510000", "120.0000"), ("520000", None)]
    assert rows[0]["as_of"].startswith("2026-12-01T") and rows[1]["as_of"] is None
    assert [c["unit_name"] for c in rows[0]["children"]] == ["成都市总工会"]
    assert client.get("/api/v1/federation/sends").status_code == 200
    client.force_login(world.province_officer)
    assert client.get(URL, {"metric": "members.total", "period": "2026"}).status_code == 403
    assert client.get("/api/v1/federation/sends").status_code == 403


def test_a_resend_of_the_same_numbers_keeps_when_they_last_changed(client, settings, world):
    k, _peer = registered()
    act_as(settings, k)
    _post(client, _payload())
    first = ReceivedFigure.objects.get()
    ReceivedFigure.objects.update(changed_at=timezone.now() - datetime.timedelta(days=3))
    again = _post(client, _payload())
    assert again.json() == {"figures": 1, "changed": 0}
    kept = ReceivedFigure.objects.get()
    assert kept.pk == first.pk and kept.changed_at < kept.received_at - datetime.timedelta(days=2)

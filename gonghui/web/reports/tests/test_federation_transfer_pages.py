import pytest

from gonghui.accounts import sms_backends
from gonghui.reports.federation import client as federation_client
from gonghui.reports.federation.transfer_models import CrossTransfer
from gonghui.reports.federation.transfers_out import cross_transfer_open
from gonghui.reports.tests.federation_helpers import registered
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db
URL = "/reports/federation/transfers/"


def _peer(code="520000", name="贵州省总工会"):
    _keys, peer = registered(code, name)
    peer.url = "https://gz.example"
    peer.save()
    return peer


def test_a_receiving_union_asks_another_deployment_and_enters_the_workers_code(client, world, monkeypatch):
    peer = _peer()
    calls = []

    def post_signed(base_url, path, data, timeout=None):
        calls.append((path, data))
        return (200, {"status": "requested", "from_union_name": "贵阳市某公司工会"} if path.endswith("/confirm")
                else {"status": "awaiting"})

    monkeypatch.setattr(federation_client, "post_signed", post_signed)
    client.force_login(world.county_admin)
    number = make_person_id()
    page = client.post(URL, {"action": "request", "union": world.county.pk, "peer": peer.pk, "id_type": "resident",
                              "id_number": number, "reason": "工作调动"})
    assert page.status_code == 302
    asked = CrossTransfer.objects.get()
    assert asked.side == "in" and asked.union == world.county and calls[0][1]["id_number"] == number
    listing = client.get(URL).content.decode()
    assert 'name="action" value="confirm"' in listing and number not in listing
    client.post(URL, {"action": "confirm", "pk": asked.pk, "code": "123456"})
    asked.refresh_from_db()
    assert asked.status == "requested" and asked.other_union_name == "贵阳市某公司工会"


def test_the_sending_union_releases_and_another_province_sees_nothing(client, world, monkeypatch):
    peer = _peer()
    monkeypatch.setattr(federation_client, "post_signed", lambda *a, **k: (200, {"status": "released"}))
    cross_transfer_open(peer=peer, ref="3f0c1a8e-1111-4222-8333-944455556666", id_type="resident",
                        id_number=world.membership.member.id_number, to_union_name="贵阳市总工会")
    from gonghui.reports.federation.transfers_out import cross_transfer_code

    out = cross_transfer_code(peer=peer, ref="3f0c1a8e-1111-4222-8333-944455556666", code=sms_backends.outbox[-1].code)
    client.force_login(world.other_province_officer)
    assert 'data-ref="' not in client.get(URL).content.decode()
    client.post(URL, {"action": "release", "pk": out.pk})
    out.refresh_from_db()
    assert out.status == "requested"
    client.force_login(world.county_admin)
    listing = client.get(URL).content.decode()
    assert "李四" in listing and 'value="release"' in listing
    client.post(URL, {"action": "release", "pk": out.pk})
    out.refresh_from_db()
    assert out.status == "released"


def test_a_refusal_from_the_other_deployment_is_shown_on_the_form(client, world, monkeypatch):
    peer = _peer()
    monkeypatch.setattr(federation_client, "post_signed", lambda *a, **k: (400, {"code": "no_membership",
                                                                  "message_zh": "此人在该部署没有有效会籍。"}))
    client.force_login(world.county_admin)
    page = client.post(URL, {"action": "request", "union": world.county.pk, "peer": peer.pk, "id_type": "resident",
                              "id_number": make_person_id()})
    assert page.status_code == 400 and "此人在该部署没有有效会籍" in page.content.decode()
    assert not CrossTransfer.objects.exists()


def _asked_here(world, status):
    peer = _peer("510000", "四川省总工会")
    return CrossTransfer.objects.create(
        ref="3f0c1a8e-1111-4222-8333-944455556666", side="in", peer=peer, status=status, union=world.county,
        org_path=world.county.path, id_type="resident", id_number=make_person_id(), id_index="x",
        other_union_name="成都某公司工会")


def test_the_receiving_union_refuses_with_a_reason_and_the_page_shows_the_word_to_the_other_side(
        client, world, monkeypatch, django_capture_on_commit_callbacks):
    asked = _asked_here(world, "requested")
    monkeypatch.setattr(federation_client, "post_signed", lambda *a, **k: (503, {"code": "down"}))
    client.force_login(world.county_admin)
    listing = client.get(URL).content.decode()
    assert 'value="refuse"' in listing and 'value="withdraw"' in listing
    client.post(URL, {"action": "refuse", "pk": asked.pk, "note": ""})
    asked.refresh_from_db()
    assert asked.status == "requested"  # a reason is required
    with django_capture_on_commit_callbacks(execute=True):
        client.post(URL, {"action": "refuse", "pk": asked.pk, "note": "该职工未在本单位就业"})
    asked.refresh_from_db()
    assert asked.status == "refused" and asked.delivery == "failed"
    listing = client.get(URL).content.decode()
    assert "该职工未在本单位就业" in listing and "发送失败" in listing and "重试" in listing
    assert 'value="withdraw"' not in listing


def test_the_receiving_union_withdraws_an_open_request_and_another_county_cannot(client, world, monkeypatch):
    asked = _asked_here(world, "awaiting")
    monkeypatch.setattr(federation_client, "post_signed", lambda *a, **k: (200, {"status": "cancelled"}))
    client.force_login(world.other_province_officer)
    client.post(URL, {"action": "withdraw", "pk": asked.pk})
    asked.refresh_from_db()
    assert asked.status == "awaiting"
    client.force_login(world.county_admin)
    listing = client.get(URL).content.decode()
    assert 'value="refuse"' not in listing  # not agreed yet: only withdrawn
    client.post(URL, {"action": "withdraw", "pk": asked.pk})
    asked.refresh_from_db()
    assert asked.status == "cancelled" and asked.outgoing == "closed"
    assert "发送中" in client.get(URL).content.decode()

"""The worker's 会籍接转 page shows a request from a union on another deployment and answers it."""

import pytest

from gonghui.reports.federation import client as federation_client
from gonghui.reports.federation.transfer_models import CrossTransfer
from gonghui.reports.federation.transfers_out import cross_transfer_open
from gonghui.reports.tests.federation_helpers import registered

pytestmark = pytest.mark.django_db
REF = "3f0c1a8e-1111-4222-8333-944455556666"


@pytest.fixture
def asked(world, monkeypatch):
    monkeypatch.setattr(federation_client, "post_signed", lambda *a, **k: (200, {"status": "ok"}))
    _keys, peer = registered("520000", "贵州省总工会")
    peer.url = "https://gz.example"
    peer.save()
    return cross_transfer_open(peer=peer, ref=REF, id_type="resident", id_number=world.membership.member.id_number,
                               to_union_name="贵阳市总工会")


def test_the_worker_sees_the_request_from_another_province_and_agrees_then_withdraws(as_worker, world, asked):
    client = as_worker(world.membership.member.phone)
    page = client.get("/portal/transfer/").content.decode()
    assert "贵阳市总工会" in page and "贵州省总工会" in page and 'data-testid="confirm-cross-transfer"' in page
    assert client.post(f"/portal/transfer/cross/{asked.pk}/confirm/")["Location"] == "/portal/transfer/"
    asked.refresh_from_db()
    assert asked.status == "requested" and asked.outgoing == "confirmed"
    page = client.get("/portal/transfer/").content.decode()
    assert 'data-testid="withdraw-cross-transfer"' in page and "待转出" in page
    client.post(f"/portal/transfer/cross/{asked.pk}/withdraw/")
    asked.refresh_from_db()
    assert asked.status == "cancelled" and asked.outgoing == "closed"
    assert "已撤回" in client.get("/portal/transfer/").content.decode()


def test_the_worker_declines_and_after_the_release_is_sent_to_the_new_union(as_worker, world, asked):
    client = as_worker(world.membership.member.phone)
    client.post(f"/portal/transfer/cross/{asked.pk}/decline/")
    asked.refresh_from_db()
    assert asked.status == "declined"
    CrossTransfer.objects.filter(pk=asked.pk).update(status="released")
    page = client.get("/portal/transfer/").content.decode()
    assert "请联系新工会" in page and 'data-testid="withdraw-cross-transfer"' not in page
    client.post(f"/portal/transfer/cross/{asked.pk}/withdraw/")
    asked.refresh_from_db()
    assert asked.status == "released"


def test_another_worker_gets_a_404_and_an_unknown_answer_too(as_worker, world, asked):
    from gonghui.testing.world import make_member

    client = as_worker(world.membership.member.phone)
    assert client.post(f"/portal/transfer/cross/{asked.pk}/approve/").status_code == 404
    client.logout()
    other = make_member(world.grassroots)
    client = as_worker(other.member.phone)
    assert "贵阳市总工会" not in client.get("/portal/transfer/").content.decode()
    assert client.post(f"/portal/transfer/cross/{asked.pk}/confirm/").status_code == 404
    asked.refresh_from_db()
    assert asked.status == "awaiting"

import datetime
import json

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import DomainError, NotFound, ValidationFailed
from gonghui.reports.federation import client, signing
from gonghui.reports.federation.transfer_models import CrossTransfer
from gonghui.reports.federation.transfers_in import cross_transfer_released, cross_transfer_request
from gonghui.reports.federation.transfers_out import (
    cross_transfer_code,
    cross_transfer_open,
    cross_transfer_release,
    cross_transfers_due_out,
)
from gonghui.reports.tests.federation_helpers import SYSTEM, act_as, registered
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db
REF = "3f0c1a8e-1111-4222-8333-944455556666"


def _asked(world):
    """Deployment 520000 (贵州) asked this one for 李四, and 李四 read the code to its cadre."""
    _keys, peer = registered("520000", "贵州省总工会")
    peer.url = "https://gz.example"
    peer.save()
    member = world.membership.member
    cross_transfer_open(peer=peer, ref=REF, id_type="resident", id_number=member.id_number,
                        to_union_name="贵阳市总工会")
    return peer, cross_transfer_code(peer=peer, ref=REF, code=sms_backends.outbox[-1].code)


def test_the_sending_side_keeps_no_identity_number_and_logs_none(world):
    _peer, transfer = _asked(world)
    number = world.membership.member.id_number
    assert transfer.status == "requested" and transfer.id_number == "" and transfer.id_index == ""
    details = json.dumps(list(AuditEntry.objects.values_list("detail", flat=True)), ensure_ascii=False, default=str)
    assert number not in details


def test_the_sending_side_refuses_an_unknown_worker_and_a_wrong_code(world):
    _keys, peer = registered("520000", "贵州省总工会")
    with pytest.raises(ValidationFailed) as caught:
        cross_transfer_open(peer=peer, ref=REF, id_type="resident", id_number=make_person_id(), to_union_name="x")
    assert caught.value.code == "no_membership"
    cross_transfer_open(peer=peer, ref=REF, id_type="resident", id_number=world.membership.member.id_number,
                        to_union_name="贵阳市总工会")
    with pytest.raises(ValidationFailed) as caught:
        cross_transfer_code(peer=peer, ref=REF, code="000000" if sms_backends.outbox[-1].code != "000000" else "111111")
    assert caught.value.field == "code"
    assert CrossTransfer.objects.get().status == "awaiting"


def test_only_the_sending_unions_cadres_release(world):
    _peer, transfer = _asked(world)
    with pytest.raises(NotFound):
        cross_transfer_release(actor=world.other_province_officer, transfer=transfer)
    assert cross_transfer_release(actor=world.county_admin, transfer=transfer).status == "released"


def test_an_unanswered_request_releases_by_itself_and_the_release_is_sent_until_it_lands(world, monkeypatch):
    _peer, transfer = _asked(world)
    answers = [OSError("down"), (200, {"status": "released"})]
    sent = []

    def post_signed(base_url, path, data, timeout=None):
        sent.append((path, data))
        answer = answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(client, "post_signed", post_signed)
    later = timezone.now() + datetime.timedelta(days=30)
    assert cross_transfers_due_out(actor=SYSTEM, now=later) == {"lapsed": 0, "released": 1, "delivered": 0}
    transfer.refresh_from_db()
    assert transfer.status == "released" and transfer.released_automatically and transfer.delivered_at is None
    assert transfer.delivery == "failed" and transfer.send_attempts == 1 and "down" in transfer.send_error
    assert cross_transfers_due_out(actor=SYSTEM, now=later)["delivered"] == 0  # waits before trying again
    assert cross_transfers_due_out(actor=SYSTEM, now=later + datetime.timedelta(hours=1))["delivered"] == 1
    transfer.refresh_from_db()
    assert transfer.delivery == "sent" and transfer.delivered_at is not None
    path, data = sent[-1]
    assert path == f"/api/v1/federation/transfers/{REF}/released"
    assert set(data) == {"name", "gender", "join_date", "history"} and data["name"] == "李四"
    assert data["history"][0]["union"] == "示例科技有限公司工会委员会"


def test_a_request_the_other_deployment_cannot_take_leaves_nothing_waiting(world, monkeypatch):
    _keys, peer = registered("510000", "四川省总工会")
    peer.url = "https://sc.example"
    peer.save()
    monkeypatch.setattr(client, "post_signed", lambda *a, **k: (400, {"code": "no_membership",
                                                                  "message_zh": "此人在该部署没有有效会籍。"}))
    with pytest.raises(DomainError) as caught:
        cross_transfer_request(actor=world.county_admin, to_union=world.county, peer=peer, id_type="resident",
                               id_number=make_person_id())
    assert caught.value.code == "no_membership" and "此人在该部署没有有效会籍" in str(caught.value)

    def down(*args, **kwargs):
        raise OSError("unreachable")

    monkeypatch.setattr(client, "post_signed", down)
    with pytest.raises(ValidationFailed) as caught:
        cross_transfer_request(actor=world.county_admin, to_union=world.county, peer=peer, id_type="resident",
                               id_number=make_person_id())
    assert caught.value.code == "peer_unreachable"
    assert not CrossTransfer.objects.exists()


def test_the_receiving_side_asks_for_no_one_already_a_member_here_and_only_within_its_scope(world, monkeypatch):
    _keys, peer = registered("510000", "四川省总工会")
    peer.url = "https://sc.example"
    peer.save()
    monkeypatch.setattr(client, "post_signed", lambda *a, **k: (200, {"status": "awaiting"}))
    with pytest.raises(ValidationFailed) as caught:
        cross_transfer_request(actor=world.county_admin, to_union=world.county, peer=peer, id_type="resident",
                               id_number=world.membership.member.id_number)
    assert caught.value.code == "member_here"
    with pytest.raises(NotFound):
        cross_transfer_request(actor=world.county_admin, to_union=world.other_city, peer=peer, id_type="resident",
                               id_number=make_person_id())
    asked = cross_transfer_request(actor=world.county_admin, to_union=world.county, peer=peer, id_type="resident",
                                   id_number=make_person_id())
    assert asked.status == "awaiting" and asked.id_number and asked.id_index


def test_a_release_heard_twice_is_answered_as_once_and_an_early_one_refused(world, monkeypatch):
    _keys, peer = registered("510000", "四川省总工会")
    peer.url = "https://sc.example"
    peer.save()
    monkeypatch.setattr(client, "post_signed", lambda *a, **k: (200, {"status": "awaiting"}))
    asked = cross_transfer_request(actor=world.county_admin, to_union=world.county, peer=peer, id_type="resident",
                                   id_number=make_person_id())
    data = {"name": "王五", "gender": "male", "join_date": "2019-05-01", "history": []}
    with pytest.raises(DomainError) as caught:
        cross_transfer_released(peer=peer, ref=asked.ref, data=data)
    assert caught.value.code == "transfer_state"
    CrossTransfer.objects.filter(pk=asked.pk).update(status="requested")
    assert cross_transfer_released(peer=peer, ref=asked.ref, data=data).status == "released"
    assert cross_transfer_released(peer=peer, ref=asked.ref, data=data).status == "released"


def test_the_transfer_messages_need_a_registered_deployments_signature(world, settings):
    keys, _peer = registered("520000", "贵州省总工会")
    body = json.dumps({"ref": REF, "id_type": "resident", "id_number": world.membership.member.id_number,
                       "to_union_name": "贵阳市总工会"}).encode()
    bare = Client().post("/api/v1/federation/transfers", body, content_type="application/json")
    assert bare.status_code == 401 and bare.json()["code"] == "signature_missing"
    act_as(settings, keys)
    headers = signing.sign(method="POST", path="/api/v1/federation/transfers", body=body)
    extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k != "Content-Type"}
    signed = Client().post("/api/v1/federation/transfers", body, content_type="application/json", **extra)
    assert signed.status_code == 200 and signed.json()["status"] == "awaiting"
    assert "李四" not in signed.content.decode()  # nothing about the worker before the worker agrees


def test_a_release_this_deployment_cannot_deliver_yet_is_still_a_release(world, settings,
                                                                         django_capture_on_commit_callbacks):
    _peer, transfer = _asked(world)
    settings.GONGHUI_DEPLOYMENT_CODE = ""  # cannot sign: the periodic job will deliver once configured
    with django_capture_on_commit_callbacks(execute=True):
        released = cross_transfer_release(actor=world.county_admin, transfer=transfer)
    released.refresh_from_db()
    assert released.status == "released" and released.delivered_at is None

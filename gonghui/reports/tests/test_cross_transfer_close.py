"""Refusing and withdrawing a cross-deployment transfer, the worker's answers on A's portal, and every
word to the other side sent in the background (delivery.py): one deployment plays both sides here, each
side's row under the other's code; the words go through the signed API of this same process."""

import json
from urllib.parse import urlsplit

import pytest
from django.test import Client
from django.utils import timezone

from gonghui.accounts import sms_backends
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.members.models import MembershipEvent
from gonghui.members.services.applications import PortalWorker
from gonghui.reports.federation import client, delivery
from gonghui.reports.federation.transfer_models import CrossTransfer
from gonghui.reports.federation.transfers_close import (
    cross_transfer_closed,
    cross_transfer_confirm_by_member,
    cross_transfer_confirmed,
    cross_transfer_decline_by_member,
    cross_transfer_refuse,
    cross_transfer_withdraw,
    cross_transfer_withdraw_by_member,
)
from gonghui.reports.federation.transfers_in import cross_transfer_accept, cross_transfer_released
from gonghui.reports.federation.transfers_out import cross_transfer_code, cross_transfer_open, cross_transfer_release
from gonghui.reports.tests.federation_helpers import act_as, registered
from gonghui.testing.world import make_person_id

pytestmark = pytest.mark.django_db
REF = "3f0c1a8e-1111-4222-8333-944455556666"


def _out(world, *, confirmed=True):
    """Deployment 520000 (贵州) asked this one for 李四; with `confirmed`, 李四 read the code to its cadre."""
    _keys, peer = registered("520000", "贵州省总工会")
    peer.url = "https://gz.example"
    peer.save()
    member = world.membership.member
    transfer = cross_transfer_open(peer=peer, ref=REF, id_type="resident", id_number=member.id_number,
                                   to_union_name="贵阳市总工会")
    if confirmed:
        transfer = cross_transfer_code(peer=peer, ref=REF, code=sms_backends.outbox[-1].code)
    return peer, transfer


def _in(world, monkeypatch, status="requested"):
    """This deployment's county asked 510000 (四川) for a worker, who agreed."""
    _keys, peer = registered("510000", "四川省总工会")
    peer.url = "https://sc.example"
    peer.save()
    return peer, CrossTransfer.objects.create(
        ref=REF, side="in", peer=peer, status=status, union=world.county, org_path=world.county.path,
        id_type="resident", id_number=make_person_id(), id_index="x", other_union_name="成都某公司工会",
        released_data=json.dumps({"name": "王五"}) if status == "released" else "")


def _gender_of(id_number):
    """What the identity number says (its 17th digit: odd for a man), as the admission checks it."""
    return "male" if int(id_number[16]) % 2 else "female"


def _recorded(monkeypatch, answer=(200, {"status": "ok"})):
    sent = []

    def post_signed(base_url, path, data, timeout=None):
        sent.append((path, data))
        if isinstance(answer, Exception):
            raise answer
        return answer

    monkeypatch.setattr(client, "post_signed", post_signed)
    return sent


def test_the_receiving_union_refuses_with_a_reason_that_goes_to_the_other_side(world, monkeypatch,
                                                                               django_capture_on_commit_callbacks):
    _peer, transfer = _in(world, monkeypatch, "released")
    sent = _recorded(monkeypatch)
    with pytest.raises(ValidationFailed) as caught:
        cross_transfer_refuse(actor=world.county_admin, transfer=transfer, note="  ")
    assert caught.value.field == "note"
    with pytest.raises(NotFound):
        cross_transfer_refuse(actor=world.other_province_officer, transfer=transfer, note="不是本单位职工")
    with django_capture_on_commit_callbacks(execute=True):
        refused = cross_transfer_refuse(actor=world.county_admin, transfer=transfer, note="不是本单位职工")
    assert refused.status == "refused" and refused.note == "不是本单位职工"
    assert refused.id_number == "" and refused.released_data == ""  # nothing sealed is kept for a closed request
    assert sent == [(f"/api/v1/federation/transfers/{REF}/closed", {"status": "refused", "reason": "不是本单位职工"})]
    refused.refresh_from_db()
    assert refused.delivery == "sent" and refused.delivered_at is not None
    with pytest.raises(Conflict):
        cross_transfer_withdraw(actor=world.county_admin, transfer=refused)


def test_an_awaiting_request_cannot_be_refused_but_can_be_withdrawn(world, monkeypatch):
    _peer, transfer = _in(world, monkeypatch, "awaiting")
    _recorded(monkeypatch)
    with pytest.raises(Conflict):
        cross_transfer_refuse(actor=world.county_admin, transfer=transfer, note="不需要了")
    assert cross_transfer_withdraw(actor=world.county_admin, transfer=transfer).status == "cancelled"


def test_the_sending_side_closes_as_the_other_side_said_and_the_member_history_says_why(world):
    peer, _transfer = _out(world)
    closed = cross_transfer_closed(peer=peer, ref=REF, status="refused", reason="不是本单位职工")
    assert closed.status == "refused" and closed.note == "不是本单位职工"
    event = MembershipEvent.objects.filter(member=world.membership.member).latest("pk")
    assert event.kind == "transfer_refuse" and event.note == "不是本单位职工"
    again = cross_transfer_closed(peer=peer, ref=REF, status="cancelled")  # heard twice, or crossing: as done
    assert again.status == "refused"
    with pytest.raises(ValidationFailed):  # the receiving side never says the worker declined
        cross_transfer_closed(peer=peer, ref=REF, status="declined")


def test_a_closed_word_about_an_accepted_transfer_is_refused(world):
    peer, transfer = _out(world, confirmed=False)
    CrossTransfer.objects.filter(pk=transfer.pk).update(status="accepted")
    with pytest.raises(Conflict):
        cross_transfer_closed(peer=peer, ref=REF, status="cancelled")
    with pytest.raises(ValidationFailed):
        cross_transfer_closed(peer=peer, ref=REF, status="declined")


def test_the_worker_agrees_on_the_portal_and_the_asking_side_hears_it(world, monkeypatch,
                                                                      django_capture_on_commit_callbacks):
    _peer, transfer = _out(world, confirmed=False)
    sent = _recorded(monkeypatch)
    worker = PortalWorker(phone=world.membership.member.phone)
    with pytest.raises(NotFound):
        cross_transfer_confirm_by_member(worker=PortalWorker(phone="13900000000"), pk=transfer.pk)
    with django_capture_on_commit_callbacks(execute=True):
        agreed = cross_transfer_confirm_by_member(worker=worker, pk=transfer.pk)
    assert agreed.status == "requested" and agreed.release_due_at is not None
    assert sent == [(f"/api/v1/federation/transfers/{REF}/confirmed", {"from_union_name": world.grassroots.name})]
    with django_capture_on_commit_callbacks(execute=True):
        withdrawn = cross_transfer_withdraw_by_member(worker=worker, pk=transfer.pk)
    assert withdrawn.status == "cancelled"
    assert sent[-1] == (f"/api/v1/federation/transfers/{REF}/closed", {"status": "cancelled", "reason": ""})


def test_the_worker_declines_or_withdraws_only_before_the_release(world, monkeypatch):
    _peer, transfer = _out(world, confirmed=False)
    _recorded(monkeypatch)
    worker = PortalWorker(phone=world.membership.member.phone)
    with pytest.raises(Conflict):
        cross_transfer_withdraw_by_member(worker=worker, pk=transfer.pk)  # not agreed yet: decline instead
    assert cross_transfer_decline_by_member(worker=worker, pk=transfer.pk).status == "declined"
    CrossTransfer.objects.filter(pk=transfer.pk).update(status="released")
    with pytest.raises(Conflict):
        cross_transfer_withdraw_by_member(worker=worker, pk=transfer.pk)


def test_the_asking_side_moves_on_when_told_the_worker_agreed_and_answers_a_repeat_as_done(world, monkeypatch):
    peer, transfer = _in(world, monkeypatch, "awaiting")
    assert cross_transfer_confirmed(peer=peer, ref=REF, from_union_name="成都甲公司工会").status == "requested"
    transfer.refresh_from_db()
    assert transfer.other_union_name == "成都甲公司工会" and transfer.confirmed_at is not None
    assert cross_transfer_confirmed(peer=peer, ref=REF, from_union_name="x").status == "requested"


def test_a_release_arriving_after_a_withdrawal_is_taken_as_heard_and_keeps_nothing(world, monkeypatch):
    peer, transfer = _in(world, monkeypatch, "requested")
    _recorded(monkeypatch)
    cross_transfer_withdraw(actor=world.county_admin, transfer=transfer)
    heard = cross_transfer_released(peer=peer, ref=REF, data={"name": "王五"})
    assert heard.status == "cancelled" and heard.released_data == ""


def test_a_word_that_fails_is_shown_failed_and_tried_again_later_until_it_lands(world, monkeypatch,
                                                                                django_capture_on_commit_callbacks):
    _peer, transfer = _out(world)
    _recorded(monkeypatch, OSError("connection refused"))
    with django_capture_on_commit_callbacks(execute=True):
        cross_transfer_release(actor=world.county_admin, transfer=transfer)
    transfer.refresh_from_db()
    assert transfer.delivery == "failed" and transfer.send_attempts == 1 and "connection refused" in transfer.send_error
    assert transfer.next_send_at > timezone.now()
    assert delivery.deliver_due() == 0  # not due yet
    _recorded(monkeypatch, (503, {"code": "down", "message_zh": "维护中"}))
    assert delivery.deliver_due(now=transfer.next_send_at) == 0
    transfer.refresh_from_db()
    assert transfer.send_attempts == 2 and transfer.send_error == "503 down: 维护中"
    assert transfer.next_send_at - delivery.BACKOFF[1] > timezone.now() - delivery.BACKOFF[1]
    sent = _recorded(monkeypatch)
    assert delivery.deliver_due(now=transfer.next_send_at) == 1
    transfer.refresh_from_db()
    assert transfer.delivery == "sent" and transfer.send_error == "" and transfer.next_send_at is None
    assert sent[0][0].endswith("/released") and sent[0][1]["name"] == "李四"
    assert delivery.deliver(transfer.pk) is False  # nothing waits: not sent twice


def test_the_release_page_step_sends_nothing_itself_it_queues_the_task(world, monkeypatch):
    _peer, transfer = _out(world)
    sent = _recorded(monkeypatch)
    queued = []
    monkeypatch.setattr(delivery, "_enqueue", queued.append)

    released = cross_transfer_release(actor=world.county_admin, transfer=transfer)
    released.refresh_from_db()
    assert released.delivery == "sending" and released.outgoing == "released" and sent == []


def test_the_closing_and_confirming_words_are_signed_and_reach_the_service(world, settings):
    keys, peer = registered("520000", "贵州省总工会")
    member = world.membership.member
    cross_transfer_open(peer=peer, ref=REF, id_type="resident", id_number=member.id_number,
                        to_union_name="贵阳市总工会")
    act_as(settings, keys)
    from gonghui.reports.federation import signing

    def post(path, data):
        body = signing.canonical_json(data)
        headers = signing.sign(method="POST", path=path, body=body)
        extra = {"HTTP_" + k.upper().replace("-", "_"): v for k, v in headers.items() if k != "Content-Type"}
        return Client().post(urlsplit(path).path, body, content_type="application/json", **extra)

    bad = post(f"/api/v1/federation/transfers/{REF}/closed", {"status": "accepted", "reason": ""})
    assert bad.status_code == 422
    done = post(f"/api/v1/federation/transfers/{REF}/closed", {"status": "cancelled", "reason": "已在本地入会"})
    assert done.status_code == 200 and done.json()["status"] == "cancelled"
    assert CrossTransfer.objects.get().note == "已在本地入会"
    unknown = post("/api/v1/federation/transfers/00000000-1111-4222-8333-944455556666/confirmed",
                   {"from_union_name": "x"})
    assert unknown.status_code == 404
    bare = Client().post(f"/api/v1/federation/transfers/{REF}/closed", b"{}", content_type="application/json")
    assert bare.status_code == 401


def test_an_accepted_transfer_is_said_to_the_sending_side_in_the_background(world, monkeypatch,
                                                                           django_capture_on_commit_callbacks):
    _peer, transfer = _in(world, monkeypatch, "released")
    sent = _recorded(monkeypatch)
    CrossTransfer.objects.filter(pk=transfer.pk).update(
        released_data=json.dumps({"name": "王五", "gender": _gender_of(transfer.id_number), "join_date": "2019-05-01",
                                  "history": []}))
    with django_capture_on_commit_callbacks(execute=True):
        cross_transfer_accept(actor=world.county_admin, transfer=transfer)
    transfer.refresh_from_db()
    assert transfer.status == "accepted" and transfer.delivery == "sent"
    assert sent == [(f"/api/v1/federation/transfers/{REF}/accepted", {})]

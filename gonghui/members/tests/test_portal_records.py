"""The member's own side: records found by the verified phone, transfer requests, the e-card."""

import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.members import selectors
from gonghui.members.joinlinks import join_token, union_pk_from_join_token
from gonghui.members.models import MemberCard, MembershipEvent, Transfer
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.members.services.cards import card_issue_by_member, card_number_from_token, card_token
from gonghui.members.services.transfers import (
    transfer_cancel_by_member,
    transfer_release,
    transfer_request_by_member,
)
from gonghui.testing.world import confirmed_transfer, make_member, make_person_id

pytestmark = pytest.mark.django_db


@pytest.fixture
def li(world):
    """李四, the world's member of the grassroots union, signed in on the portal with his phone."""
    return PortalWorker(phone=world.membership.member.phone, ip="10.1.1.1")


def test_a_join_token_names_its_union_and_cannot_be_forged(world):
    token = join_token(world.grassroots)
    assert union_pk_from_join_token(token) == world.grassroots.pk
    assert selectors.join_union_get(token=token) == world.grassroots
    forged = f"{world.county.pk}.{token.split('.')[1]}"
    assert union_pk_from_join_token(forged) is None
    with pytest.raises(NotFound):
        selectors.join_union_get(token=forged)
    with pytest.raises(NotFound):
        selectors.join_union_get(token="garbage")


def test_my_records_are_found_by_phone_only(world, li):
    make_member(world.county2, name="别人")
    application = application_submit(worker=PortalWorker(phone="13700000001"), union=world.county,
                                     data={"name": "张三", "id_number": make_person_id()})
    mine = selectors.my_records(phone=li.phone)
    assert [m.member.name for m in mine.memberships] == ["李四"]
    assert mine.applications == [] and mine.pending_application is None
    theirs = selectors.my_records(phone="13700000001")
    assert theirs.pending_application == application and theirs.memberships == []
    with pytest.raises(NotFound):
        selectors.my_application_get(phone=li.phone, pk=application.pk)


def test_a_member_asks_to_move_and_withdraws_while_open(world, li):
    transfer = transfer_request_by_member(worker=li, to_union=world.county2, reason="换了单位")
    assert (transfer.origin, transfer.status, transfer.from_union) == ("member", "requested", world.grassroots)
    with pytest.raises(ValidationFailed) as exc:
        transfer_request_by_member(worker=li, to_union=world.city2)
    assert exc.value.code == "open_transfer"
    transfer_release(actor=world.county_admin, transfer=transfer)
    cancelled = transfer_cancel_by_member(worker=li, transfer=transfer)
    assert cancelled.status == Transfer.Status.CANCELLED
    with pytest.raises(Conflict):
        transfer_cancel_by_member(worker=li, transfer=transfer)
    entry = AuditEntry.objects.filter(action="member.transfer_cancel").latest("id")
    assert entry.actor_label == f"portal:{li.phone[:3]}****{li.phone[-4:]}" and entry.ip == "10.1.1.1"
    assert MembershipEvent.objects.filter(kind="transfer_request", actor_label__startswith="portal:").exists()


def test_a_member_cannot_move_to_their_own_union_or_without_a_membership(world, li):
    with pytest.raises(ValidationFailed) as exc:
        transfer_request_by_member(worker=li, to_union=world.grassroots)
    assert exc.value.code == "same_union"
    with pytest.raises(ValidationFailed) as exc:
        transfer_request_by_member(worker=PortalWorker(phone="13700000002"), to_union=world.county2)
    assert exc.value.code == "no_membership"


def test_someone_else_cannot_cancel_a_transfer(world, li):
    transfer = transfer_request_by_member(worker=li, to_union=world.county2)
    with pytest.raises(NotFound):
        transfer_cancel_by_member(worker=PortalWorker(phone="13700000003"), transfer=transfer)


def test_a_transfer_the_union_started_is_cancelled_by_the_union(world, li):
    from gonghui.testing.world import make_user

    admin = make_user("county2_admin", world.county2, "union_admin")
    transfer = confirmed_transfer(actor=admin, member=world.membership.member, to_union=world.county2)
    with pytest.raises(ValidationFailed) as exc:
        transfer_cancel_by_member(worker=li, transfer=transfer)
    assert exc.value.code == "not_yours"


def test_a_member_claims_an_electronic_card_once(world, li):
    member = world.membership.member
    card = card_issue_by_member(worker=li, member_pk=member.pk)
    assert card_issue_by_member(worker=li, member_pk=member.pk) == card
    assert MemberCard.objects.filter(member=member).count() == 1
    assert card_number_from_token(card_token(card)) == card.number
    with pytest.raises(NotFound):
        card_issue_by_member(worker=PortalWorker(phone="13700000004"), member_pk=member.pk)
    with pytest.raises(NotFound):
        card_issue_by_member(worker=li, member_pk="x")

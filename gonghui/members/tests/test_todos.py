"""The registry's to-dos: applications to review, transfers each end must answer, and each leaves
the list once handled; nothing outside the user's scope is counted."""

import pytest

from gonghui.members.services.applications import PortalWorker, application_approve, application_submit
from gonghui.members.services.transfers import transfer_accept, transfer_release, transfer_request
from gonghui.members.todos import members_todos
from gonghui.testing.world import confirmed_transfer, make_member, member_data

pytestmark = pytest.mark.django_db


def counts(user):
    return {t.key: t.count for t in members_todos(user=user)}


def test_an_application_waits_for_the_reviewing_unions_and_leaves_once_decided(world):
    data = member_data()
    application = application_submit(worker=PortalWorker(phone=data.pop("phone")), union=world.grassroots, data=data)
    assert counts(world.county_admin)["members.applications"] == 1
    assert counts(world.other_province_officer)["members.applications"] == 0
    # A clerk edits the registry but does not review: no such line at all.
    assert "members.applications" not in counts(world.county_clerk)
    application_approve(actor=world.county_admin, application=application)
    assert counts(world.county_admin)["members.applications"] == 0


def test_a_transfer_waits_on_the_sender_to_release_then_on_the_receiver_to_accept(world):
    member = make_member(world.grassroots, name="王五").member
    transfer = confirmed_transfer(actor=world.province_officer, member=member, to_union=world.county2)
    assert counts(world.county_admin)["members.transfers_release"] == 1
    assert counts(world.county_admin)["members.transfers_accept"] == 0
    transfer = transfer_release(actor=world.county_admin, transfer=transfer)
    assert counts(world.county_admin)["members.transfers_release"] == 0
    assert counts(world.province_officer)["members.transfers_accept"] == 1
    transfer_accept(actor=world.province_officer, transfer=transfer)
    assert counts(world.province_officer)["members.transfers_accept"] == 0


def test_a_request_the_worker_has_not_agreed_to_is_no_ones_to_do(world):
    member = make_member(world.grassroots, name="赵六").member
    transfer_request(actor=world.province_officer, member=member, to_union=world.county2)
    assert counts(world.county_admin)["members.transfers_release"] == 0
    assert counts(world.province_officer)["members.transfers_accept"] == 0

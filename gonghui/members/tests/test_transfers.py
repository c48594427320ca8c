import datetime
import io

import pytest
from django.utils import timezone

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.members.choices import MembershipStatus
from gonghui.members.models import Member, Membership, MembershipEvent, Transfer
from gonghui.members.services.registry import membership_leave
from gonghui.members.services.transfers import (
    create_transfer,
    create_transfers,
    transfer_accept,
    transfer_refuse,
    transfer_release,
    transfer_release_due,
)
from gonghui.orgs.scope import SystemActor, scope_for
from gonghui.testing.world import confirmed_transfer, make_member, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def county2_admin(world):
    return make_user("county2_admin", world.county2, "union_admin")


def test_a_transfer_moves_the_membership_and_keeps_history_on_both_sides(world, county2_admin):
    member = world.membership.member
    transfer = confirmed_transfer(actor=county2_admin, member=member, to_union=world.county2, reason="换工作")
    with pytest.raises(NotFound):
        transfer_release(actor=county2_admin, transfer=transfer)  # only the sending side releases
    transfer_release(actor=world.county_admin, transfer=transfer)
    new = transfer_accept(actor=county2_admin, transfer=transfer)
    member.refresh_from_db()
    assert (member.union, member.status) == (world.county2, MembershipStatus.ACTIVE)
    old = Membership.objects.get(pk=world.membership.pk)
    assert old.status == MembershipStatus.TRANSFERRED and new.channel == "transfer"
    assert Membership.objects.live().filter(member=member).count() == 1


def test_an_unanswered_request_releases_by_itself_once(world, county2_admin):
    transfer = confirmed_transfer(actor=county2_admin, member=world.membership.member, to_union=world.county2)
    later = timezone.now() + datetime.timedelta(days=16)
    assert transfer_release_due(actor=SystemActor(), now=later) == 1
    assert transfer_release_due(actor=SystemActor(), now=later) == 0
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.RELEASED and transfer.released_automatically
    with pytest.raises(Conflict):
        transfer_release(actor=world.county_admin, transfer=transfer)


def test_one_open_transfer_at_a_time(world, county2_admin):
    member = world.membership.member
    confirmed_transfer(actor=county2_admin, member=member, to_union=world.county2)
    with pytest.raises(ValidationFailed) as exc:
        confirmed_transfer(actor=world.province_officer, member=member, to_union=world.city2)
    assert exc.value.code == "open_transfer"


def test_refusing_needs_a_reason(world, county2_admin):
    transfer = confirmed_transfer(actor=county2_admin, member=world.membership.member, to_union=world.county2)
    with pytest.raises(ValidationFailed):
        transfer_refuse(actor=county2_admin, transfer=transfer, note="")
    transfer_refuse(actor=county2_admin, transfer=transfer, note="查无此人")
    assert Member.objects.get(pk=world.membership.member_id).union == world.grassroots


def test_the_sending_side_sees_the_transfer_too(world, county2_admin):
    from gonghui.core.permissions import Perm
    from gonghui.orgs.scope import scope_for

    transfer = confirmed_transfer(actor=county2_admin, member=world.membership.member, to_union=world.county2)
    for user in (world.county_admin, county2_admin):
        assert Transfer.objects.visible_to(scope_for(user, Perm.MEMBER_VIEW)).filter(pk=transfer.pk).exists()
    assert not Transfer.objects.visible_to(scope_for(world.other_province_officer, Perm.MEMBER_VIEW)).exists()


def test_the_periodic_timer_releases_due_transfers(world, county2_admin, django_capture_on_commit_callbacks):
    from django.core.management import call_command

    transfer = confirmed_transfer(actor=county2_admin, member=world.membership.member, to_union=world.county2)
    Transfer.objects.filter(pk=transfer.pk).update(release_due_at=timezone.now() - datetime.timedelta(minutes=1))
    # The immediate task backend runs each queued job when the enqueuing transaction commits.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("periodic", stdout=io.StringIO())
    transfer.refresh_from_db()
    assert transfer.status == Transfer.Status.RELEASED and transfer.released_automatically


def test_a_moved_union_takes_its_open_transfers_along(world, county2_admin):
    from gonghui.orgs.services import union_move

    transfer = confirmed_transfer(actor=county2_admin, member=world.membership.member, to_union=world.county2)
    union_move(actor=SystemActor(), union=world.county2, new_parent=world.city)
    transfer.refresh_from_db()
    world.county2.refresh_from_db()
    assert transfer.to_path == world.county2.path
    # The receiving cadre (signing in afresh) still finds it in the inbox.
    cadre = type(county2_admin).objects.get(pk=county2_admin.pk)
    assert Transfer.objects.visible_to(scope_for(cadre, "member.edit")).filter(pk=transfer.pk).exists()


def _written(transfer):
    """What a transfer request leaves behind, but its worker's own ids and the times: the row, its event
    (on the worker's membership) and its audit row (naming the transfer and the membership)."""
    event = MembershipEvent.objects.get(member=transfer.member, kind="transfer_ask")
    audit = AuditEntry.objects.get(action="member.transfer_ask", object_id=str(transfer.member_id))
    assert event.membership_id == transfer.from_membership_id == audit.detail.pop("membership")
    assert audit.detail.pop("transfer") == transfer.pk
    return ((transfer.from_union_id, transfer.from_path, transfer.to_union_id, transfer.to_path, transfer.origin,
             transfer.status, transfer.confirm_due_at - transfer.created_at > datetime.timedelta(days=1)),
            (event.union_id, event.note == transfer.reason, event.actor_label, event.new_status),
            (audit.org_path, audit.actor_label, audit.detail))


def test_many_transfers_at_once_are_checked_and_written_as_one_at_a_time_would_be(world):
    asked = [make_member(world.grassroots).member, make_member(world.county2, phone="").member,
             make_member(world.city2).member, make_member(world.grassroots).member]
    busy = make_member(world.grassroots).member
    confirmed_transfer(actor=world.province_officer, member=busy, to_union=world.city2)
    gone = make_member(world.grassroots).member
    membership_leave(actor=world.county_admin, member=gone, note="离职")
    answers = create_transfers(actor=world.province_officer, to_union=world.city2, origin=Transfer.Origin.ROSTER,
                               asked=[(m, f"第{n}行") for n, m in enumerate([*asked, busy, gone])])
    assert [a.code if isinstance(a, ValidationFailed) else "made" for a in answers] == [
        "made", "no_phone", "same_union", "made", "open_transfer", "no_membership"]
    assert [answers[0].reason, answers[3].reason] == ["第0行", "第3行"]
    one = create_transfer(actor=world.province_officer, member=make_member(world.grassroots).member,
                          to_union=world.city2, origin=Transfer.Origin.ROSTER, reason="第0行", confirmed=False,
                          notify=False)
    assert _written(answers[0]) == _written(answers[3]) == _written(one)


def test_a_transfer_asked_for_meanwhile_refuses_only_that_worker(world, monkeypatch):
    taken, free = make_member(world.grassroots).member, make_member(world.grassroots).member
    confirmed_transfer(actor=world.province_officer, member=taken, to_union=world.county2)
    # The look-up does not see it (asked for after it ran): the unique index refuses the batch.
    monkeypatch.setattr("gonghui.members.services.transfers.OPEN", [])
    answers = create_transfers(actor=world.province_officer, to_union=world.city2, origin=Transfer.Origin.ROSTER,
                               asked=[(taken, "第2行"), (free, "第3行")])
    assert isinstance(answers[0], ValidationFailed) and answers[0].code == "open_transfer"
    assert isinstance(answers[1], Transfer) and answers[1].member == free
    assert Transfer.objects.filter(member=taken).count() == 1

"""A transfer starts with the worker: a receiving union's request waits for the worker's consent,
given by the SMS code sent to the phone of the member record or on the portal."""

import datetime

import pytest
from django.utils import timezone

from gonghui.accounts.sms_models import SmsCode
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.members import selectors
from gonghui.members.models import Member, MembershipEvent, Transfer
from gonghui.members.services.applications import PortalWorker, application_approve, application_submit
from gonghui.members.services.transfer_consent import (
    transfer_code_resend,
    transfer_confirm,
    transfer_confirm_by_member,
    transfer_decline_by_member,
)
from gonghui.members.services.transfers import (
    transfer_accept,
    transfer_release,
    transfer_release_due,
    transfer_request_by_identity,
    transfer_request_by_member,
)
from gonghui.orgs.scope import SystemActor, scope_for
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def county2_admin(world):
    return make_user("county2_admin", world.county2, "union_admin")


@pytest.fixture
def asked(world, county2_admin):
    """county2 asks for county's member by the identity number alone."""
    member = world.membership.member
    return transfer_request_by_identity(actor=county2_admin, to_union=world.county2, id_type=member.id_type,
                                        id_number=member.id_number)


def test_a_receiving_union_learns_neither_name_nor_union_and_nothing_moves_until_the_worker_confirms(
        world, county2_admin, asked, sms_outbox):
    member = world.membership.member
    assert (asked.status, asked.worker_agreed, asked.release_due_at) == ("awaiting", False, None)
    (text,) = sms_outbox
    assert (text.phone, text.purpose) == (member.phone, "transfer_confirm")  # the phone of the record
    # The sending union sees nothing of it, not even in the member's history.
    sending = scope_for(world.county_admin, Perm.MEMBER_VIEW)
    assert not selectors.transfer_outbox(scope=sending).exists()
    assert not Transfer.objects.visible_to(sending).exists()
    history = selectors.member_history(member=member)
    assert history.transfers == [] and not [e for e in history.events if e.kind.startswith("transfer")]
    with pytest.raises(NotFound):
        selectors.transfer_get(scope=sending, pk=asked.pk)
    with pytest.raises(Conflict):
        transfer_release(actor=world.county_admin, transfer=asked)
    assert Member.objects.get(pk=member.pk).union == world.grassroots

    confirmed = transfer_confirm(actor=county2_admin, transfer=asked, code=text.code)
    assert (confirmed.status, confirmed.confirmed_how, confirmed.worker_agreed) == ("requested", "sms_code", True)
    assert confirmed.release_due_at is not None
    assert list(selectors.transfer_outbox(scope=sending)) == [confirmed]
    transfer_release(actor=world.county_admin, transfer=confirmed)
    transfer_accept(actor=county2_admin, transfer=confirmed)
    assert Member.objects.get(pk=member.pk).union == world.county2


def test_a_wrong_code_refuses_and_the_request_keeps_waiting(world, county2_admin, asked, sms_outbox):
    right = sms_outbox[-1].code
    wrong = "000000" if right != "000000" else "111111"
    with pytest.raises(ValidationFailed) as refused:
        transfer_confirm(actor=county2_admin, transfer=asked, code=wrong)
    assert refused.value.field == "code"
    asked.refresh_from_db()
    assert asked.status == Transfer.Status.AWAITING


def test_an_expired_code_refuses(world, county2_admin, asked, sms_outbox):
    past = timezone.now() - datetime.timedelta(minutes=10)
    SmsCode.objects.filter(purpose="transfer_confirm").update(created_at=past, expires_at=past)
    with pytest.raises(ValidationFailed) as refused:
        transfer_confirm(actor=county2_admin, transfer=asked, code=sms_outbox[-1].code)
    assert refused.value.field == "code"
    transfer_code_resend(actor=county2_admin, transfer=asked)  # a fresh code, once the resend wait has passed
    assert transfer_confirm(actor=county2_admin, transfer=asked, code=sms_outbox[-1].code).status == "requested"


def test_only_the_receiving_union_enters_the_code(world, county2_admin, asked, sms_outbox):
    with pytest.raises(NotFound):
        transfer_confirm(actor=world.other_province_officer, transfer=asked, code=sms_outbox[-1].code)


def test_an_unconfirmed_request_never_releases_by_itself_and_lapses(world, asked):
    later = timezone.now() + datetime.timedelta(days=16)
    assert transfer_release_due(actor=SystemActor(), now=later) == 0
    asked.refresh_from_db()
    assert asked.status == Transfer.Status.LAPSED
    assert MembershipEvent.objects.filter(kind="transfer_lapse").count() == 1


def test_the_worker_confirms_or_declines_on_the_portal(world, county2_admin, asked):
    worker = PortalWorker(phone=world.membership.member.phone)
    stranger = PortalWorker(phone="13700000009")
    with pytest.raises(NotFound):
        transfer_confirm_by_member(worker=stranger, transfer=asked)
    assert transfer_confirm_by_member(worker=worker, transfer=asked).confirmed_how == "portal"
    with pytest.raises(Conflict):
        transfer_decline_by_member(worker=worker, transfer=asked)


def test_a_declined_request_closes_and_the_sender_never_sees_it(world, county2_admin, asked):
    worker = PortalWorker(phone=world.membership.member.phone)
    assert transfer_decline_by_member(worker=worker, transfer=asked).status == Transfer.Status.DECLINED
    assert not Transfer.objects.visible_to(scope_for(world.county_admin, Perm.MEMBER_VIEW)).exists()


def test_a_transfer_the_worker_starts_on_the_portal_goes_end_to_end(world, county2_admin, sms_outbox):
    worker = PortalWorker(phone=world.membership.member.phone)
    transfer = transfer_request_by_member(worker=worker, to_union=world.county2, reason="换了单位")
    assert (transfer.status, transfer.confirmed_how) == ("requested", "own_request") and sms_outbox == []
    transfer_release(actor=world.county_admin, transfer=transfer)
    transfer_accept(actor=county2_admin, transfer=transfer)
    assert Member.objects.get(pk=world.membership.member_id).union == world.county2


def test_an_application_with_another_phone_waits_for_the_worker(world, sms_outbox):
    member = world.membership.member
    someone = PortalWorker(phone="13700000008")
    application = application_submit(worker=someone, union=world.county2,
                                     data={"name": member.name, "id_number": member.id_number})
    transfer = application_approve(actor=world.province_officer, application=application)
    assert transfer.status == Transfer.Status.AWAITING
    assert [m.phone for m in sms_outbox] == [member.phone]


def test_an_application_from_the_phone_of_the_record_is_the_workers_own_request(world):
    member = world.membership.member
    application = application_submit(worker=PortalWorker(phone=member.phone), union=world.county2,
                                     data={"name": member.name, "id_number": member.id_number})
    assert application_approve(actor=world.province_officer, application=application).status == "requested"

"""A person's correction and erasure requests, and the phone they change themselves (PIPL arts. 46-47)."""

import pytest

from gonghui.accounts import sms_backends
from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.core.crypto import blind_index
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gonghui.members.models import Member
from gonghui.members.rights_models import PersonalDataRequest, RightChannel, RightState
from gonghui.members.rights_selectors import members_of_phone, pending_requests
from gonghui.members.services import rights as rights_service
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.rights import (
    correction_decide,
    data_request_correct,
    data_request_erase,
    is_own,
    phone_change_by_member,
    phone_change_send,
)
from gonghui.members.todos import members_todos
from gonghui.orgs.scope import scope_for
from gonghui.testing.keys import index_key_rotating
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world) -> Member:
    return world.membership.member


@pytest.fixture
def worker(member) -> PortalWorker:
    return PortalWorker(phone=member.phone, ip="10.0.0.1")


def test_a_worker_asks_for_a_name_correction_and_the_union_sees_it_waiting(world, member, worker):
    request = data_request_correct(actor=worker, member=member, field="name", value="李 思", note="户口本为准")
    assert (request.state, request.channel, request.field, request.new_value) == (
        RightState.PENDING, RightChannel.PORTAL, "name", "李 思")
    assert list(pending_requests(scope=scope_for(world.county_admin, "member.edit"))) == [request]
    todo = next(t for t in members_todos(user=world.county_admin) if t.key == "members.data_requests")
    assert todo.count == 1
    assert AuditEntry.objects.filter(action="member.data_request.open").exists()


def test_accepting_a_correction_applies_it_through_the_registry_and_records_who(world, member, worker):
    request = data_request_correct(actor=worker, member=member, field="name", value="李思")
    correction_decide(actor=world.county_admin, request=request, accept=True)
    member.refresh_from_db()
    request.refresh_from_db()
    assert member.name == "李思" and member.name_initials == "ls"
    assert request.state == RightState.ACCEPTED and request.decided_by_id == world.county_admin.pk
    assert request.new_value == ""  # the value asked for is not kept beside the record once applied
    assert member.events.filter(kind="update").exists()


def test_a_refusal_needs_a_reason_and_leaves_the_record_alone(world, member, worker):
    request = data_request_correct(actor=worker, member=member, field="job", value="焊工")
    with pytest.raises(ValidationFailed) as error:
        correction_decide(actor=world.county_admin, request=request, accept=False, reason="")
    assert error.value.field == "reason"
    correction_decide(actor=world.county_admin, request=request, accept=False, reason="与劳动合同记载不符")
    request.refresh_from_db()
    assert request.state == RightState.REFUSED and request.reason == "与劳动合同记载不符"
    assert request.new_value == ""  # nor kept once refused
    with pytest.raises(Conflict):
        correction_decide(actor=world.county_admin, request=request, accept=True)
    member.refresh_from_db()
    assert member.job != "焊工"


def test_it_refuses_a_second_open_request_for_the_same_field(member, worker):
    data_request_correct(actor=worker, member=member, field="name", value="李思")
    with pytest.raises(Conflict):
        data_request_correct(actor=worker, member=member, field="name", value="李斯")


def test_it_refuses_an_invalid_value_before_the_union_sees_it(member, worker):
    with pytest.raises(ValidationFailed) as error:
        data_request_correct(actor=worker, member=member, field="education", value="博士后")
    assert error.value.field == "value"
    with pytest.raises(ValidationFailed):
        data_request_correct(actor=worker, member=member, field="id_number", value="510104199001011234")
    assert not PersonalDataRequest.objects.exists()


def test_a_worker_cannot_ask_about_someone_elses_record(world, member):
    with pytest.raises(NotFound):
        data_request_correct(actor=PortalWorker(phone="13700000000"), member=member, field="name", value="张三")


def test_cadres_outside_the_members_union_cannot_record_or_decide(world, member, worker):
    with pytest.raises(NotFound):
        data_request_erase(actor=world.other_province_officer, member=member)
    request = data_request_correct(actor=worker, member=member, field="name", value="李思")
    with pytest.raises(NotFound):
        correction_decide(actor=world.other_province_officer, request=request, accept=True)
    reviewer = make_user("county_reviewer", world.county, RoleCode.REVIEWER)
    with pytest.raises(PermissionDenied):
        correction_decide(actor=reviewer, request=request, accept=True)


def test_a_cadre_records_a_request_made_at_the_counter(world, member):
    request = data_request_correct(actor=world.county_admin, member=member, field="phone", value="13911112222")
    assert request.channel == RightChannel.OFFLINE and request.new_value_shown == "139****2222"


def test_the_worker_changes_their_own_phone_after_proving_the_new_one(member, worker, sms_outbox):
    with pytest.raises(ValidationFailed):
        data_request_correct(actor=worker, member=member, field="phone", value="13911112222")
    phone_change_send(worker=worker, member=member, new_phone="139 1111 2222")
    code = sms_outbox[-1].code
    assert sms_outbox[-1].phone == "13911112222"
    with pytest.raises(ValidationFailed):
        phone_change_by_member(worker=worker, member=member, new_phone="13911112222", code="000000")
    phone_change_by_member(worker=worker, member=member, new_phone="13911112222", code=code)
    member.refresh_from_db()
    assert member.phone == "13911112222" and member.phone_index == blind_index("13911112222")
    assert members_of_phone(phone="13911112222") == [member] and members_of_phone(phone=worker.phone) == []
    done = PersonalDataRequest.objects.get()
    assert (done.state, done.field, done.new_value_shown) == (RightState.DONE, "phone", "139****2222")
    assert done.new_value == ""  # the full new number lives in the record only, not in the request history


def test_a_code_sent_to_another_phone_does_not_change_it(member, worker, sms_outbox):
    phone_change_send(worker=worker, member=member, new_phone="13911112222")
    code = sms_outbox[-1].code
    with pytest.raises(ValidationFailed):
        phone_change_by_member(worker=worker, member=member, new_phone="13933334444", code=code)
    assert sms_backends.outbox and Member.objects.get(pk=member.pk).phone == worker.phone


def test_a_correction_decided_meanwhile_is_refused_before_the_record_is_written(world, member, worker, monkeypatch):
    request = data_request_correct(actor=worker, member=member, field="job", value="焊工")
    PersonalDataRequest.objects.filter(pk=request.pk).update(state=RightState.REFUSED)  # another cadre, just now

    def must_not_write(**kwargs):
        raise AssertionError("the member was written for a request already decided")

    monkeypatch.setattr(rights_service, "profile_apply", must_not_write)
    with pytest.raises(Conflict) as error:
        correction_decide(actor=world.county_admin, request=request, accept=True)
    assert error.value.code == "decided"


def test_it_refuses_a_decision_reason_too_long_instead_of_cutting_it(world, member, worker):
    request = data_request_correct(actor=worker, member=member, field="job", value="焊工")
    with pytest.raises(ValidationFailed) as error:
        correction_decide(actor=world.county_admin, request=request, accept=False, reason="理" * 301)
    assert error.value.field == "reason" and "300" in str(error.value.message)
    request.refresh_from_db()
    assert request.state == RightState.PENDING


def test_the_worker_is_found_by_phone_while_the_index_key_rotates(member, worker, settings):
    with index_key_rotating(settings):
        assert member.phone_index != blind_index(member.phone)  # written under the old key
        assert members_of_phone(phone=member.phone) == [member]
        assert is_own(worker, member)

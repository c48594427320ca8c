import pytest
from django.db import transaction
from django.utils import translation

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.members.models import JoinApplication, Membership, Transfer
from gonghui.members.services.applications import PortalWorker, application_reject, application_submit
from gonghui.members.services.decisions import (
    BULK_MAX,
    applications_bulk_approve,
    applications_bulk_reject,
    transfers_bulk_accept,
    transfers_bulk_release,
)
from gonghui.members.services.worker_notice import JOIN_APPROVED, JOIN_REFUSED
from gonghui.testing.world import confirmed_transfer, make_member, make_user, member_data

pytestmark = pytest.mark.django_db


def apply(union, name, **overrides):
    data = member_data(name=name, **overrides)
    return application_submit(worker=PortalWorker(phone=data.pop("phone")), union=union, data=data)


def test_a_bulk_approval_decides_each_valid_one_and_lists_the_rest_with_their_reasons(
        world, sms_outbox, django_capture_on_commit_callbacks):
    fresh = [apply(world.grassroots, f"新会员{i}") for i in range(4)]
    decided_before = apply(world.township, "早已退回")
    application_reject(actor=world.county_admin, application=decided_before, reason="非本辖区职工")
    elsewhere = apply(world.county2, "外区申请人")  # outside the county admin's subtree
    sms_outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        outcome = applications_bulk_approve(actor=world.county_admin,
                                            ids=[a.pk for a in fresh] + [decided_before.pk, elsewhere.pk])

    assert [pk for pk, _name in outcome.decided] == [a.pk for a in fresh]
    assert {u.pk: u.code for u in outcome.undecided} == {decided_before.pk: "conflict", elsewhere.pk: "not_found"}
    listed = {u.pk: u for u in outcome.undecided}
    assert listed[decided_before.pk].name == "早已退回" and "已被处理" in str(listed[decided_before.pk].message)
    assert listed[elsewhere.pk].name == ""  # a row the cadre cannot see is not named to them
    assert JoinApplication.objects.filter(pk=elsewhere.pk, status="pending").exists()
    assert all(Membership.objects.filter(member__name=a.name, union=world.grassroots, status="active").exists()
               for a in fresh)
    approvals = AuditEntry.objects.filter(action="member.application_approve")
    assert sorted(int(e.object_id) for e in approvals) == sorted(a.pk for a in fresh)
    assert AuditEntry.objects.filter(action="member.admit", object_label__startswith="新会员").count() == 4
    assert [m.purpose for m in sms_outbox] == [JOIN_APPROVED] * 4


def test_a_member_of_this_union_already_is_listed_back_and_the_others_go_through(world):
    existing = world.membership.member
    duplicate = apply(world.grassroots, existing.name, id_number=existing.id_number)
    other = apply(world.grassroots, "新来的")

    outcome = applications_bulk_approve(actor=world.county_admin, ids=[duplicate.pk, other.pk])

    assert outcome.decided == [(other.pk, "新来的")]
    assert [(u.name, u.code) for u in outcome.undecided] == [(existing.name, "already_member")]


def test_an_applicant_who_is_a_member_elsewhere_becomes_a_transfer_request(world):
    member = make_member(world.county2, name="外区会员").member
    application = apply(world.grassroots, "外区会员", id_number=member.id_number)

    outcome = applications_bulk_approve(actor=world.county_admin, ids=[application.pk])

    assert outcome.transfers == 1 and len(outcome.decided) == 1
    assert Transfer.objects.filter(member=member, to_union=world.grassroots).exists()


def test_a_bulk_rejection_needs_one_reason_and_names_its_field_in_both_languages(world):
    application = apply(world.grassroots, "孙丽")

    with pytest.raises(ValidationFailed) as refused:
        applications_bulk_reject(actor=world.county_admin, ids=[application.pk], reason="  ")

    assert refused.value.field == "reason"
    with translation.override("zh-hans"):
        assert "请填写不通过的原因" in str(refused.value.message)
    with translation.override("en"):
        assert "reason" in str(refused.value.message)
    assert JoinApplication.objects.get(pk=application.pk).status == "pending"


def test_a_bulk_rejection_gives_every_applicant_the_same_reason_and_tells_each_by_sms(
        world, sms_outbox, django_capture_on_commit_callbacks):
    applications = [apply(world.grassroots, name) for name in ("甲", "乙", "丙")]

    with django_capture_on_commit_callbacks(execute=True):
        outcome = applications_bulk_reject(actor=world.county_admin, ids=[a.pk for a in applications],
                                           reason="非本单位职工")

    assert len(outcome.decided) == 3 and not outcome.undecided
    assert set(JoinApplication.objects.filter(pk__in=[a.pk for a in applications])
               .values_list("reason", flat=True)) == {"非本单位职工"}
    assert AuditEntry.objects.filter(action="member.application_reject").count() == 3
    assert [m.purpose for m in sms_outbox] == [JOIN_REFUSED] * 3
    assert all("非本单位职工" in m.text and m.params["reason"] == "非本单位职工" for m in sms_outbox)


def test_a_submit_is_bounded_and_needs_a_selection(world):
    with pytest.raises(ValidationFailed) as too_many:
        applications_bulk_approve(actor=world.county_admin, ids=range(1, BULK_MAX + 2))
    assert too_many.value.code == "too_many" and too_many.value.field == "ids"
    with pytest.raises(ValidationFailed) as none:
        applications_bulk_approve(actor=world.county_admin, ids=[])
    assert none.value.code == "none_selected"


def test_someone_who_may_not_review_is_refused_before_any_row(world):
    application = apply(world.grassroots, "孙丽")
    with pytest.raises(PermissionDenied):
        applications_bulk_approve(actor=world.auditor, ids=[application.pk])


def test_no_sms_goes_out_when_the_decision_is_rolled_back(world, sms_outbox, django_capture_on_commit_callbacks):
    application = apply(world.grassroots, "孙丽")
    sms_outbox.clear()

    with (django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(RuntimeError),
          transaction.atomic()):
        applications_bulk_approve(actor=world.county_admin, ids=[application.pk])
        raise RuntimeError("the request failed after the decision")

    assert callbacks == [] and sms_outbox == []
    assert JoinApplication.objects.get(pk=application.pk).status == "pending"


def test_the_receiving_union_accepts_and_the_sending_union_releases_in_bulk(
        world, sms_outbox, django_capture_on_commit_callbacks):
    receiving = make_user("county2_admin", world.county2, "union_admin")
    movers = [make_member(world.grassroots, name=f"调动{i}").member for i in range(3)]
    transfers = [confirmed_transfer(actor=receiving, member=m, to_union=world.county2) for m in movers]

    released = transfers_bulk_release(actor=world.county_admin, ids=[t.pk for t in transfers[:2]])
    assert len(released.decided) == 2
    with django_capture_on_commit_callbacks(execute=True):
        sms_outbox.clear()
        accepted = transfers_bulk_accept(actor=receiving, ids=[t.pk for t in transfers])

    assert [pk for pk, _n in accepted.decided] == [t.pk for t in transfers[:2]]
    assert [(u.name, u.code) for u in accepted.undecided] == [("调动2", "conflict")]  # not released yet
    assert Membership.objects.filter(union=world.county2, member__in=movers[:2], status="active").count() == 2
    assert len(sms_outbox) == 2 and all("绵阳市涪城区总工会" in m.text for m in sms_outbox)

"""A batch from draft to paid: selection from the registry, review, submission, approval, payment."""

import datetime
from decimal import Decimal

import pytest

from gonghui.aid.choices import BatchStatus, GrantStatus
from gonghui.aid.models import AidBatchEvent, AidGrant
from gonghui.aid.services import (
    batch_approve,
    batch_cancel,
    batch_mark_paid,
    batch_remove_grants,
    batch_return,
    batch_select_eligible,
    batch_submit,
    grant_add,
    grant_adjust,
)
from gonghui.aid.tests.conftest import make_file, worker
from gonghui.aid.workflow import TRANSITIONS
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed


@pytest.mark.django_db
def test_selection_takes_the_households_in_file_the_programme_admits(world, new_programme, new_campaign, new_batch):
    member = world.membership.member
    make_file(world.grassroots, name="会员户", member=member, hardship_class="deep")
    make_file(world.grassroots, name="非会员户", hardship_class="deep")
    make_file(world.grassroots, name="相对困难户", member=None, hardship_class="relative")
    make_file(world.grassroots, name="未建档户", status="applied")
    make_file(world.county2, name="别的县")
    programme = new_programme(kind="living", name="生活救助", hardship_classes=["deep"])  # members only by default
    batch = new_batch(new_campaign(programme))
    result = batch_select_eligible(actor=world.county_clerk, batch=batch)
    assert result.added == 1
    grant = AidGrant.objects.get(batch=batch)
    assert grant.name == "会员户" and grant.is_member and grant.hardship_file_id is not None
    assert (grant.cash, grant.goods_value) == (Decimal("500.00"), Decimal("200.00"))


@pytest.mark.django_db
def test_the_whole_way_from_draft_to_paid_leaves_events_and_audit_rows(world, batch, programme):
    grants = [grant_add(actor=world.county_clerk, batch=batch, data=worker()) for _ in range(3)]
    batch_remove_grants(actor=world.county_clerk, batch=batch, grant_ids=[grants[0].pk], reason="已迁出")
    grant_adjust(actor=world.county_clerk, grant=grants[1], cash="800", goods="米面油")
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_return(actor=world.county_admin, batch=batch, reason="请核对金额")
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    batch = batch_mark_paid(actor=world.county_clerk, batch=batch)
    assert batch.status == BatchStatus.PAID and batch.approved_by == world.county_admin
    assert list(AidGrant.objects.filter(batch=batch).order_by("pk").values_list("status", flat=True)) == [
        GrantStatus.CANCELLED, GrantStatus.PAID, GrantStatus.PAID]
    programme.refresh_from_db()
    assert programme.paid == programme.committed == Decimal("1700.00")  # (800 + 200) + (500 + 200)
    assert AidBatchEvent.objects.filter(batch=batch).count() == 11
    assert AuditEntry.objects.filter(action="aid.batch.approve", object_id=str(batch.pk)).exists()
    assert AidGrant.objects.get(pk=grants[1].pk).paid_on == datetime.date(2026, 1, 20)


@pytest.mark.django_db
def test_the_preparer_may_not_approve_their_own_batch_when_the_setting_says_so(world, batch, settings):
    grant_add(actor=world.county_admin, batch=batch, data=worker())
    batch.prepared_by = world.county_admin
    batch.save(update_fields=["prepared_by"])
    batch_submit(actor=world.county_admin, batch=batch)
    with pytest.raises(PermissionDenied) as refused:
        batch_approve(actor=world.county_admin, batch=batch)
    assert refused.value.code == "same_person"
    settings.GONGHUI_AID_SEPARATE_APPROVER = False
    assert batch_approve(actor=world.county_admin, batch=batch).status == BatchStatus.APPROVED


@pytest.mark.django_db
def test_a_reviewer_approves_and_a_clerk_cannot(world, batch, county_reviewer):
    grant_add(actor=world.county_clerk, batch=batch, data=worker())
    batch_submit(actor=world.county_clerk, batch=batch)
    with pytest.raises(PermissionDenied):
        batch_approve(actor=world.county_clerk, batch=batch)
    assert batch_approve(actor=county_reviewer, batch=batch).status == BatchStatus.APPROVED


@pytest.mark.django_db
def test_another_province_cannot_even_see_the_batch(world, batch):
    with pytest.raises(NotFound):
        grant_add(actor=world.other_province_officer, batch=batch, data=worker())


@pytest.mark.django_db
def test_steps_out_of_order_are_refused_by_the_table(world, batch):
    with pytest.raises(ValidationFailed) as empty:
        batch_submit(actor=world.county_clerk, batch=batch)
    assert empty.value.code == "empty"
    with pytest.raises(ValidationFailed) as early:
        batch_mark_paid(actor=world.county_clerk, batch=batch)
    assert early.value.code == "bad_transition"
    batch_cancel(actor=world.county_clerk, batch=batch, reason="重复建立")
    with pytest.raises(ValidationFailed):
        grant_add(actor=world.county_clerk, batch=batch, data=worker())
    assert TRANSITIONS[BatchStatus.APPROVED] == {BatchStatus.PAID, BatchStatus.PARTLY_PAID, BatchStatus.CANCELLED}


@pytest.mark.django_db
def test_a_study_aid_batch_needs_student_school_and_grade(world, new_programme, new_campaign, new_batch):
    programme = new_programme(kind="autumn_study_aid", name="金秋助学", standard_goods_value="0")
    batch = new_batch(new_campaign(programme))
    with pytest.raises(ValidationFailed):
        grant_add(actor=world.county_clerk, batch=batch, data=worker(is_member=True))
    grant = grant_add(actor=world.county_clerk, batch=batch,
                      data=worker(is_member=True, student_name="周小明", school="四川大学", grade="大一"))
    assert (grant.student_name, grant.school, grant.grade) == ("周小明", "四川大学", "大一")
    make_file(world.grassroots, member=world.membership.member)
    batch_select_eligible(actor=world.county_clerk, batch=batch)
    with pytest.raises(ValidationFailed) as missing:
        batch_submit(actor=world.county_clerk, batch=batch)
    assert missing.value.code == "student_missing"


@pytest.mark.django_db
def test_a_members_only_programme_refuses_a_non_member(world, new_programme, new_campaign, new_batch):
    batch = new_batch(new_campaign(new_programme(kind="medical", name="医疗救助")))
    with pytest.raises(ValidationFailed) as refused:
        grant_add(actor=world.county_clerk, batch=batch, data=worker())
    assert refused.value.code == "members_only"


@pytest.mark.django_db
def test_a_batch_is_paid_out_only_under_its_programmes_union(world, new_programme, new_campaign, new_batch,
                                                             county2_admin):
    province_programme = new_programme(union=world.province, actor=world.province_officer)
    campaign = new_campaign(province_programme, actor=world.province_officer)
    assert new_batch(campaign).union == world.county  # a county pays out the province's programme
    county_campaign = new_campaign(new_programme(), year=2027)
    with pytest.raises(ValidationFailed):
        new_batch(county_campaign, union=world.county2, actor=county2_admin)


@pytest.mark.django_db
def test_a_paid_grant_marks_its_household_aided_in_the_registry(world, batch):
    from gonghui.assistance.choices import Status
    from gonghui.assistance.models import HardshipFile

    household = make_file(world.grassroots)
    batch_select_eligible(actor=world.county_clerk, batch=batch)
    batch_submit(actor=world.county_clerk, batch=batch)
    batch_approve(actor=world.county_admin, batch=batch)
    batch_mark_paid(actor=world.county_clerk, batch=batch)
    assert HardshipFile.objects.get(pk=household.pk).status == Status.AIDED

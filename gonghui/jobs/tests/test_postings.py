import datetime

import pytest
from django.db import connection
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gonghui.jobs.choices import PostingSource, PostingStatus
from gonghui.jobs.models import JobEvent, JobPosting
from gonghui.jobs.services import (
    job_partner_grant,
    posting_create,
    posting_resubmit_by_partner,
    posting_review,
    posting_submit_by_partner,
    posting_withdraw,
    postings_expire,
)
from gonghui.jobs.tests.conftest import posting_data
from gonghui.members.services.partners import partner_create
from gonghui.testing.world import SYSTEM, make_user

TODAY = timezone.localdate


@pytest.fixture
def partner(world):
    partner, _key = partner_create(actor=SYSTEM, union=world.province, name="示例科技人力资源部", purposes=["jobs"])
    job_partner_grant(actor=world.county_admin, partner=partner, employer=world.employer)
    return partner


def test_a_cadre_entry_is_published_at_once_with_the_phone_encrypted_and_masked(world, regions):
    posting = posting_create(actor=world.county_admin, employer=world.employer, **posting_data())
    assert posting.status == PostingStatus.PUBLISHED and posting.source == PostingSource.CADRE
    assert posting.contact_phone_masked == "139****5678"
    with connection.cursor() as cursor:
        cursor.execute("SELECT contact_phone FROM jobs_jobposting WHERE id = %s", [posting.pk])
        assert "13912345678" not in cursor.fetchone()[0]
    assert JobEvent.objects.filter(posting=posting, action="create").exists()
    assert AuditEntry.objects.filter(action="jobs.posting.create").exists()


@pytest.mark.parametrize(("overrides", "field"), [
    ({"pay_min": 9000, "pay_max": 8000}, "pay_max"),
    ({"pay_min": -1}, "pay_min"),
    ({"pay_max": "八千"}, "pay_max"),
    ({"places": 0}, "places"),
    ({"expires_on": datetime.date(2020, 1, 1)}, "expires_on"),
    ({"expires_on": "2026-13-40"}, "expires_on"),
    ({"region": "510100"}, "region"),
    ({"contact_phone": "12345"}, "contact_phone"),
    ({"title": ""}, "title"),
])
def test_it_refuses_a_bad_field_and_names_it(world, regions, overrides, field):
    with pytest.raises(ValidationFailed) as error:
        posting_create(actor=world.county_admin, employer=world.employer, **posting_data(**overrides))
    assert error.value.field == field
    assert not JobPosting.objects.exists()


def test_it_refuses_an_employer_outside_the_cadres_scope(world, regions, county2_employer):
    with pytest.raises(NotFound):
        posting_create(actor=world.county_admin, employer=county2_employer, **posting_data())
    reader = make_user("county_reviewer", world.county, RoleCode.REVIEWER)
    with pytest.raises(PermissionDenied):
        posting_create(actor=reader, employer=world.employer, **posting_data())
    assert not JobPosting.objects.exists()


def test_a_partner_submission_lands_for_review_and_the_union_publishes_it(world, regions, partner):
    posting = posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data())
    assert posting.status == PostingStatus.PENDING and posting.partner == partner
    posting = posting_review(actor=world.county_admin, posting=posting, approve=True)
    assert posting.status == PostingStatus.PUBLISHED and posting.published_at is not None
    assert [e.action for e in posting.events.all()] == ["submit", "publish"]


def test_a_partner_cannot_submit_for_an_employer_it_was_not_granted(world, regions, partner, county2_employer):
    with pytest.raises(NotFound) as error:
        posting_submit_by_partner(partner=partner, employer_id=county2_employer.pk, **posting_data())
    assert error.value.field == "employer"
    assert not JobPosting.objects.exists()


def test_a_return_needs_a_reason_and_the_partner_resubmits_for_review(world, regions, partner):
    posting = posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data())
    with pytest.raises(ValidationFailed) as error:
        posting_review(actor=world.county_admin, posting=posting, approve=False, note="")
    assert error.value.field == "note"
    posting = posting_review(actor=world.county_admin, posting=posting, approve=False, note="薪资请写明")
    assert posting.status == PostingStatus.RETURNED
    posting = posting_resubmit_by_partner(partner=partner, posting_id=posting.pk, **posting_data(pay_min=6000))
    assert posting.status == PostingStatus.PENDING and posting.pay_min == 6000


def test_a_review_by_someone_outside_the_employers_union_is_refused(world, regions, partner):
    posting = posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data())
    with pytest.raises(NotFound):
        posting_review(actor=world.other_province_officer, posting=posting, approve=True)
    assert JobPosting.objects.get(pk=posting.pk).status == PostingStatus.PENDING


def test_a_published_posting_cannot_be_reviewed_again_or_withdrawn_twice(world, posting):
    row = posting()
    with pytest.raises(Conflict):
        posting_review(actor=world.county_admin, posting=row, approve=True)
    row = posting_withdraw(actor=world.county_admin, posting=row)
    assert row.status == PostingStatus.WITHDRAWN
    with pytest.raises(Conflict):
        posting_withdraw(actor=world.county_admin, posting=row)


def test_the_expiry_sweep_closes_postings_past_their_date_once(world, posting, partner):
    old = posting()
    pending = posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data())
    live = posting(expires_on=TODAY() + datetime.timedelta(days=60))
    later = TODAY() + datetime.timedelta(days=31)
    assert postings_expire(actor=SYSTEM, today=later).expired == 2
    assert postings_expire(actor=SYSTEM, today=later).expired == 0
    statuses = dict(JobPosting.objects.values_list("pk", "status"))
    assert statuses[old.pk] == statuses[pending.pk] == PostingStatus.EXPIRED
    assert statuses[live.pk] == PostingStatus.PUBLISHED
    assert JobEvent.objects.filter(action="expire").count() == 2


def test_the_sweep_leaves_a_posting_within_its_date(world, posting):
    row = posting()
    assert postings_expire(actor=SYSTEM, today=TODAY()).expired == 0
    assert JobPosting.objects.get(pk=row.pk).status == PostingStatus.PUBLISHED

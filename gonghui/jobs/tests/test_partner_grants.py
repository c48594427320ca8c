"""Granting a partner key the right to submit postings for one employer, and taking it back."""

import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.jobs.models import JobPartner
from gonghui.jobs.selectors import grantable_partners, job_partner_list
from gonghui.jobs.services import job_partner_grant, job_partner_revoke, posting_submit_by_partner
from gonghui.jobs.tests.conftest import posting_data
from gonghui.members.services.partners import partner_create, partner_revoke
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


@pytest.fixture
def partner(world):
    partner, _key = partner_create(actor=SYSTEM, union=world.province, name="示例科技人力资源部", purposes=["jobs"])
    return partner


def test_a_grant_is_audited_once_and_granting_again_changes_nothing(world, partner):
    first = job_partner_grant(actor=world.county_admin, partner=partner, employer=world.employer)
    again = job_partner_grant(actor=world.county_admin, partner=partner, employer=world.employer)
    assert first.pk == again.pk and JobPartner.objects.count() == 1
    assert AuditEntry.objects.filter(action="jobs.partner.grant").count() == 1


def test_a_revoked_partners_next_submission_is_refused_with_403_and_a_new_grant_reopens_it(world, regions, partner):
    grant = job_partner_grant(actor=world.county_admin, partner=partner, employer=world.employer)
    posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data())
    job_partner_revoke(actor=world.county_admin, grant=grant)
    assert AuditEntry.objects.filter(action="jobs.partner.revoke", object_id=str(grant.pk)).exists()
    with pytest.raises(PermissionDenied) as refused:
        posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data())
    assert refused.value.status == 403 and refused.value.field == "employer"
    with pytest.raises(Conflict):
        job_partner_revoke(actor=world.county_admin, grant=grant)
    job_partner_grant(actor=world.county_admin, partner=partner, employer=world.employer)
    assert posting_submit_by_partner(partner=partner, employer_id=world.employer.pk, **posting_data()).pk


def test_only_a_cadre_managing_jobs_over_the_employer_grants_or_revokes(world, partner, county2_employer):
    with pytest.raises(NotFound):  # out of scope reads as missing
        job_partner_grant(actor=world.county_admin, partner=partner, employer=county2_employer)
    grant = job_partner_grant(actor=world.county_admin, partner=partner, employer=world.employer)
    with pytest.raises(NotFound):
        job_partner_revoke(actor=world.other_province_officer, grant=grant)
    assert JobPartner.objects.get().is_active


def test_it_refuses_a_key_without_the_jobs_purpose_a_revoked_one_or_one_of_another_tree(world):
    bank, _key = partner_create(actor=SYSTEM, union=world.province, name="示例银行", purposes=["verify"])
    revoked, _key = partner_create(actor=SYSTEM, union=world.province, name="旧平台", purposes=["jobs"])
    partner_revoke(actor=SYSTEM, partner=revoked)
    foreign, _key = partner_create(actor=SYSTEM, union=world.other_province, name="外省平台", purposes=["jobs"])
    for key in (bank, revoked, foreign):
        with pytest.raises(ValidationFailed) as refused:
            job_partner_grant(actor=world.county_admin, partner=key, employer=world.employer)
        assert refused.value.field == "partner"
    assert not JobPartner.objects.exists()


def test_the_picker_offers_active_jobs_keys_of_the_cadres_tree_and_the_list_follows_the_employer(world, partner):
    partner_create(actor=SYSTEM, union=world.province, name="示例银行", purposes=["verify"])
    partner_create(actor=SYSTEM, union=world.other_province, name="外省平台", purposes=["jobs"])
    county = scope_for(world.county_admin, Perm.JOBS_MANAGE)
    assert [p.name for p in grantable_partners(scope=county)] == ["示例科技人力资源部"]
    assert [p.name for p in grantable_partners(scope=scope_for(world.other_province_officer, Perm.JOBS_MANAGE))] \
        == ["外省平台"]
    job_partner_grant(actor=world.county_admin, partner=partner, employer=world.employer)
    assert job_partner_list(scope=county).count() == 1
    assert not job_partner_list(scope=scope_for(world.other_province_officer, Perm.JOBS_VIEW)).exists()

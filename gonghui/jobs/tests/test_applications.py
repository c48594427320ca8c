import datetime

import pytest
from django.utils import timezone

from gonghui.assistance.choices import Status as FileStatus
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services import assessment_rule_add, hardship_survey
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.jobs.choices import ApplicationStatus
from gonghui.jobs.models import JobApplication
from gonghui.jobs.selectors import applicants_shown, application_list, employer_view
from gonghui.jobs.services import (
    application_apply,
    application_decide,
    application_recommend,
    application_withdraw,
)
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.scope import Scope
from gonghui.testing.world import SYSTEM, make_member

PROFILE = {"skills": "电焊、氩弧焊", "experience": "在制造企业工作8年", "expected_pay": 7000,
           "desired_region": "510104"}


@pytest.fixture
def worker(world):
    member = world.membership.member
    return PortalWorker(phone=member.phone)


def file_hardship(member, status=FileStatus.FILED):
    assessment_rule_add(actor=SYSTEM, adcode="510100", area_name="成都市", min_living_monthly="1000",
                        deep_factor="1.0", relative_factor="1.5", accident_factor="2.0",
                        effective_from=datetime.date(2024, 1, 1), source="测试数据")
    file = hardship_survey(actor=SYSTEM, union=member.union, worker={
        "name": member.name, "id_number": member.id_number, "phone": member.phone, "employer_name": "示例"},
        household=[{"relation": "self", "name": member.name, "annual_income": "6000", "id_number": member.id_number,
                    "health_notes": ""}], causes=["unemployment"], adcode="510104",
        consent={"signer": "本人", "text_version": "2026-01"})
    HardshipFile.objects.filter(pk=file.pk).update(status=status)


def test_an_application_without_consent_is_refused_and_nothing_is_written(world, posting, worker):
    job = posting()
    with pytest.raises(ValidationFailed) as error:
        application_apply(worker=worker, posting_pk=job.pk, consent=False, **PROFILE)
    assert error.value.field == "consent"
    assert not JobApplication.objects.exists()


def test_the_consent_is_recorded_with_its_time_and_the_employer_sees_the_profile(world, posting, worker):
    job = posting()
    application = application_apply(worker=worker, posting_pk=job.pk, consent=True, **PROFILE)
    assert application.consent_at is not None and application.status == ApplicationStatus.APPLIED
    [seen] = employer_view(JobApplication.objects.filter(posting=job))
    assert seen.name == "李四" and seen.skills == PROFILE["skills"]
    with pytest.raises(Conflict):
        application_apply(worker=worker, posting_pk=job.pk, consent=True, **PROFILE)


def test_a_recommendation_reaches_the_employer_only_after_the_workers_consent(world, posting, worker):
    job = posting()
    member = world.membership.member
    application = application_recommend(actor=world.county_admin, posting=job, member=member)
    assert application.status == ApplicationStatus.RECOMMENDED and application.consent_at is None
    assert employer_view(JobApplication.objects.filter(posting=job)) == []
    [shown] = applicants_shown(application_list(scope=Scope.all(), posting=job))
    assert shown.name == "李*" and shown.phone == "" and not shown.consented
    application = application_apply(worker=worker, posting_pk=job.pk, consent=True, **PROFILE)
    assert application.status == ApplicationStatus.APPLIED and application.recommended_at is not None
    assert len(employer_view(JobApplication.objects.filter(posting=job))) == 1


def test_a_union_cannot_recommend_someone_outside_its_scope(world, posting):
    job = posting()
    stranger = make_member(world.county2, name="赵五").member
    with pytest.raises(NotFound):
        application_recommend(actor=world.county_admin, posting=job, member=stranger)
    assert not JobApplication.objects.exists()


def test_priority_is_flagged_only_with_consent_and_never_says_why(world, posting, worker):
    file_hardship(world.membership.member)
    first, second = posting(), posting(title="叉车司机")
    without = application_apply(worker=worker, posting_pk=first.pk, consent=True, **PROFILE)
    assert without.priority is False and without.priority_consent_at is None
    flagged = application_apply(worker=worker, posting_pk=second.pk, consent=True, priority_consent=True, **PROFILE)
    assert flagged.priority is True and flagged.priority_consent_at is not None
    [seen] = employer_view(JobApplication.objects.filter(posting=second))
    assert seen.priority is True
    assert not any("unemployment" in str(v) or "失业" in str(v) or "困难" in str(v) for v in vars(seen).values())


def test_a_worker_outside_the_registry_gets_no_priority_even_with_consent(world, posting, worker):
    file_hardship(world.membership.member, status=FileStatus.SURVEYED)
    application = application_apply(worker=worker, posting_pk=posting().pk, consent=True, priority_consent=True,
                                    **PROFILE)
    assert application.priority is False


def test_a_withdrawn_application_leaves_the_employers_view(world, posting, worker):
    job = posting()
    application = application_apply(worker=worker, posting_pk=job.pk, consent=True, **PROFILE)
    application_withdraw(worker=worker, application_pk=application.pk)
    assert employer_view(JobApplication.objects.filter(posting=job)) == []
    with pytest.raises(Conflict):
        application_decide(actor=world.county_admin, application=JobApplication.objects.get(), intent=True)


def test_a_stranger_cannot_withdraw_someone_elses_application(world, posting, worker):
    application = application_apply(worker=worker, posting_pk=posting().pk, consent=True, **PROFILE)
    with pytest.raises(NotFound):
        application_withdraw(worker=PortalWorker(phone="13700000000"), application_pk=application.pk)


def test_an_expired_posting_takes_no_application(world, posting, worker):
    job = posting()
    type(job).objects.filter(pk=job.pk).update(expires_on=timezone.localdate() - datetime.timedelta(days=1))
    with pytest.raises(NotFound):
        application_apply(worker=worker, posting_pk=job.pk, consent=True, **PROFILE)

"""A person's copy, consent withdrawal and erasure across the apps (PIPL arts. 15, 45, 47)."""

import datetime
import io

import openpyxl
import pytest
from django.utils import timezone

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.core.crypto import blind_index
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from gonghui.core.idnumbers import mask_id, mask_phone
from gonghui.jobs.choices import ApplicationStatus
from gonghui.jobs.models import JobApplication
from gonghui.jobs.selectors import employer_view
from gonghui.jobs.services import application_apply, posting_create
from gonghui.members.models import Member, PersonalDataAccess
from gonghui.members.rights_models import PersonalDataRequest, RightKind, RightState
from gonghui.members.selectors import member_list
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.rights import data_request_erase
from gonghui.orgs.models import Region
from gonghui.orgs.scope import Scope
from gonghui.reports.personal import erasure
from gonghui.reports.personal.consent import consent_withdraw, consents_of
from gonghui.reports.personal.copy import personal_copy
from gonghui.reports.personal.erasure import ERASED_NAME, erasure_decide
from gonghui.testing.world import make_person_id, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(world) -> Member:
    return world.membership.member


def _book(data: bytes) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(data))


def _job_application(world, member: Member) -> JobApplication:
    Region.objects.get_or_create(adcode="510104", defaults={"name": "锦江区", "level": Region.RegionLevel.COUNTY,
                                                            "dataset": "test"})
    posting = posting_create(actor=world.county_admin, employer=world.employer, title="焊工", places=5,
                             pay_min=5000, pay_max=8000, requirements="持证", region="510104", address="春熙路1号",
                             contact_name="王经理", contact_phone="13912345678",
                             expires_on=timezone.localdate() + datetime.timedelta(days=30))
    return application_apply(worker=PortalWorker(phone=member.phone), posting_pk=posting.pk, consent=True,
                             skills="电焊", experience="8年")


def _unregistered_person(world) -> Member:
    """A person the registry holds with no membership (no record the law keeps)."""
    number, phone = make_person_id(born="19880808"), "13688889999"
    return Member.objects.create(name="赵六", id_number=number, id_index=blind_index(number), id_masked=mask_id(number),
                                 phone=phone, phone_index=blind_index(phone), phone_masked=mask_phone(phone),
                                 gender="m", union=world.grassroots, org_path=world.grassroots.path)


def test_the_workers_copy_holds_every_section_in_full_with_text_kept_as_text(world, member):
    Member.objects.filter(pk=member.pk).update(job="=HYPERLINK(\"http://x\")")
    member.refresh_from_db()
    book = _book(personal_copy(actor=PortalWorker(phone=member.phone), member=member, id_number=member.id_number))
    expected = {"会员信息", "会籍记录", "12351诉求", "困难职工档案", "帮扶救助发放", "互助保障", "求职申请"}
    assert expected <= set(book.sheetnames)
    profile = {row[0].value: row[1] for row in book["会员信息"].iter_rows(min_row=2)}
    assert profile["证件号码"].value == member.id_number and profile["手机号码"].value == member.phone
    assert profile["岗位/工种"].value == member.job and profile["岗位/工种"].data_type == "s"
    assert book["会籍记录"].cell(row=2, column=1).value == world.grassroots.name
    assert book["12351诉求"].cell(row=2, column=1).value == "（无记录）"
    request = PersonalDataRequest.objects.get()
    assert (request.kind, request.state) == (RightKind.COPY, RightState.DONE)
    assert PersonalDataAccess.objects.filter(member=member, field="copy").exists()
    assert AuditEntry.objects.filter(action="member.data_request.copy").exists()


def test_a_worker_cannot_copy_someone_elses_record(member):
    with pytest.raises(NotFound):
        personal_copy(actor=PortalWorker(phone="13700000000"), member=member)
    assert not PersonalDataAccess.objects.exists()


def test_a_cadre_copy_needs_reveal_and_export_over_the_member(world, member):
    with pytest.raises(PermissionDenied):
        personal_copy(actor=world.county_clerk, member=member)
    with pytest.raises(NotFound):
        personal_copy(actor=world.other_province_officer, member=member)
    book = _book(personal_copy(actor=world.county_admin, member=member, reason="本人到窗口申请"))
    assert "会员信息" in book.sheetnames
    access = PersonalDataAccess.objects.get()
    assert (access.actor_id, access.reason) == (world.county_admin.pk, "本人到窗口申请")


def test_withdrawing_consent_takes_the_application_from_the_employer(world, member):
    application = _job_application(world, member)
    assert len(employer_view(JobApplication.objects.all())) == 1
    [held] = consents_of(member=member)
    request = consent_withdraw(actor=PortalWorker(phone=member.phone), member=member, application_pk=held.pk)
    application.refresh_from_db()
    assert application.consent_at is None and application.status == ApplicationStatus.WITHDRAWN
    assert employer_view(JobApplication.objects.all()) == [] and consents_of(member=member) == []
    assert (request.kind, request.state, request.subject) == (RightKind.WITHDRAW, RightState.DONE,
                                                             f"jobs.application:{application.pk}")
    assert AuditEntry.objects.filter(action="jobs.application.consent_withdraw").exists()


def test_a_cadre_records_a_withdrawal_only_within_scope(world, member):
    application = _job_application(world, member)
    with pytest.raises(NotFound):
        consent_withdraw(actor=world.other_province_officer, member=member, application_pk=application.pk)
    consent_withdraw(actor=world.county_admin, member=member, application_pk=application.pk)
    assert employer_view(JobApplication.objects.all()) == []


def test_erasure_of_a_member_is_refused_with_the_legal_reason(world, member):
    request = data_request_erase(actor=PortalWorker(phone=member.phone), member=member, note="不再需要")
    with pytest.raises(ValidationFailed) as error:
        erasure_decide(actor=world.county_admin, request=request, accept=True)
    assert "会籍记录" in str(error.value.message)
    member.refresh_from_db()
    assert member.name == "李四"
    erasure_decide(actor=world.county_admin, request=request, accept=False, reason=str(error.value.message))
    request.refresh_from_db()
    assert request.state == RightState.REFUSED and "会籍记录" in request.reason


def test_an_accepted_erasure_leaves_no_plaintext_and_no_blind_index(world):
    person = _unregistered_person(world)
    number, phone = person.id_number, person.phone
    request = data_request_erase(actor=world.county_admin, member=person)
    erasure_decide(actor=world.county_admin, request=request, accept=True)
    person.refresh_from_db()
    assert person.name == ERASED_NAME and person.id_number == "" and person.phone == ""
    assert person.id_index != blind_index(number) and person.phone_index == "" and person.id_masked == ""
    assert not Member.objects.filter(id_index=blind_index(number)).exists()
    assert not member_list(scope=Scope.all(), query=phone, status="all").exists()
    entry = AuditEntry.objects.get(action="member.anonymise")
    assert number not in str(entry.detail) and entry.object_label == ERASED_NAME
    with pytest.raises(NotFound):
        erasure_decide(actor=make_user("gz_admin", world.other_province, RoleCode.UNION_ADMIN), request=request,
                       accept=True)


def test_an_erasure_decided_meanwhile_is_refused_before_anything_is_erased(world, monkeypatch):
    person = _unregistered_person(world)
    request = data_request_erase(actor=world.county_admin, member=person)
    PersonalDataRequest.objects.filter(pk=request.pk).update(state=RightState.REFUSED)  # another cadre, just now

    def must_not_erase(member):
        raise AssertionError("the person was erased for a request already decided")

    monkeypatch.setattr(erasure, "_anonymise", must_not_erase)
    with pytest.raises(Conflict) as error:
        erasure_decide(actor=world.county_admin, request=request, accept=True)
    assert error.value.code == "decided"

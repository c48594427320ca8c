"""The worker's own services (portal): apply, add a document, withdraw; and the reads behind them."""

from decimal import Decimal
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from gonghui.assistance.choices import Action, Status
from gonghui.assistance.models import HardshipDocument, HardshipEvent, HardshipFile
from gonghui.assistance.services import (
    AlreadyApplied,
    assessment_rule_add,
    hardship_apply_by_worker,
    hardship_approve,
    hardship_attach_by_worker,
    hardship_exit,
    hardship_review,
    hardship_withdraw_by_worker,
)
from gonghui.assistance.services.portal import CONSENT_TEXT_VERSION
from gonghui.assistance.tests.conftest import JINJIANG
from gonghui.assistance.worker_selectors import (
    application_union_get,
    application_unions,
    my_file_record,
    my_hardship_file_get,
    my_hardship_files,
    self_check,
    self_check_areas,
)
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.services.regions import regions_load
from gonghui.testing.world import SYSTEM, make_member, make_person_id

pytestmark = pytest.mark.django_db
PHONE = "13800005555"
OTHER = "13800006666"
PDF = b"%PDF-1.4 income proof"


def application(**overrides: Any) -> dict[str, Any]:
    """A household of three, 36,000 元 a year: 1,000 per head and month, 深度困难 under Chengdu's line."""
    return {"employer_name": "示例科技有限公司", "address": "成都市锦江区春熙路1号", "adcode": JINJIANG,
            "self_income": "24000", "rigid_expenses": "0", "causes": ["illness"], "consent": True,
            "description": "妻子患病长期透析，孩子读高中。",
            "household": [{"relation": "spouse", "name": "王芳", "id_number": make_person_id(born="19850101"),
                           "annual_income": "12000"},
                          {"relation": "child", "name": "张小明", "id_number": "", "annual_income": ""}],
            **overrides}


def stranger(**overrides: Any) -> dict[str, Any]:
    """A worker who is not a member types their own name and ID."""
    return application(**{"name": "赵六", "id_type": "resident", "id_number": make_person_id(), **overrides})


def pdf(name: str = "收入证明.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture
def member(world):
    return make_member(world.grassroots, name="周晓红", phone=PHONE).member


def test_a_member_applies_to_the_union_of_their_membership(world, chengdu_rule, member):
    file = hardship_apply_by_worker(worker=PortalWorker(phone=PHONE, ip="10.0.0.1"), application=application(),
                                    documents=[("income", pdf())])
    assert (file.status, file.union, file.member, file.worker_name) == (Status.APPLIED, world.grassroots, member,
                                                                        "周晓红")
    assert file.worker_id_index == member.id_index and file.applied_at is not None
    assert (file.household_size, file.household_income, file.income_per_head) == (
        3, Decimal("36000.00"), Decimal("1000.00"))
    assert file.suggested_class == "deep" and file.hardship_class == ""  # the class is the county's to give
    assert (file.consent_signer, file.consent_text_version) == ("周晓红", CONSENT_TEXT_VERSION)
    assert list(file.household.values_list("relation", flat=True)) == ["self", "spouse", "child"]
    events = list(HardshipEvent.objects.filter(file=file).values_list("action", "actor_label"))
    assert events == [(Action.APPLY, "portal:138****5555"), (Action.CONSENT, "portal:138****5555"),
                      (Action.ATTACH, "portal:138****5555")]
    assert HardshipDocument.objects.get(file=file).uploaded_by_label == "portal:138****5555"
    audit = AuditEntry.objects.filter(action="hardship.apply", object_id=str(file.pk)).get()
    assert audit.ip == "10.0.0.1" and "5555" not in audit.object_label.replace("138****5555", "")


def test_the_application_is_reviewed_and_approved_like_any_other(world, chengdu_rule, member, grassroots_reviewer,
                                                                 county_reviewer):
    file = hardship_apply_by_worker(worker=PortalWorker(phone=PHONE), application=application())
    file = hardship_review(actor=grassroots_reviewer, file=file)
    file = hardship_approve(actor=county_reviewer, file=file)
    # The worker's self-assessment and the county's are one and the same computation.
    assert file.hardship_class == file.suggested_class == "deep"


def test_a_non_member_applies_to_the_union_they_chose(world, chengdu_rule):
    file = hardship_apply_by_worker(worker=PortalWorker(phone=OTHER), application=stranger(), union=world.township)
    assert (file.union, file.member, file.worker_name, file.worker_phone) == (world.township, None, "赵六", OTHER)
    assert my_hardship_files(phone=OTHER) == [file] and my_hardship_files(phone=PHONE) == []


def test_a_non_member_chooses_a_union_that_reviews_households(world, chengdu_rule):
    worker = PortalWorker(phone=OTHER)
    for union in (None, world.city, world.province):
        with pytest.raises(ValidationFailed) as refused:
            hardship_apply_by_worker(worker=worker, application=stranger(), union=union)
        assert refused.value.field == "union"
    assert not HardshipFile.objects.exists()


def test_a_phone_shared_by_two_members_says_who_applies(world, chengdu_rule, member):
    other = make_member(world.county, name="周大山", phone=PHONE).member
    with pytest.raises(ValidationFailed) as refused:
        hardship_apply_by_worker(worker=PortalWorker(phone=PHONE), application=application())
    assert refused.value.field == "member"
    file = hardship_apply_by_worker(worker=PortalWorker(phone=PHONE), application=application(), member_pk=other.pk)
    assert (file.member, file.union) == (other, world.county)


def test_it_refuses_a_second_open_application_of_the_same_person(world, chengdu_rule, member):
    worker = PortalWorker(phone=PHONE)
    first = hardship_apply_by_worker(worker=worker, application=application())
    with pytest.raises(AlreadyApplied) as refused:
        hardship_apply_by_worker(worker=worker, application=application())
    # Their own file is named, so they know where to follow it.
    assert refused.value.existing == first and world.grassroots.name in str(refused.value.message)
    assert HardshipFile.objects.count() == 1


def test_someone_elses_open_file_is_not_named_as_a_hardship_file(world, chengdu_rule, survey):
    number = make_person_id()
    survey(id_number=number)  # the union's file, with the worker's phone 13800001234
    with pytest.raises(AlreadyApplied) as refused:
        hardship_apply_by_worker(worker=PortalWorker(phone=OTHER), application=stranger(id_number=number),
                                 union=world.township)
    message = str(refused.value.message)
    assert refused.value.field == "worker_id_number" and "暂时无法在线受理" in message
    for secret in (world.grassroots.name, "困难职工档案", "在办"):
        assert secret not in message


def test_applications_are_limited_per_phone(world, chengdu_rule, settings):
    from gonghui.core.lookups import TooManyLookups

    settings.GONGHUI_ID_LOOKUP_PER_HOUR = 2
    worker = PortalWorker(phone=OTHER)
    for _ in range(2):
        with pytest.raises(ValidationFailed):
            hardship_apply_by_worker(worker=worker, application=stranger(id_number="123"), union=world.township)
    with pytest.raises(TooManyLookups) as refused:
        hardship_apply_by_worker(worker=worker, application=stranger(id_number=make_person_id()),
                                 union=world.township)
    assert refused.value.status == 429 and "每小时最多2次" in str(refused.value.message)


def test_a_watched_household_is_pointed_to_a_relapse(world, chengdu_rule, member, filed_file):
    file = filed_file(id_number=member.id_number)
    hardship_exit(actor=world.county_clerk, file=file, reason="employed")
    with pytest.raises(AlreadyApplied) as refused:
        hardship_apply_by_worker(worker=PortalWorker(phone=PHONE), application=application())
    assert "返困" in str(refused.value.message)


def test_every_problem_of_the_form_is_named_at_once(world, chengdu_rule):
    bad = stranger(id_number="510104199001011234", consent=False, causes=[], description=" ", self_income="abc",
                   household=[{"relation": "spouse", "name": "", "id_number": "123", "annual_income": "-5"}])
    with pytest.raises(InvalidFields) as refused:
        hardship_apply_by_worker(worker=PortalWorker(phone=OTHER), application=bad, union=world.township,
                                 documents=[("income", SimpleUploadedFile("a.pdf", b"not a pdf", "application/pdf"))])
    fields = {e.field for e in refused.value.errors}
    # The registry names the first problem of each household row.
    assert {"consent", "worker_id_number", "causes", "description", "household.1.annual_income", "household.2.name",
            "documents.1.file"} <= fields
    messages = {e.field: e.as_dict() for e in refused.value.errors}
    assert messages["household.2.name"]["message_zh"].startswith("第2位家庭成员")
    assert messages["household.2.name"]["message_en"] != messages["household.2.name"]["message_zh"]
    assert not HardshipFile.objects.exists() and not HardshipDocument.objects.exists()


def test_the_worker_adds_documents_until_the_county_decides(world, chengdu_rule, member, grassroots_reviewer,
                                                           county_reviewer):
    worker = PortalWorker(phone=PHONE)
    file = hardship_apply_by_worker(worker=worker, application=application())
    assert my_file_record(file=file).missing == ["income", "medical"]
    hardship_attach_by_worker(worker=worker, file=file, kind="medical", upload=pdf("诊断证明.pdf"))
    file = hardship_review(actor=grassroots_reviewer, file=HardshipFile.objects.get(pk=file.pk))
    hardship_attach_by_worker(worker=worker, file=file, kind="income", upload=pdf())
    record = my_file_record(file=HardshipFile.objects.get(pk=file.pk))
    assert record.missing == [] and [d.kind for d in record.documents] == ["medical", "income"]
    file = hardship_approve(actor=county_reviewer, file=HardshipFile.objects.get(pk=file.pk))
    with pytest.raises(ValidationFailed) as refused:
        hardship_attach_by_worker(worker=worker, file=file, kind="other", upload=pdf())
    assert refused.value.code == "bad_status"


def test_a_worker_cannot_touch_another_households_file(world, chengdu_rule, member):
    file = hardship_apply_by_worker(worker=PortalWorker(phone=PHONE), application=application())
    intruder = PortalWorker(phone=OTHER)
    with pytest.raises(NotFound):
        hardship_attach_by_worker(worker=intruder, file=file, kind="income", upload=pdf())
    with pytest.raises(NotFound):
        hardship_withdraw_by_worker(worker=intruder, file=file, reason="不需要了")
    with pytest.raises(NotFound):
        my_hardship_file_get(phone=OTHER, pk=file.pk)
    assert HardshipFile.objects.get(pk=file.pk).status == Status.APPLIED


def test_the_worker_withdraws_only_before_the_review(world, chengdu_rule, member, grassroots_reviewer):
    worker = PortalWorker(phone=PHONE)
    file = hardship_apply_by_worker(worker=worker, application=application())
    with pytest.raises(ValidationFailed) as refused:
        hardship_withdraw_by_worker(worker=worker, file=file, reason="")
    assert refused.value.field == "reason"
    withdrawn = hardship_withdraw_by_worker(worker=worker, file=file, reason="家庭情况已好转")
    assert (withdrawn.status, withdrawn.reject_reason) == (Status.WITHDRAWN, "家庭情况已好转")
    again = hardship_apply_by_worker(worker=worker, application=application())
    assert again.previous_file == withdrawn  # the person's history reads as one
    hardship_review(actor=grassroots_reviewer, file=again)
    with pytest.raises(ValidationFailed) as refused:
        hardship_withdraw_by_worker(worker=worker, file=HardshipFile.objects.get(pk=again.pk), reason="不需要了")
    assert refused.value.code == "bad_status"


def test_a_member_sees_the_file_a_union_opened_with_their_identity(world, chengdu_rule, member, filed_file,
                                                                   django_assert_num_queries):
    file = filed_file(id_number=member.id_number)  # surveyed with another phone number
    with django_assert_num_queries(2):  # the identities registered with the phone, then the files by index
        assert my_hardship_files(phone=PHONE) == [file]
    loaded = my_hardship_file_get(phone=PHONE, pk=file.pk)
    with django_assert_num_queries(5):
        record = my_file_record(file=loaded)
    assert [s.action for s in record.steps] == ["survey", "apply", "review", "approve", "file_open"]
    assert record.missing == [] and not record.can_attach and not record.can_withdraw


def test_the_self_check_answers_as_the_review_would(world, chengdu_rule):
    deep = self_check(adcode="510100", household_size=3, household_income="36000", causes=["illness"])
    assert (deep.assessment.hardship_class, deep.assessment.income_per_head) == ("deep", Decimal("1000.00"))
    assert [(t.hardship_class, t.limit) for t in deep.thresholds] == [
        ("deep", Decimal("1000.00")), ("relative", Decimal("1500.00")), ("accident", Decimal("2000.00"))]
    relative = self_check(adcode="510100", household_size=3, household_income="60000", causes=["illness"],
                          rigid_expenses="6000")
    assert relative.assessment.hardship_class == "relative"  # (60,000 - 6,000) / 3 / 12 = 1,500
    assert self_check(adcode="510100", household_size=2, household_income="90000", causes=["illness"]
                      ).assessment.hardship_class is None
    assert self_check(adcode="520100", household_size=2, household_income="0", causes=["illness"]).rule is None


def test_the_self_check_lists_the_areas_with_a_standard(world, chengdu_rule):
    regions_load(actor=SYSTEM, towns=False)
    assert [(a.adcode, a.is_county) for a in self_check_areas()] == [("510100", False)]
    assessment_rule_add(actor=SYSTEM, adcode="510000", area_name="四川省", min_living_monthly="720",
                        deep_factor="1", relative_factor="1.5", accident_factor="2",
                        effective_from=chengdu_rule.effective_from, source="测试数据")
    assessment_rule_add(actor=SYSTEM, adcode="510104", area_name="锦江区", min_living_monthly="1100",
                        deep_factor="1", relative_factor="1.5", accident_factor="2",
                        effective_from=chengdu_rule.effective_from, source="测试数据")
    areas = self_check_areas()
    codes = [a.adcode for a in areas]
    assert codes[:2] == ["510100", "510104"] and "510700" in codes and "520100" not in codes
    assert [a.is_county for a in areas[:2]] == [False, True]


def test_a_non_member_finds_the_unions_that_review_households(world):
    found = list(application_unions(query="锦江"))
    assert found == [world.county]  # the city and province above do not take applications
    assert list(application_unions(query="街道")) == [world.township]
    assert list(application_unions(query="工")) == []  # too short to mean anything
    with pytest.raises(NotFound):
        application_union_get(pk=world.city.pk)
    assert application_union_get(pk=str(world.grassroots.pk)) == world.grassroots

import pytest
from django.db import connection

from gonghui.accounts.sms import Purpose, sms_send
from gonghui.cases.models import Case
from gonghui.cases.selectors import case_list, duplicate_warning
from gonghui.cases.services import (
    case_classify,
    case_follow,
    case_intake,
    case_rate,
    case_resolve,
    case_start,
    case_submit,
    case_submit_as_guest,
)
from gonghui.cases.tests.conftest import call_data
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db
PHONE = "13912345678"


def test_a_case_is_followed_by_number_and_phone_with_one_answer_for_every_miss(world, new_case):
    case = new_case(caller_phone=PHONE)
    progress = case_follow(number=case.number.lower(), phone=f"+86 {PHONE}")
    assert (progress.number, progress.status, progress.can_rate) == (case.number, "received", False)
    assert [s.action for s in progress.steps] == ["intake"]
    answers = set()
    for number, phone in ((case.number, "13900000000"), ("12351-2026-999999", PHONE), (case.number, "12"),
                          ("", "")):
        with pytest.raises(NotFound) as miss:
            case_follow(number=number, phone=phone)
        answers.add(str(miss.value.message))
    assert len(answers) == 1
    assert not AuditEntry.objects.filter(action="case.follow", actor_label__contains=PHONE).exists()


def test_a_signed_in_worker_submits_and_rates_their_own_resolved_case(world, hotline):
    worker = PortalWorker(phone=PHONE)
    case = case_submit(worker=worker, union=world.province,
                       data={"caller_name": "李四", "caller_phone": "13800000000", "description": "加班费未支付"})
    assert (case.channel, case.caller_phone, case.member) == ("portal", PHONE, None)
    case = case_classify(actor=hotline, case=case, category="wages", difficulty="ordinary")
    case = case_resolve(actor=hotline, case=case_start(actor=hotline, case=case), outcome="已协调支付")
    assert case_follow(number=case.number, phone=PHONE).can_rate
    with pytest.raises(NotFound):
        case_rate(worker=PortalWorker(phone="13700000000"), number=case.number, rating="satisfied")
    rated = case_rate(worker=worker, number=case.number, rating="基本满意", note="速度可以更快")
    assert (rated.status, rated.rating) == ("called_back", "fairly_satisfied")


def test_a_guest_proves_the_phone_with_a_code(world, sms_outbox):
    data = {"caller_name": "王五", "description": "工伤认定问题"}
    with pytest.raises(ValidationFailed) as wrong:
        case_submit_as_guest(phone=PHONE, code="000000", union=world.province, data=data)
    assert wrong.value.field == "code"
    sms_send(phone=PHONE, purpose=Purpose.PORTAL_LOGIN)
    case = case_submit_as_guest(phone=PHONE, code=sms_outbox[-1].code, union=world.province, data=data)
    assert case.caller_phone_masked == "139****5678"


def test_intake_names_every_wrong_field(world, hotline):
    with pytest.raises(InvalidFields) as wrong:
        case_intake(actor=hotline, union=world.province,
                    data={"caller_name": "", "caller_phone": "12345", "caller_id_number": "110101199001011235",
                          "employer_credit_code": "123", "category": "加薪", "description": "", "region": "999999"})
    fields = {e.field for e in wrong.value.errors}
    assert fields == {"caller_name", "caller_phone", "caller_id_number", "employer_credit_code", "category",
                      "description", "region"}
    assert all(e.as_dict()["message_zh"] and e.as_dict()["message_en"] for e in wrong.value.errors)


def test_personal_data_is_masked_and_never_stored_in_clear(world, hotline):
    member = world.membership.member
    id_number = member.id_number
    result = case_intake(actor=hotline, union=world.province,
                         data=call_data(caller_phone=PHONE, caller_id_number=id_number.lower()))
    case = result.case
    assert case.member == member  # linked through the identity's blind index
    assert case.caller_phone_masked == "139****5678" and "*" in case.caller_id_masked
    assert id_number[6:14] not in case.caller_id_masked  # the birth date never shows
    with connection.cursor() as cursor:
        cursor.execute("SELECT caller_phone, caller_id_number FROM cases_case WHERE id = %s", [case.pk])
        raw_phone, raw_id = cursor.fetchone()
    assert PHONE not in raw_phone and id_number not in raw_id
    assert Case.objects.get(pk=case.pk).caller_phone == PHONE
    logged = " ".join(str(e.detail) + e.object_label + e.actor_label for e in AuditEntry.objects.all())
    assert PHONE not in logged and id_number not in logged


def test_a_second_call_from_the_same_phone_or_employer_is_pointed_out(world, hotline):
    first = case_intake(actor=hotline, union=world.province, data=call_data(caller_phone=PHONE)).case
    again = case_intake(actor=hotline, union=world.province, data=call_data(caller_phone=PHONE))
    assert again.possible_duplicates == [first.number]
    same_employer = case_intake(actor=hotline, union=world.province,
                                data=call_data(employer=world.employer, employer_name=""))
    other = case_intake(actor=hotline, union=world.province, data=call_data(employer=world.employer))
    assert other.possible_duplicates == [same_employer.case.number]
    assert same_employer.case.employer_credit_code == world.employer.credit_code
    outsider = scope_for(world.other_province_officer, Perm.CASE_VIEW)
    assert duplicate_warning(scope=outsider, phone=PHONE) == []
    assert list(case_list(scope=scope_for(hotline, Perm.CASE_VIEW), query=PHONE)) == [again.case, first]


def test_the_caller_is_told_by_sms_when_taken_and_when_resolved(world, hotline, sms_outbox,
                                                              django_capture_on_commit_callbacks):
    from gonghui.cases.services import case_accept, case_classify, case_dispatch, case_resolve, case_start

    with django_capture_on_commit_callbacks(execute=True):
        case = case_intake(actor=hotline, union=world.province, data=call_data(caller_phone="13712345678")).case
    assert [m.phone for m in sms_outbox] == ["13712345678"]
    assert case.number in sms_outbox[0].text and sms_outbox[0].params["step"] == "intake"
    case = case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
    case = case_dispatch(actor=hotline, case=case, union=world.county)
    case = case_accept(actor=world.county_admin, case=case)
    case = case_start(actor=world.county_admin, case=case)
    assert len(sms_outbox) == 1  # the steps in between are followed on the portal, not texted
    with django_capture_on_commit_callbacks(execute=True):
        case_resolve(actor=world.county_admin, case=case, outcome="已协调支付拖欠工资", money_recovered="12000",
                     people_helped=1)
    assert "已办结" in sms_outbox[-1].text and "协调" not in sms_outbox[-1].text  # no handling details

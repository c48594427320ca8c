"""公示, objections as 12351 cases, the award after the notice, and the 劳模 register."""

import pytest
from django.db import connection

from gonghui.cases.choices import Status as CaseStatus
from gonghui.cases.models import Case
from gonghui.core.errors import ValidationFailed
from gonghui.honours.choices import AwardLevel, ModelWorkerStatus, NominationStatus, ObjectionVerdict, RecordKind
from gonghui.honours.models import Award, ModelWorker
from gonghui.honours.record_selectors import (
    person_honours,
    public_notice_get,
    register_figures,
)
from gonghui.honours.services import (
    award_make,
    award_revoke,
    model_worker_record_add,
    notice_publish,
    objection_conclude,
    objection_file,
)
from gonghui.honours.tests.conftest import D, issue, nominate, up_to_province
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.scope import Scope

START = D(2027, 5, 10)  # a Monday: five working days end on Friday 14 May
PUBLIC = PortalWorker(phone="13900001111")


@pytest.fixture
def published(world, cadres):
    call = issue(world, kind_code="province_model_worker")
    nomination = up_to_province(world, cadres, call, nominate(cadres.province, call, world.province, name="周劳模",
                                                                     deeds_summary="带领班组攻克关键工艺"))
    notice = notice_publish(actor=cadres.province, call=call, starts_on=START, contact="028-12351")
    nomination.refresh_from_db()
    return call, notice, nomination


def test_the_notice_runs_the_calls_working_days_and_shows_public_fields_only(published):
    _call, notice, nomination = published
    assert (notice.starts_on, notice.ends_on) == (START, D(2027, 5, 14))
    assert nomination.status == NominationStatus.NOTICE
    view = public_notice_get(pk=notice.pk, today=D(2027, 5, 12))
    assert view.is_open and view.working_days_left == 3
    [entry] = view.entries
    assert (entry.name, entry.deeds_summary) == ("周劳模", "带领班组攻克关键工艺")
    assert not hasattr(entry, "id_number") and not hasattr(entry, "id_masked")


def test_an_objection_becomes_a_confidential_12351_case_at_the_issuing_union(world, published):
    _call, _notice, nomination = published
    objection = objection_file(worker=PUBLIC, nomination_pk=nomination.pk, text="该同志长期不在一线岗位。",
                               objector_name="匿名群众", today=D(2027, 5, 12))
    case = Case.objects.get(pk=objection.case_id)
    assert case.handling_union_id == world.province.pk and case.identity_withheld
    assert "周劳模" in case.description
    assert objection.phone_masked == "139****1111"
    with connection.cursor() as cursor:
        cursor.execute("SELECT phone FROM honours_objection WHERE id = %s", [objection.pk])
        stored = cursor.fetchone()[0]
    assert "13900001111" not in stored


def test_it_refuses_an_objection_after_the_notice_closed_naming_the_close_date(published):
    _call, _notice, nomination = published
    with pytest.raises(ValidationFailed) as refused:
        objection_file(worker=PUBLIC, nomination_pk=nomination.pk, text="异议", objector_name="王某",
                       today=D(2027, 5, 17))
    assert refused.value.code == "notice_closed" and "2027-05-14" in str(refused.value.message)
    assert not Case.objects.exists()


def test_the_award_waits_for_the_end_of_the_notice(cadres, published):
    _call, _notice, nomination = published
    with pytest.raises(ValidationFailed) as refused:
        award_make(actor=cadres.province, nomination=nomination, decision_number="川工发〔2027〕9号",
                   decided_on=D(2027, 5, 14), today=D(2027, 5, 14))
    assert refused.value.code == "notice_running" and "2027-05-14" in str(refused.value.message)


def test_the_award_is_refused_while_an_objection_is_unanswered_naming_its_case(cadres, published):
    _call, _notice, nomination = published
    objection = objection_file(worker=PUBLIC, nomination_pk=nomination.pk, text="事迹不实。", objector_name="李某",
                               today=D(2027, 5, 11))
    with pytest.raises(ValidationFailed) as refused:
        award_make(actor=cadres.province, nomination=nomination, decision_number="川工发〔2027〕9号",
                   decided_on=D(2027, 5, 20), today=D(2027, 5, 20))
    assert refused.value.code == "objection_open" and objection.case.number in str(refused.value.message)
    with pytest.raises(ValidationFailed) as early:
        objection_conclude(actor=cadres.province, objection=objection, verdict=ObjectionVerdict.DISMISSED,
                           note="经核实事迹属实")
    assert early.value.code == "case_open"
    # Given the case answered in the case engine,
    Case.objects.filter(pk=objection.case_id).update(status=CaseStatus.RESOLVED)
    objection.refresh_from_db()
    objection_conclude(actor=cadres.province, objection=objection, verdict=ObjectionVerdict.DISMISSED,
                       note="经核实事迹属实")
    nomination.refresh_from_db()
    award = award_make(actor=cadres.province, nomination=nomination, decision_number="川工发〔2027〕9号",
                       decided_on=D(2027, 5, 20), certificate_number="SC2027001", today=D(2027, 5, 20))
    assert award.status == "active"


def test_an_upheld_objection_refuses_the_award(cadres, published):
    _call, _notice, nomination = published
    objection = objection_file(worker=PUBLIC, nomination_pk=nomination.pk, text="存在违纪。", objector_name="李某",
                               today=D(2027, 5, 11))
    Case.objects.filter(pk=objection.case_id).update(status=CaseStatus.CLOSED)
    objection.refresh_from_db()
    objection_conclude(actor=cadres.province, objection=objection, verdict=ObjectionVerdict.UPHELD, note="属实")
    with pytest.raises(ValidationFailed) as refused:
        award_make(actor=cadres.province, nomination=nomination, decision_number="川工发〔2027〕9号",
                   decided_on=D(2027, 5, 20), today=D(2027, 5, 20))
    assert refused.value.code == "objection_upheld"


def test_an_award_of_a_register_kind_enters_the_person_in_the_model_worker_register(world, cadres, published):
    _call, _notice, nomination = published
    award = award_make(actor=cadres.province, nomination=nomination, decision_number="川工发〔2027〕9号",
                       decided_on=D(2027, 5, 20), today=D(2027, 5, 20))
    entry = ModelWorker.objects.get(id_index=nomination.id_index)
    assert (entry.title, entry.level, entry.year, entry.status) == ("省劳动模范", AwardLevel.PROVINCE, 2026,
                                                                    ModelWorkerStatus.ACTIVE)
    assert list(person_honours(scope=Scope.all(), id_index=nomination.id_index)) == [award]
    assert register_figures(scope=Scope.all())[AwardLevel.PROVINCE]["active"] == 1
    model_worker_record_add(actor=cadres.province, model_worker=entry, kind=RecordKind.ALLOWANCE, year=2027,
                            on=D(2027, 6, 1), amount="1200")
    award_revoke(actor=cadres.province, award=award, reason="违法违纪", revoked_on=D(2028, 1, 5))
    entry.refresh_from_db()
    assert entry.status == ModelWorkerStatus.REVOKED
    nomination.refresh_from_db()
    assert nomination.status == NominationStatus.REVOKED


def test_an_award_of_a_kind_outside_the_register_leaves_it_alone(world, cadres):
    call = issue(world)  # 省五一劳动奖章
    nomination = up_to_province(world, cadres, call, nominate(cadres.province, call, world.province))
    notice_publish(actor=cadres.province, call=call, starts_on=START)
    nomination.refresh_from_db()
    award_make(actor=cadres.province, nomination=nomination, decision_number="川工发〔2027〕8号",
               decided_on=D(2027, 5, 20), today=D(2027, 5, 20))
    assert Award.objects.count() == 1 and not ModelWorker.objects.exists()

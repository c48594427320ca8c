"""The survey form as cadres fill it: members linked, every bad field named with its row."""

from decimal import Decimal

import pytest

from gonghui.assistance.demo import DEMO_LINES, DEMO_SOURCE, seed_demo_rules
from gonghui.assistance.models import AssessmentRule
from gonghui.assistance.services import hardship_household_set, hardship_survey
from gonghui.assistance.tests.conftest import JINJIANG, household_of
from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed
from gonghui.testing.world import SYSTEM, make_person_id

pytestmark = pytest.mark.django_db


def test_a_member_of_the_registry_is_linked_and_the_identity_copied(world, chengdu_rule):
    member = world.membership.member
    file = hardship_survey(actor=world.county_clerk, union=world.grassroots, worker={}, member=member,
                           causes=["illness"], adcode=JINJIANG)
    assert (file.member_id, file.worker_name, file.worker_id_index) == (member.pk, "李四", member.id_index)


def test_a_member_typed_in_by_hand_is_linked_through_the_identity(world, chengdu_rule):
    member = world.membership.member
    file = hardship_survey(actor=world.county_clerk, union=world.grassroots, causes=["illness"], adcode=JINJIANG,
                           worker={"name": "李四", "id_number": member.id_number.lower()})
    assert file.member_id == member.pk


def test_a_member_outside_the_cadres_scope_cannot_be_linked_by_hand(world, chengdu_rule, county2_admin):
    with pytest.raises(NotFound):
        hardship_survey(actor=county2_admin, union=world.county2, worker={}, member=world.membership.member,
                        causes=["illness"], adcode=JINJIANG)


def test_every_bad_field_of_the_household_is_named_with_its_row(world, survey):
    file = survey()
    rows = household_of(12000, 0, 0)
    valid = rows[1]["id_number"]
    rows[1]["id_number"] = valid[:17] + ("1" if valid[17] == "0" else "0")  # a wrong check character
    rows[2]["annual_income"] = "-5"
    rows[2]["relation"] = "邻居"
    with pytest.raises(InvalidFields) as refused:
        hardship_household_set(actor=world.county_clerk, file=file, household=rows, causes=["illness"])
    fields = {e.field for e in refused.value.errors}
    assert fields == {"household.2.id_number", "household.3.relation"}
    assert "第2位家庭成员" in str(refused.value.errors[0].message)


def test_amounts_are_read_as_people_write_them(world, survey):
    file = survey()
    rows = household_of(0, 0)
    rows[0]["annual_income"] = "２４,０００元"
    file = hardship_household_set(actor=world.county_clerk, file=file, household=rows, causes=["因病", "单亲"],
                                  rigid_expenses="1,200.50")
    assert (file.household_income, file.rigid_expenses) == (Decimal("24000.00"), Decimal("1200.50"))
    assert file.income_per_head == Decimal("949.98")  # (24,000 - 1,200.50) / 2 / 12
    assert sorted(file.causes.values_list("cause", flat=True)) == ["illness", "single_parent"]


def test_a_bad_worker_identity_and_area_are_refused(world, chengdu_rule):
    with pytest.raises(InvalidFields) as refused:
        hardship_survey(actor=world.county_clerk, union=world.grassroots, causes=["illness"], adcode=JINJIANG,
                        worker={"name": "", "id_number": "123", "phone": "12345"})
    assert {e.field for e in refused.value.errors} == {"worker_name", "worker_id_number", "worker_phone"}
    with pytest.raises(ValidationFailed) as refused:
        hardship_survey(actor=world.county_clerk, union=world.grassroots, causes=["illness"], adcode="成都",
                        worker={"name": "张三", "id_number": make_person_id()})
    assert refused.value.field == "adcode"


def test_two_household_members_cannot_share_an_identity(world, survey):
    rows = household_of(1000, 1000)
    rows[1]["id_number"] = rows[0]["id_number"]
    with pytest.raises(InvalidFields) as refused:
        hardship_household_set(actor=world.county_clerk, file=survey(), household=rows, causes=["illness"])
    assert refused.value.errors[0].field == "household"


def test_the_demo_rules_are_marked_as_demo_data_and_added_once(world):
    assert seed_demo_rules(actor=SYSTEM) == len(DEMO_LINES)
    assert seed_demo_rules(actor=SYSTEM) == 0
    assert set(AssessmentRule.objects.values_list("source", flat=True)) == {DEMO_SOURCE}
    assert AssessmentRule.objects.get(adcode="510100").min_living_monthly == Decimal("1000.00")

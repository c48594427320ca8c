"""The checks on a list: set-based (a fixed number of queries), each finding with its reason, nobody hidden."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.accounts.roles import RoleCode
from gonghui.cases.services import case_intake
from gonghui.contracts.models import EmployerCoverage
from gonghui.honours.models import HonourNomination
from gonghui.honours.screening import screen_nominations
from gonghui.honours.services import award_make, award_record_earlier, notice_publish
from gonghui.honours.tests.conftest import D, issue, kind, nominate, person, person_id, up_to_province
from gonghui.orgs.scope import Scope
from gonghui.orgs.services import employer_risk_list, employer_risk_remove
from gonghui.testing.keys import index_key_rotating
from gonghui.testing.world import make_employer, make_user


@pytest.fixture
def hotline(world):
    return make_user("hotline_agent", world.province, RoleCode.HOTLINE_AGENT)


def complaint(hotline, world, employer, category="wages"):
    return case_intake(actor=hotline, union=world.province, data={
        "caller_name": "张三", "caller_phone": "13712345678", "kind": "complaint", "category": category,
        "employer_name": employer.name, "employer_credit_code": employer.credit_code,
        "description": "被拖欠三个月工资。"}).case


def test_it_finds_open_cases_wage_arrears_and_a_missing_contract_and_hides_nobody(world, cadres, hotline):
    call = issue(world)
    troubled = make_employer(world.grassroots, "欠薪建筑公司")
    fine = make_employer(world.grassroots, "守法制造公司")
    EmployerCoverage.objects.create(employer=fine, org_path=fine.org_path, workers_covered=100, contracts=1)
    complaint(hotline, world, troubled)
    complaint(hotline, world, troubled, category="contract")
    a = nominate(cadres.grassroots, call, world.grassroots, troubled, name="甲")
    b = nominate(cadres.grassroots, call, world.grassroots, fine, name="乙")
    found = screen_nominations(scope=Scope.all(), nominations=HonourNomination.objects.filter(call=call))
    assert set(found) == {a.pk, b.pk}
    assert found[a.pk].codes == ["open_cases", "wage_cases", "no_contract"]
    assert [f.count for f in found[a.pk].findings[:2]] == [2, 1]
    assert found[b.pk].clear


def test_it_finds_the_same_honour_of_the_same_level_within_the_kinds_years(world, cadres):
    id_number = person_id(female=True)
    award_record_earlier(actor=cadres.province, union=world.province, kind=kind("province_labour_medal"), year=2023,
                         data=person(id_number=id_number, name="钱师傅"), decision_number="川工发〔2023〕5号",
                         decided_on=D(2023, 4, 28))
    call = issue(world, year=2026)
    nomination = nominate(cadres.province, call, world.province, id_number=id_number, name="钱师傅")
    found = screen_nominations(scope=Scope.all(), nominations=HonourNomination.objects.filter(pk=nomination.pk))
    screening = found[nomination.pk]
    assert screening.codes == ["employer_unregistered", "repeat_honour", "existing_honours"]
    assert "2023年已获省五一劳动奖章，5年内" in str(screening.findings[1].message)


def test_the_number_of_queries_does_not_grow_with_the_list(world, cadres, hotline):
    call = issue(world)
    employer = make_employer(world.grassroots, "某公司")
    nominate(cadres.grassroots, call, world.grassroots, employer, name="甲")
    with CaptureQueriesContext(connection) as one:
        screen_nominations(scope=Scope.all(), nominations=HonourNomination.objects.filter(call=call))
    for name in "乙丙丁戊":
        nominate(cadres.grassroots, call, world.grassroots, make_employer(world.grassroots), name=name)
    complaint(hotline, world, employer)
    with CaptureQueriesContext(connection) as five:
        found = screen_nominations(scope=Scope.all(), nominations=HonourNomination.objects.filter(call=call))
    assert len(found) == 5
    # The seventh reads the employers' current spells on the 劳动关系风险名单.
    assert len(five) == len(one) == 7


def test_a_scope_sees_only_its_own_nominations_findings(world, cadres):
    call = issue(world)
    mine = nominate(cadres.county, call, world.county, name="甲")
    nominate(cadres.county2, call, world.county2, name="乙")
    scope = Scope.of([world.county.path])
    assert set(screen_nominations(scope=scope, nominations=HonourNomination.objects.all())) == {mine.pk}


def test_an_awarded_nominee_is_not_said_to_be_in_the_register_by_its_own_award(world, cadres):
    call = issue(world, kind_code="province_model_worker")
    nomination = up_to_province(world, cadres, call, nominate(cadres.province, call, world.province, name="周劳模"))
    notice_publish(actor=cadres.province, call=call, starts_on=D(2026, 11, 2))
    nomination.refresh_from_db()
    award_make(actor=cadres.province, nomination=nomination, decision_number="川工发〔2026〕9号",
               decided_on=D(2026, 12, 1), today=D(2026, 12, 1))
    awarded = screen_nominations(scope=Scope.all(), nominations=HonourNomination.objects.filter(pk=nomination.pk))
    assert "model_worker" not in awarded[nomination.pk].codes
    # The same person nominated again: the register entry is an earlier title now.
    later = issue(world, kind_code="province_model_worker", year=2027)
    again = nominate(cadres.province, later, world.province, name="周劳模", id_number=nomination.id_number)
    found = screen_nominations(scope=Scope.all(), nominations=HonourNomination.objects.filter(pk=again.pk))
    assert "model_worker" in found[again.pk].codes and "existing_honours" in found[again.pk].codes


def test_it_finds_an_employer_on_the_risk_list_with_its_reason_and_date_and_hides_nobody(world, cadres):
    call = issue(world)
    listed = make_employer(world.grassroots, "停产纺织公司")
    was_listed = make_employer(world.grassroots, "已整改公司")
    employer_risk_list(actor=cadres.county, employer=listed, reason="shutdown", listed_on="2025-03-02")
    employer_risk_list(actor=cadres.county, employer=was_listed, reason="layoffs", listed_on="2025-01-05")
    employer_risk_remove(actor=cadres.county, employer=was_listed, reason="已妥善安置职工")
    a = nominate(cadres.grassroots, call, world.grassroots, listed, name="甲")
    b = nominate(cadres.grassroots, call, world.grassroots, was_listed, name="乙")
    found = screen_nominations(scope=Scope.all(), nominations=HonourNomination.objects.filter(call=call))
    assert set(found) == {a.pk, b.pk}
    assert found[a.pk].codes == ["no_contract", "risk_listed"]
    assert str(found[a.pk].findings[1].message) == "所在单位在劳动关系风险名单中（停工停产/经营困难，2025-03-02列入）。"
    assert "risk_listed" not in found[b.pk].codes


def test_an_earlier_honour_under_the_old_index_key_is_found_during_a_rotation(world, cadres, settings):
    id_number = person_id(female=True)
    award_record_earlier(actor=cadres.province, union=world.province, kind=kind("province_labour_medal"), year=2023,
                         data=person(id_number=id_number, name="钱师傅"), decision_number="川工发〔2023〕5号",
                         decided_on=D(2023, 4, 28))
    call = issue(world, year=2026)
    with index_key_rotating(settings):  # the award stays under the old key, the nomination is written under the new
        nomination = nominate(cadres.province, call, world.province, id_number=id_number, name="钱师傅")
        found = screen_nominations(scope=Scope.all(), nominations=HonourNomination.objects.filter(pk=nomination.pk))
    assert found[nomination.pk].codes == ["employer_unregistered", "repeat_honour", "existing_honours"]

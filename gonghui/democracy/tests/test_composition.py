import datetime

import pytest

from gonghui.core.errors import InvalidFields, PermissionDenied, ValidationFailed
from gonghui.democracy.choices import CongressForm, RuleCode
from gonghui.democracy.rules import DelegateRow, composition_checks, current_rules, required_delegates
from gonghui.democracy.services import congress_establish, delegates_elect, rule_set, term_open
from gonghui.democracy.tests.setup import make_company, make_congress, roster
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


def test_exactly_twenty_percent_managers_and_leaders_passes(world):
    c = make_congress(world.grassroots, delegates=roster(total=30, leaders=6))

    assert c.term.delegates.filter(category="leader").count() == 6
    rows = [DelegateRow(r.category, r.is_woman, r.is_dispatched) for r in roster(total=30, leaders=6)]
    checks = {k.key: k for k in composition_checks(workforce=400, women_workforce=160, dispatched_workforce=20,
                                                    delegates=rows, rules=current_rules())}
    assert checks["leaders"].ok and "6 人（20.0%）" in str(checks["leaders"].actual)


def test_it_refuses_one_leader_over_twenty_percent_naming_the_rule_and_numbers(world):
    c = make_congress(world.grassroots)

    with pytest.raises(InvalidFields) as e:
        delegates_elect(actor=SYSTEM, term=c.term, delegates=roster(leaders=7))

    assert [err.code for err in e.value.errors] == ["composition_leaders"]
    text = str(e.value.errors[0].message)
    assert "中层以上管理人员和领导人员" in text and "不超过 6 人" in text and "7 人（23.3%）" in text
    assert c.term.delegates.count() == 30  # the old roster stands, nothing half-written


def test_it_refuses_fewer_delegates_than_five_percent_of_a_large_workforce(world):
    c = make_congress(world.grassroots, workforce=1000, women=400, dispatched=50,
                      delegates=roster(total=60, leaders=12, women=24))

    with pytest.raises(InvalidFields) as e:
        delegates_elect(actor=SYSTEM, term=c.term, delegates=roster(total=49, leaders=9, women=20))

    assert [err.code for err in e.value.errors] == ["composition_count"]
    assert "不少于 50 人" in str(e.value.errors[0].message)
    delegates_elect(actor=SYSTEM, term=c.term, delegates=roster(total=50, leaders=10, women=20))
    assert c.term.delegates.count() == 50


def test_a_small_workforce_needs_only_as_many_delegates_as_it_has_workers():
    rules = current_rules()
    assert required_delegates(20, rules) == 20
    assert required_delegates(120, rules) == 30
    assert required_delegates(3000, rules) == 150


def test_women_are_represented_in_proportion_less_the_tolerance(world):
    c = make_congress(world.grassroots)  # 40% women, 5 points tolerance: 35% of 30 is 10.5, so 11

    with pytest.raises(InvalidFields) as e:
        delegates_elect(actor=SYSTEM, term=c.term, delegates=roster(women=10))
    assert [err.code for err in e.value.errors] == ["composition_women"]
    assert "不少于 11 人" in str(e.value.errors[0].message)
    delegates_elect(actor=SYSTEM, term=c.term, delegates=roster(women=11))


def test_a_bad_row_is_named_by_its_line(world):
    c = make_congress(world.grassroots)
    rows = roster()
    rows[4] = rows[4].__class__(name="", constituency="第一选区", category="frontline")

    with pytest.raises(InvalidFields) as e:
        delegates_elect(actor=SYSTEM, term=c.term, delegates=rows)
    assert "第 5 行" in str(e.value.errors[0].message)


def test_the_thresholds_are_data_an_administrator_changes(world):
    c = make_congress(world.grassroots)
    rule_set(actor=world.national_admin, code=RuleCode.MAX_LEADER_PERCENT, value="10")

    with pytest.raises(InvalidFields) as e:
        delegates_elect(actor=SYSTEM, term=c.term, delegates=roster(leaders=6))
    assert "不超过 3 人（10%）" in str(e.value.errors[0].message)


def test_only_the_root_may_change_the_rules(world):
    with pytest.raises(PermissionDenied):
        rule_set(actor=world.province_officer, code=RuleCode.MIN_DELEGATES, value="20")
    with pytest.raises(ValidationFailed):
        rule_set(actor=world.national_admin, code=RuleCode.MAX_LEADER_PERCENT, value="120")


def test_a_large_employer_cannot_hold_an_assembly_instead(world):
    employer = make_company(world.grassroots, workforce=150, women=50)
    with pytest.raises(ValidationFailed) as e:
        congress_establish(actor=world.grassroots_clerk, employer=employer, form=CongressForm.ASSEMBLY,
                           established_on=datetime.date(2024, 1, 1))
    assert e.value.field == "form" and "150" in str(e.value.message)


def test_a_small_employers_assembly_elects_no_delegates(world):
    employer = make_company(world.grassroots, workforce=60, women=20)
    congress = congress_establish(actor=world.grassroots_clerk, employer=employer, form=CongressForm.ASSEMBLY,
                                  established_on=datetime.date(2024, 1, 1))
    term = term_open(actor=world.grassroots_clerk, congress=congress, starts_on=datetime.date(2024, 1, 1),
                     ends_on=datetime.date(2027, 1, 1), workforce=60, women_workforce=20)
    with pytest.raises(ValidationFailed):
        delegates_elect(actor=world.grassroots_clerk, term=term, delegates=roster())


@pytest.mark.parametrize(("starts", "ends", "ok"), [
    ("2024-01-01", "2026-12-31", True), ("2024-01-01", "2029-01-01", True), ("2024-01-01", "2026-12-30", False),
    ("2024-01-01", "2029-01-02", False), ("2024-01-01", "2023-12-31", False)])
def test_a_term_runs_three_to_five_years(world, starts, ends, ok):
    employer = make_company(world.grassroots)
    congress = congress_establish(actor=SYSTEM, employer=employer, form=CongressForm.REPRESENTATIVE,
                                  established_on=datetime.date(2024, 1, 1))
    call = lambda: term_open(actor=SYSTEM, congress=congress, starts_on=datetime.date.fromisoformat(starts),  # noqa: E731
                             ends_on=datetime.date.fromisoformat(ends), workforce=400)
    if ok:
        assert call().number == 1
    else:
        with pytest.raises(ValidationFailed) as e:
            call()
        assert e.value.field == "ends_on"

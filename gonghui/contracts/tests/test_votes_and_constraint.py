import pytest
from django.db import IntegrityError, transaction

from gonghui.contracts.choices import Body, Reach, Status
from gonghui.contracts.models import Coverage, EmployerCoverage
from gonghui.contracts.services import contract_approve, contract_vote
from gonghui.contracts.tests.conftest import D, covering, drafted, filed, in_force
from gonghui.core.errors import InvalidFields, ValidationFailed

pytestmark = pytest.mark.django_db


def _vote(world, c, **counts):
    return contract_vote(actor=world.grassroots_clerk, contract=c, body=Body.CONGRESS, held_on=D(2026, 3, 20), **counts)


def test_exactly_two_thirds_present_and_exactly_half_of_all_in_favour_passes(world):
    c = drafted(world.grassroots_clerk, world.grassroots, employer=world.employer)
    vote = _vote(world, c, entitled=90, present=60, in_favour=45, against=10, abstained=5)
    c.refresh_from_db()
    assert (c.status, vote.present, vote.in_favour) == (Status.ADOPTED, 60, 45)


def test_one_short_of_the_quorum_is_refused_with_the_numbers_named(world):
    c = drafted(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(InvalidFields) as err:
        _vote(world, c, entitled=90, present=59, in_favour=50)
    assert err.value.errors[0].field == "present"
    assert "59" in str(err.value.errors[0].message) and "60" in str(err.value.errors[0].message)
    c.refresh_from_db()
    assert (c.status, c.votes.count()) == (Status.DRAFTED, 0)


def test_half_of_those_present_is_not_enough_when_it_is_less_than_half_of_all(world):
    c = drafted(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(InvalidFields) as err:
        _vote(world, c, entitled=90, present=70, in_favour=44)
    assert [e.code for e in err.value.errors] == ["majority_not_met"]


def test_votes_that_do_not_add_up_are_named(world):
    c = drafted(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(InvalidFields) as err:
        _vote(world, c, entitled=90, present=95, in_favour=50)
    assert err.value.errors[0].field == "present"
    with pytest.raises(InvalidFields) as err:
        _vote(world, c, entitled=90, present=70, in_favour=50, against=15, abstained=10)
    assert err.value.errors[0].field == "in_favour"


def test_a_second_contract_of_a_kind_for_the_same_employer_is_refused_with_a_clear_message(world):
    first = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    second = filed(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(ValidationFailed) as err:
        contract_approve(actor=world.grassroots_clerk, contract=second, effective_on=D(2026, 4, 10))
    assert err.value.code == "second_in_force" and err.value.field == "coverage"
    assert "示例科技有限公司" in str(err.value.message) and "工资专项" in str(err.value.message)
    second.refresh_from_db()
    assert second.status == Status.FILED  # nothing half-written
    assert first.coverage.get().in_force is True


def test_the_database_itself_refuses_two_contracts_of_a_kind_in_force_for_an_employer(world):
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    second = filed(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(IntegrityError), transaction.atomic():
        Coverage.objects.filter(contract=second).update(in_force=True)


def test_a_regional_contract_and_the_employers_own_of_the_same_kind_stand_together(world, regional):
    employer = regional[0]
    own = in_force(world.township_clerk, world.township, employer=employer)
    area = in_force(world.township_clerk, world.township, reach=Reach.REGIONAL, coverage=covering(regional))
    assert (own.status, area.status) == (Status.EFFECTIVE, Status.EFFECTIVE)
    rollup = EmployerCoverage.objects.get(employer=employer)
    # The employer's own contract takes precedence: its workers figure, counted once.
    assert (rollup.contracts, rollup.has_own, rollup.workers_covered) == (2, True, employer.employee_count)


def test_a_different_kind_for_the_same_employer_is_allowed(world):
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    other = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code="women")
    assert other.status == Status.EFFECTIVE

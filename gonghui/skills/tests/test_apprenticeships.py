import datetime
from decimal import Decimal

import pytest

from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.skills.apprenticeship_selectors import apprenticeship_events, apprenticeships_past_period
from gonghui.skills.innovation_choices import ApprenticeshipStatus
from gonghui.skills.services.apprenticeships import apprenticeship_sign, apprenticeship_transition
from gonghui.skills.tests.innovation_setup import TODAY, employer_in, pair, worker

pytestmark = pytest.mark.django_db


def people(world):
    master, _ = worker(world.grassroots, world.employer, name="老张")
    apprentice, _ = worker(world.grassroots, world.employer, name="小李")
    return master, apprentice


def sign(world, master, apprentice, **kw):
    args = {"agreed_on": datetime.date(2025, 1, 10), "starts_on": datetime.date(2025, 1, 15),
            "ends_on": datetime.date(2026, 1, 14), "targets": "独立完成数控编程", **kw}
    return apprenticeship_sign(actor=world.county_clerk, employer=world.employer, master=master,
                               apprentice=apprentice, today=TODAY, **args)


def test_it_refuses_a_period_that_runs_backwards_and_other_bad_input_naming_the_field(world):
    master, apprentice = people(world)
    cases = [("ends_on", {"ends_on": datetime.date(2025, 1, 1)}), ("targets", {"targets": " "}),
             ("allowance", {"allowance": "-100"}), ("target_level", {"target_level": "none"}),
             ("agreed_on", {"agreed_on": datetime.date(2025, 12, 1)})]
    for field, kw in cases:
        with pytest.raises(ValidationFailed) as e:
            sign(world, master, apprentice, **kw)
        assert e.value.field == field, field
    with pytest.raises(ValidationFailed) as e:
        sign(world, master, master)
    assert e.value.field == "apprentice"
    outsider, _ = worker(world.grassroots, employer_in(world.grassroots), name="外单位")
    with pytest.raises(ValidationFailed) as e:
        sign(world, outsider, apprentice)
    assert e.value.field == "master"


def test_an_agreement_is_signed_fulfilled_and_ends_with_the_level_reached(world):
    master, apprentice = people(world)
    p = pair(world.employer, master, apprentice, actor=world.county_clerk)
    assert (p.status, p.allowance) == (ApprenticeshipStatus.SIGNED, Decimal("3600.00"))
    with pytest.raises(ValidationFailed) as e:
        apprenticeship_transition(actor=world.county_clerk, apprenticeship=p, action="graduate", today=TODAY)
    assert e.value.code == "bad_transition"
    p = apprenticeship_transition(actor=world.county_clerk, apprenticeship=p, action="start",
                                  on=datetime.date(2025, 1, 15), today=TODAY)
    with pytest.raises(ValidationFailed) as e:
        apprenticeship_transition(actor=world.county_clerk, apprenticeship=p, action="graduate", today=TODAY)
    assert e.value.field == "outcome_level"
    p = apprenticeship_transition(actor=world.county_clerk, apprenticeship=p, action="graduate",
                                  outcome_level="grade4", on=datetime.date(2025, 6, 1), note="考核通过", today=TODAY)
    assert (p.status, p.outcome_level, p.graduated_on) == (ApprenticeshipStatus.GRADUATED, "grade4",
                                                          datetime.date(2025, 6, 1))
    assert [e.action for e in apprenticeship_events(apprenticeship=p)] == ["sign", "start", "graduate"]


def test_termination_needs_a_reason(world):
    master, apprentice = people(world)
    p = pair(world.employer, master, apprentice)
    with pytest.raises(ValidationFailed) as e:
        apprenticeship_transition(actor=world.county_clerk, apprenticeship=p, action="terminate", today=TODAY)
    assert e.value.field == "reason"
    p = apprenticeship_transition(actor=world.county_clerk, apprenticeship=p, action="terminate", note="徒弟离职",
                                  today=TODAY)
    assert (p.status, p.termination_reason) == (ApprenticeshipStatus.TERMINATED, "徒弟离职")


def test_agreements_past_their_period_without_an_outcome_are_listed(world):
    master, apprentice = people(world)
    p = pair(world.employer, master, apprentice)
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)
    assert list(apprenticeships_past_period(scope=scope, today=TODAY)) == []
    assert list(apprenticeships_past_period(scope=scope, today=datetime.date(2026, 2, 1))) == [p]

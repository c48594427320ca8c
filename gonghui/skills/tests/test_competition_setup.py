from decimal import Decimal

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.skills.competition_choices import CompetitionAction, CompetitionKind, CompetitionStatus, StageKind
from gonghui.skills.competition_models import CompetitionEvent
from gonghui.skills.competition_workflow import TRANSITIONS, check_action
from gonghui.skills.services.competitions import (
    StageIn,
    competition_approve,
    competition_cancel,
    competition_edit,
    competition_return,
    competition_submit,
)
from gonghui.skills.tests.competition_helpers import D, approved, draft
from gonghui.testing.world import make_user

pytestmark = pytest.mark.django_db


def test_a_county_plans_a_competition_with_its_budget_stages_and_rules(world):
    c = draft(world.county_clerk, world.county)
    assert c.status == CompetitionStatus.DRAFT
    assert c.budget == Decimal("50000.00") and c.organiser_level == world.county.level
    assert c.org_path == world.county.path
    assert [(s.order, s.kind, s.advance) for s in c.stages.all()] == [(1, StageKind.PRELIMINARY, 3),
                                                                      (2, StageKind.FINAL, None)]
    assert CompetitionEvent.objects.filter(competition=c, action=CompetitionAction.CREATE).exists()
    assert AuditEntry.objects.filter(action="competition.create").exists()


def test_it_refuses_a_period_that_runs_backwards(world):
    with pytest.raises(ValidationFailed) as err:
        draft(world.county_clerk, world.county, start_on=D(2026, 5, 1), end_on=D(2026, 4, 1))
    assert err.value.field == "end_on" and err.value.code == "dates_backwards"


def test_it_refuses_a_score_range_whose_top_is_not_above_its_bottom(world):
    with pytest.raises(ValidationFailed) as err:
        draft(world.county_clerk, world.county, score_min=60, score_max=60)
    assert err.value.field == "score_max"


def test_it_refuses_a_negative_budget_and_one_with_fractions_of_a_fen(world):
    for bad in ("-1", "10.005", "一万"):
        with pytest.raises(ValidationFailed) as err:
            draft(world.county_clerk, world.county, budget=bad)
        assert err.value.field == "budget"


def test_each_kind_names_what_it_is_run_on(world):
    with pytest.raises(ValidationFailed) as err:
        draft(world.county_clerk, world.county, kind=CompetitionKind.LABOUR, trade="")
    assert err.value.field == "project"
    with pytest.raises(ValidationFailed) as err:
        draft(world.county_clerk, world.county, kind=CompetitionKind.ANKANG, trade="")
    assert err.value.field == "team_size"
    c = draft(world.county_clerk, world.county, kind=CompetitionKind.ANKANG, trade="", team_size=8)
    assert c.team_size == 8


def test_stages_must_run_in_order_and_advance_fewer_each_time(world):
    with pytest.raises(ValidationFailed) as err:
        draft(world.county_clerk, world.county, stages=[StageIn(StageKind.FINAL), StageIn(StageKind.PRELIMINARY, 5)])
    assert err.value.code == "stage_order"
    with pytest.raises(ValidationFailed) as err:
        draft(world.county_clerk, world.county, stages=[StageIn(StageKind.PRELIMINARY, 10),
                                                        StageIn(StageKind.SEMIFINAL, 10), StageIn(StageKind.FINAL)])
    assert err.value.field == "advance" and err.value.code == "out_of_range"
    with pytest.raises(ValidationFailed) as err:
        draft(world.county_clerk, world.county, stages=[StageIn(StageKind.PRELIMINARY), StageIn(StageKind.FINAL)])
    assert err.value.field == "advance" and err.value.code == "required"


def test_approval_comes_only_from_a_union_above_the_organiser(world):
    county_admin = world.county_admin
    c = draft(world.county_clerk, world.county)
    c = competition_submit(actor=world.county_clerk, competition=c, on=D(2026, 3, 2))
    assert c.status == CompetitionStatus.SUBMITTED and c.submitted_on == D(2026, 3, 2)
    # The organiser's own cadres may not approve their own plan.
    for own in (world.county_clerk, county_admin):
        with pytest.raises(PermissionDenied) as err:
            competition_approve(actor=own, competition=c)
        assert err.value.code == "not_from_above"
    # A city in another branch cannot even see it.
    city2_clerk = make_user("city2_clerk", world.city2, RoleCode.CLERK)
    with pytest.raises(NotFound):
        competition_approve(actor=city2_clerk, competition=c)
    city_clerk = make_user("city_clerk", world.city, RoleCode.CLERK)
    c = competition_approve(actor=city_clerk, competition=c, on=D(2026, 3, 5))
    assert c.status == CompetitionStatus.APPROVED and c.approved_on == D(2026, 3, 5)
    assert c.decided_by


def test_a_returned_plan_is_changed_and_submitted_again(world):
    c = draft(world.county_clerk, world.county)
    c = competition_submit(actor=world.county_clerk, competition=c)
    with pytest.raises(ValidationFailed) as err:
        competition_return(actor=world.province_officer, competition=c, reason="")
    assert err.value.field == "reason"
    c = competition_return(actor=world.province_officer, competition=c, reason="预算偏高")
    assert c.status == CompetitionStatus.RETURNED and c.return_reason == "预算偏高"
    c = competition_edit(actor=world.county_clerk, competition=c, changes={"budget": "30000"},
                         stages=[StageIn(StageKind.FINAL)])
    assert c.budget == Decimal("30000") and c.stages.count() == 1
    c = competition_submit(actor=world.county_clerk, competition=c)
    assert c.status == CompetitionStatus.SUBMITTED and c.return_reason == ""


def test_an_approved_plan_is_no_longer_edited_and_a_stale_version_is_refused(world):
    c = approved(world.county_clerk, world.county, world.province_officer)
    with pytest.raises(ValidationFailed) as err:
        competition_edit(actor=world.county_clerk, competition=c, changes={"budget": "1"})
    assert err.value.code == "bad_transition"
    with pytest.raises(Exception) as conflict:
        competition_cancel(actor=world.county_clerk, competition=c, reason="经费未落实", version=c.version - 1)
    assert getattr(conflict.value, "code", "") == "concurrent_change"
    c = competition_cancel(actor=world.county_clerk, competition=c, reason="经费未落实")
    assert c.status == CompetitionStatus.CANCELLED


def test_the_status_graph_names_every_way_out_of_a_submission():
    assert TRANSITIONS[CompetitionStatus.SUBMITTED] == {CompetitionStatus.APPROVED, CompetitionStatus.RETURNED,
                                                        CompetitionStatus.CANCELLED}
    with pytest.raises(ValidationFailed):
        check_action(CompetitionStatus.FINAL, CompetitionAction.SCORE)


def test_the_cadre_who_submitted_a_plan_does_not_approve_it(world):
    c = draft(world.county_clerk, world.township)
    c = competition_submit(actor=world.county_clerk, competition=c)
    with pytest.raises(PermissionDenied) as err:
        competition_approve(actor=world.county_clerk, competition=c)
    assert err.value.code == "own_submission"
    c = competition_approve(actor=world.county_admin, competition=c)
    assert c.status == CompetitionStatus.APPROVED

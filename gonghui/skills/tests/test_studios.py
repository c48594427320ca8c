import datetime
from decimal import Decimal

import pytest

from gonghui.core.errors import Conflict, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.skills.innovation_choices import StudioStatus
from gonghui.skills.services.studios import (
    studio_assess,
    studio_link_leader,
    studio_member_add,
    studio_member_leave,
    studio_name,
    studio_relevel,
    studio_result_add,
    studio_revoke,
)
from gonghui.skills.studio_selectors import studio_events, studio_list, studio_team, studios_due_assessment
from gonghui.skills.tests.innovation_setup import TODAY, employer_in, studio, worker

pytestmark = pytest.mark.django_db


def test_a_studio_is_named_with_its_leader_and_the_register_id_the_honours_app_will_fill(world):
    leader, _ = worker(world.grassroots, world.employer, name="李明")
    s = studio_name(actor=world.county_clerk, employer=world.employer, name="李明劳模创新工作室",
                    kind="model_worker", level="province", named_on=datetime.date(2021, 4, 28), leader=leader,
                    model_worker_id=812, today=TODAY)

    assert (s.leader_name, s.leader, s.model_worker_id, s.status) == ("李明", leader, 812, StudioStatus.ACTIVE)
    assert list(studio_list(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), model_worker_id=812)) == [s]
    with pytest.raises(Conflict) as e:
        studio_name(actor=world.county_clerk, employer=world.employer, name="李明劳模创新工作室", kind="worker",
                    level="city", named_on=datetime.date(2022, 1, 1), leader_name="王", today=TODAY)
    assert e.value.field == "name"


def test_it_refuses_bad_naming_input_naming_the_field(world):
    elsewhere = employer_in(world.grassroots)
    outsider, _ = worker(world.grassroots, elsewhere)
    cases = [("level", {"level": "galactic"}), ("kind", {"kind": ""}), ("named_on", {"named_on": None}),
             ("leader", {"leader": outsider}), ("leader_name", {"leader_name": ""}),
             ("model_worker_id", {"model_worker_id": -3})]
    for field, kw in cases:
        args = {"name": "工作室", "kind": "worker", "level": "city", "named_on": datetime.date(2022, 1, 1),
                "leader_name": "王五", **kw}
        with pytest.raises(ValidationFailed) as e:
            studio_name(actor=world.county_clerk, employer=world.employer, today=TODAY, **args)
        assert e.value.field == field, field


def test_the_team_results_and_leader_link(world):
    s = studio(world.employer)
    member, _ = worker(world.grassroots, world.employer, name="周七")
    seat = studio_member_add(actor=world.county_clerk, studio=s, member=member, role="工艺",
                             joined_on=datetime.date(2023, 1, 1), today=TODAY)
    with pytest.raises(Conflict):
        studio_member_add(actor=world.county_clerk, studio=s, member=member, today=TODAY)
    with pytest.raises(ValidationFailed) as e:
        studio_member_leave(actor=world.county_clerk, seat=seat, left_on=datetime.date(2022, 12, 1), today=TODAY)
    assert e.value.field == "left_on"
    studio_member_leave(actor=world.county_clerk, seat=seat, left_on=datetime.date(2024, 6, 1), today=TODAY)
    assert list(studio_team(studio=s)) == []

    result = studio_result_add(actor=world.county_clerk, studio=s, kind="project", title="高效焊接攻关", year=2024,
                               benefit="86.4", today=TODAY)
    assert result.benefit == Decimal("86.40")
    with pytest.raises(ValidationFailed) as e:
        studio_result_add(actor=world.county_clerk, studio=s, kind="project", title="x", year=2019, today=TODAY)
    assert e.value.field == "year"

    s = studio_link_leader(actor=world.county_clerk, studio=s, model_worker_id=99)
    s = studio_relevel(actor=world.county_clerk, studio=s, level="province", note="2025年升级为省级")
    assert (s.model_worker_id, s.level) == (99, "province")
    assert [e.action for e in studio_events(studio=s)][-2:] == ["leader", "relevel"]


def test_the_yearly_assessment_is_once_a_year_for_a_year_that_has_ended(world):
    s = studio(world.employer)
    with pytest.raises(ValidationFailed) as e:
        studio_assess(actor=world.county_clerk, studio=s, year=2025, grade="good", assessed_on=TODAY, today=TODAY)
    assert e.value.field == "year"
    with pytest.raises(ValidationFailed) as e:
        studio_assess(actor=world.county_clerk, studio=s, year=2024, grade="perfect", assessed_on=TODAY, today=TODAY)
    assert e.value.field == "grade"
    studio_assess(actor=world.county_clerk, studio=s, year=2024, grade="excellent", assessed_on=TODAY, today=TODAY)
    with pytest.raises(Conflict) as e:
        studio_assess(actor=world.county_clerk, studio=s, year=2024, grade="good", assessed_on=TODAY, today=TODAY)
    assert e.value.field == "year"


def test_studios_due_for_assessment_are_standing_ones_without_last_years_grade(world):
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)
    assessed = studio(world.employer, name="已考核")
    due = studio(world.employer, name="待考核")
    studio(world.employer, name="今年新命名", named_on=datetime.date(2025, 2, 1))
    revoked = studio(world.employer, name="已摘牌")
    studio_assess(actor=world.county_clerk, studio=assessed, year=2024, grade="pass", assessed_on=TODAY, today=TODAY)
    studio_revoke(actor=world.county_clerk, studio=revoked, reason="连续两年考核不合格", today=TODAY)

    assert list(studios_due_assessment(scope=scope, today=TODAY)) == [due]


def test_revocation_needs_a_reason_and_ends_the_studios_registrations(world):
    s = studio(world.employer)
    with pytest.raises(ValidationFailed) as e:
        studio_revoke(actor=world.county_clerk, studio=s, reason="", today=TODAY)
    assert e.value.field == "reason"
    s = studio_revoke(actor=world.county_clerk, studio=s, reason="领衔人调离", revoked_on=TODAY, today=TODAY)
    assert (s.status, s.revoked_on, s.revoke_reason) == (StudioStatus.REVOKED, TODAY, "领衔人调离")
    with pytest.raises(ValidationFailed) as e:
        studio_result_add(actor=world.county_clerk, studio=s, kind="project", title="x", year=2024, today=TODAY)
    assert e.value.code == "revoked"
    with pytest.raises(ValidationFailed):
        studio_revoke(actor=world.county_clerk, studio=s, reason="再次", today=TODAY)

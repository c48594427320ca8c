import datetime
from decimal import Decimal

import pytest

from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.skills.innovation_figures import innovation_figures, wan, year_bounds
from gonghui.skills.services.apprenticeships import apprenticeship_transition
from gonghui.skills.services.studios import studio_result_add, studio_revoke
from gonghui.skills.services.suggestions import suggestion_assess_benefit, suggestion_reward, suggestion_transition
from gonghui.skills.services.training import training_course_record
from gonghui.skills.tests.innovation_setup import TODAY, employer_in, pair, studio, suggestion, worker
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db
Q1 = (datetime.date(2025, 1, 1), datetime.date(2025, 3, 31))
Q2 = (datetime.date(2025, 4, 1), datetime.date(2025, 6, 30))


def go(s, action, day):
    return suggestion_transition(actor=SYSTEM, suggestion=s, action=action, on=day, note="评审意见", today=TODAY)


def suggestions(world):
    a = suggestion(world.employer, kind="invention", submitted_on=datetime.date(2025, 2, 1), title="a")
    go(a, "adopt", datetime.date(2025, 3, 1))
    go(a, "implement", datetime.date(2025, 4, 2))
    suggestion_assess_benefit(actor=SYSTEM, suggestion=a, benefit="12.5", assessor="财务部",
                              assessed_on=datetime.date(2025, 5, 1), today=TODAY)
    suggestion_reward(actor=SYSTEM, suggestion=a, amount="800", paid_on=datetime.date(2025, 5, 2), today=TODAY)
    b = suggestion(world.employer, submitted_on=datetime.date(2025, 3, 5), title="b")
    go(b, "reject", datetime.date(2025, 4, 8))
    c = suggestion(world.employer, submitted_on=datetime.date(2025, 4, 9), title="c")
    go(c, "adopt", datetime.date(2025, 4, 10))
    # In another county: never in 锦江区's figures, always in the province's.
    other = suggestion(employer_in(world.county2), submitted_on=datetime.date(2025, 2, 2), title="d")
    go(other, "adopt", datetime.date(2025, 2, 3))


def test_suggestion_figures_count_each_stage_in_the_period_it_happened_in(world):
    suggestions(world)
    county = scope_for(world.county_clerk, Perm.SKILLS_VIEW)

    q1 = innovation_figures(scope=county, start=Q1[0], end=Q1[1]).suggestions
    q2 = innovation_figures(scope=county, start=Q2[0], end=Q2[1]).suggestions
    year = innovation_figures(scope=county, start=Q1[0], end=Q2[1]).suggestions

    assert (q1.total.submitted, q1.total.adopted, q1.total.implemented, q1.total.benefit) == (2, 1, 0, 0)
    assert (q2.total.submitted, q2.total.adopted, q2.total.implemented, q2.total.benefit) == (1, 1, 1, Decimal("12.50"))
    assert year.total.submitted == q1.total.submitted + q2.total.submitted
    assert year.total.adopted == 2 and year.total.adoption_rate == Decimal("66.7")
    assert year.by_kind["invention"].benefit == Decimal("12.50") and year.rewards == Decimal("800.00")
    assert wan(year.total.benefit) == "12.50"

    province = innovation_figures(scope=scope_for(world.province_officer, Perm.SKILLS_VIEW), start=Q1[0], end=Q2[1])
    assert province.suggestions.total.submitted == 4


def test_a_rate_with_nothing_submitted_is_missing_not_zero(world):
    figures = innovation_figures(scope=scope_for(world.county_clerk, Perm.SKILLS_VIEW), start=Q1[0], end=Q1[1])
    assert figures.suggestions.total.adoption_rate is None


def test_studio_apprenticeship_and_training_figures(world):
    standing = studio(world.employer, name="甲", level="province")
    studio_result_add(actor=SYSTEM, studio=standing, kind="project", title="攻关", year=2025, benefit="30",
                      today=TODAY)
    gone = studio(world.employer, name="乙")
    studio_revoke(actor=SYSTEM, studio=gone, reason="停止运行", revoked_on=datetime.date(2025, 5, 1), today=TODAY)
    master, _ = worker(world.grassroots, world.employer, name="老张")
    apprentice, _ = worker(world.grassroots, world.employer, name="小李")
    p = pair(world.employer, master, apprentice)
    apprenticeship_transition(actor=SYSTEM, apprenticeship=p, action="start", on=datetime.date(2025, 1, 15),
                              today=TODAY)
    apprenticeship_transition(actor=SYSTEM, apprenticeship=p, action="graduate", outcome_level="grade3",
                              on=datetime.date(2025, 6, 1), today=TODAY)
    training_course_record(actor=SYSTEM, union=world.county, title="班组长培训", kind="team_leader",
                           starts_on=datetime.date(2025, 3, 1), ends_on=datetime.date(2025, 3, 5), trainees=45,
                           levels={"grade4": 10}, today=TODAY)
    scope = scope_for(world.county_clerk, Perm.SKILLS_VIEW)

    march = innovation_figures(scope=scope, start=Q1[0], end=Q1[1])
    whole = innovation_figures(scope=scope, start=Q1[0], end=Q2[1])

    assert march.studios.standing == 2 and whole.studios.standing == 1
    assert whole.studios.by_level == {"province": 1} and whole.studios.results_benefit == Decimal("30.00")
    assert (march.apprenticeships.signed, march.apprenticeships.in_force) == (1, 1)
    assert (whole.apprenticeships.graduated, whole.apprenticeships.in_force) == (1, 0)
    assert whole.apprenticeships.by_outcome == {"grade3": 1}
    assert whole.apprenticeships.allowance == Decimal("3600.00")
    y = year_bounds(2025)
    training = innovation_figures(scope=scope, start=y[0], end=y[1]).training
    assert (training.courses, training.trainees, training.certified) == (1, 45, 10)
    assert training.by_kind == {"team_leader": 45}
    other = innovation_figures(scope=scope_for(world.other_province_officer, Perm.SKILLS_VIEW), start=y[0], end=y[1])
    assert (other.training.trainees, other.studios.standing, other.apprenticeships.signed) == (0, 0, 0)

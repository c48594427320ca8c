from decimal import Decimal

import pytest

from gonghui.core.errors import NotFound
from gonghui.mutualaid.selectors import (
    member_mutual_aid,
    mutual_aid_figures,
    mutual_aid_figures_by_plan,
    my_mutual_aid,
)
from gonghui.mutualaid.services import (
    claim_approve,
    claim_pay,
    claim_reject,
    claim_review,
    claim_submit,
    enrolment_bulk_create,
)

from .conftest import claim_data, member_of, scope_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def season(world, plan, grassroots_clerk):
    """Three members enrolled, four claims: two paid (3,000 and 1,500), one rejected, one waiting."""
    people = [member_of(world.grassroots) for _ in range(2)]
    enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.county, enrolled_on=plan.starts_on)
    enrolments = list(plan.enrolments.order_by("pk"))

    def claim(enrolment, amount, days_in=40):
        return claim_submit(actor=grassroots_clerk, enrolment=enrolment,
                            data=claim_data(plan, days_in=days_in, amount=amount))

    for enrolment, amount in ((enrolments[0], "3000"), (enrolments[1], "1500")):
        reviewed = claim_review(actor=grassroots_clerk, claim=claim(enrolment, amount))
        claim_pay(actor=world.county_clerk, claim=claim_approve(actor=world.county_admin, claim=reviewed,
                                                                amount=amount))
    claim_reject(actor=world.county_admin, claim=claim(enrolments[2], "800"), reason="等待期内发病")
    claim(enrolments[0], "600", days_in=60)
    return people


def test_the_county_sees_members_covered_premiums_claims_and_payouts(world, plan, season,
                                                                   django_assert_num_queries):
    with django_assert_num_queries(3):
        figures = mutual_aid_figures(scope=scope_of(world.county_clerk), union=world.county, year=plan.year)
    assert (figures.covered, figures.premiums) == (3, Decimal("180.00"))
    assert figures.claims == {"paid": 2, "rejected": 1, "submitted": 1} and figures.claim_total == 4
    assert (figures.paid_count, figures.paid_amount, figures.average_payout) == (2, Decimal("4500.00"),
                                                                                 Decimal("2250.00"))
    assert mutual_aid_figures(scope=scope_of(world.county_clerk), union=world.county, year=plan.year,
                              plan=plan).covered == 3
    by_plan = mutual_aid_figures_by_plan(scope=scope_of(world.county_clerk), union=world.county, year=plan.year)
    assert list(by_plan) == [plan.pk] and by_plan[plan.pk] == figures


def test_another_year_or_an_empty_branch_shows_nothing_paid_as_missing_not_zero(world, plan, season,
                                                                                 county2_admin):
    other_year = mutual_aid_figures(scope=scope_of(world.county_clerk), union=world.county, year=plan.year - 1)
    assert (other_year.covered, other_year.claim_total, other_year.average_payout) == (0, 0, None)
    county2 = mutual_aid_figures(scope=scope_of(county2_admin), union=world.county2, year=plan.year)
    assert county2.covered == 0 and county2.average_payout is None
    with pytest.raises(NotFound):
        mutual_aid_figures(scope=scope_of(county2_admin), union=world.county, year=plan.year)


def test_a_member_sees_their_own_enrolments_and_claims(world, plan, season, django_assert_num_queries):
    member = season[0]
    with django_assert_num_queries(2):
        mine = my_mutual_aid(phone=member.phone)
    assert [e.plan for e in mine.enrolments] == [plan]
    assert all(c.member_id == member.pk for c in mine.claims)
    assert all("diagnosis" in c.get_deferred_fields() for c in mine.claims)
    assert my_mutual_aid(phone="13900000000").enrolments == []
    seen = member_mutual_aid(scope=scope_of(world.county_clerk), member=member)
    assert [e.member_id for e in seen.enrolments] == [member.pk]

import pytest

from gonghui.core.errors import NotFound
from gonghui.mutualaid.models import MutualAidEnrolment
from gonghui.mutualaid.selectors import enrolment_get, enrolment_list, plan_get, plan_list
from gonghui.mutualaid.services import enrolment_bulk_create

from .conftest import member_of, scope_of

pytestmark = pytest.mark.django_db


@pytest.fixture
def covered(world, plan):
    member_of(world.township)
    enrolment_bulk_create(actor=world.county_clerk, plan=plan, union=world.county)
    return plan


def test_the_county_sees_its_plans_enrolments_and_another_county_none(world, covered, county2_admin):
    county = scope_of(world.county_clerk)
    assert enrolment_list(scope=county, plan=covered).count() == 2
    assert list(plan_list(scope=county)) == [covered]
    other = scope_of(county2_admin)
    assert not plan_list(scope=other).exists()
    assert not enrolment_list(scope=other, plan=covered).exists()
    with pytest.raises(NotFound):
        plan_get(scope=other, pk=covered.pk)
    with pytest.raises(NotFound):
        enrolment_get(scope=other, pk=MutualAidEnrolment.objects.first().pk)


def test_a_grassroots_union_sees_the_county_plan_it_belongs_to_and_only_its_own_members(world, covered,
                                                                                       grassroots_clerk):
    scope = scope_of(grassroots_clerk)
    assert plan_get(scope=scope, pk=covered.pk) == covered
    assert [e.member_id for e in enrolment_list(scope=scope, plan=covered)] == [world.membership.member_id]


def test_above_the_county_the_city_and_province_see_everything_and_the_other_province_nothing(world, covered):
    assert enrolment_list(scope=scope_of(world.province_officer), plan=covered).count() == 2
    assert not plan_list(scope=scope_of(world.other_province_officer)).exists()
    assert not plan_list(scope=scope_of(world.no_grants)).exists()

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from gonghui.core.permissions import Perm
from gonghui.members.choices import EmploymentForm, NewFormGroup
from gonghui.members.models import Member
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import scope_for
from gonghui.positions.coverage import GAP_IDLE, GAP_NONE, GAP_OK, area_employers, coverage, flatten, station_points
from gonghui.positions.tests.setup import FUCHENG, TODAY, regions, station
from gonghui.testing.world import make_employer, make_member

pytestmark = pytest.mark.django_db


def _worker(union, *, employer=None, group=NewFormGroup.COURIER, form=EmploymentForm.NEW_FORM):
    member = make_member(union).member
    Member.objects.filter(pk=member.pk).update(employment_form=form, new_form_group=group,
                                               employer=employer)
    return member


@pytest.fixture
def places(world):
    """锦江区: 3 couriers at an employer in 春熙路街道, 2 riders with no employer (placed by their union,
    known to the county only), 1 regular worker; 涪城区: 1 rider and no station."""
    regions()
    TradeUnion.objects.filter(pk=world.grassroots.pk).update(region_id="510104")
    TradeUnion.objects.filter(pk=world.county2.pk).update(region_id="510703")
    employer = make_employer(world.grassroots, "春熙快递有限公司")
    Employer.objects.filter(pk=employer.pk).update(region_id="510104020")
    for _ in range(3):
        _worker(world.grassroots, employer=employer)
    for _ in range(2):
        _worker(world.grassroots, group=NewFormGroup.FOOD_DELIVERY)
    _worker(world.grassroots, group="", form=EmploymentForm.REGULAR)
    _worker(world.county2, group=NewFormGroup.RIDE_HAILING)
    return employer


def _independent(scope_user, code):
    """Counted member by member, the slow way, to check the grouped figures."""
    scope = scope_for(scope_user, Perm.POSITION_VIEW)
    n = 0
    for m in Member.objects.visible_to(scope).select_related("employer", "union"):
        place = (m.employer.region_id if m.employer and m.employer.region_id else m.union.region_id) or ""
        if m.status in ("active", "retained") and (m.employment_form == "new_form" or m.new_form_group) \
                and place.startswith(code):
            n += 1
    return n


def test_workers_and_stations_are_counted_by_county_and_town(world, places):
    station(world, name="锦江驿站")
    station(world, name="春熙路驿站", region="510104020")
    scope = scope_for(world.county_clerk, Perm.POSITION_VIEW)
    [county] = coverage(scope=scope, today=TODAY)
    assert (county.code, county.workers, county.town_unknown, county.stations) == ("510104", 5, 2, 2)
    assert county.workers == _independent(world.county_clerk, "510104")
    [town] = county.towns
    assert (town.code, town.name, town.workers, town.stations) == ("510104020", "春熙路街道", 3, 1)
    assert town.workers == _independent(world.county_clerk, "510104020")
    assert county.gap == GAP_OK and county.per_station == 2
    assert [a.code for a in flatten([county])] == ["510104", "510104020"]


def test_an_area_with_workers_and_no_station_is_a_gap_listed_first(world, places):
    station(world, name="锦江驿站")
    rows = coverage(scope=scope_for(world.province_officer, Perm.POSITION_VIEW), today=TODAY)
    assert [(a.code, a.gap) for a in rows] == [("510703", GAP_NONE), ("510104", GAP_OK)]
    assert rows[0].workers == _independent(world.province_officer, "510703") == 1
    city = coverage(scope=scope_for(world.province_officer, Perm.POSITION_VIEW), division="510700", today=TODAY)
    assert [a.code for a in city] == ["510703"]


def test_a_station_where_no_worker_is_registered_is_shown_idle(world):
    regions()
    station(world, owner=world.county2, name="涪城驿站", region="510703", at=FUCHENG)
    [area] = coverage(scope=scope_for(world.province_officer, Perm.POSITION_VIEW), today=TODAY)
    assert (area.code, area.workers, area.stations, area.gap) == ("510703", 0, 1, GAP_IDLE)


def test_another_subtree_sees_nothing_of_ours(world, places):
    station(world, name="锦江驿站")
    assert coverage(scope=scope_for(world.other_province_officer, Perm.POSITION_VIEW)) == []
    assert area_employers(scope=scope_for(world.other_province_officer, Perm.POSITION_VIEW), division="510104") == []
    assert station_points(scope=scope_for(world.other_province_officer, Perm.POSITION_VIEW)) == []


def test_the_rows_behind_the_workers_figure_are_the_employers_and_unions(world, places):
    rows = area_employers(scope=scope_for(world.county_clerk, Perm.POSITION_VIEW), division="510104")
    assert [(name, n) for _pk, name, n in rows] == [("春熙快递有限公司", 3), (world.grassroots.name, 2)]
    assert rows[0][0] == places.pk and rows[1][0] is None


def test_the_figures_take_a_fixed_number_of_queries(world, places):
    station(world, name="锦江驿站")
    scope = scope_for(world.province_officer, Perm.POSITION_VIEW)
    with CaptureQueriesContext(connection) as before:
        coverage(scope=scope, today=TODAY)
    for _ in range(5):
        _worker(world.grassroots)
    with CaptureQueriesContext(connection) as after:
        coverage(scope=scope, today=TODAY)
    assert len(after) == len(before) <= 3

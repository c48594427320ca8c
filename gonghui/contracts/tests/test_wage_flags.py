"""The figures page's wage flags: a contract's lowest wage below the local minimum wage where the
employer is, and a wage increase below the median of its county; both exportable."""

from decimal import Decimal

import pytest

from gonghui.contracts.models import MinimumWage
from gonghui.contracts.tests.conftest import D, in_force
from gonghui.contracts.wage_flags import below_median_increase, below_minimum_wage
from gonghui.core.exports import list_export
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_employer

pytestmark = pytest.mark.django_db


def test_an_employer_whose_contract_pays_less_than_its_citys_minimum_wage_is_flagged(world, places):
    chengdu = make_employer(world.grassroots, "成都低薪单位", region=places["county"])
    zigong = make_employer(world.grassroots, "自贡单位", region=places["other"])  # 1,870 there
    fine = make_employer(world.grassroots, "达标单位", region=places["county"])
    for employer, lowest in ((chengdu, "2000"), (zigong, "2000"), (fine, "2100")):
        in_force(world.grassroots_clerk, world.grassroots, employer=employer, terms={"wages.lowest_paid": lowest})
    scope = scope_for(world.grassroots_clerk, Perm.CONTRACT_VIEW)
    rows = below_minimum_wage(scope=scope, union=world.county, today=D(2026, 6, 1))
    assert [(r.employer_name, r.lowest_paid, r.minimum, r.region_name) for r in rows] == [
        ("成都低薪单位", Decimal("2000.00"), Decimal("2100.00"), "成都市")]
    # A later, higher standard catches the one that was just above it.
    MinimumWage.objects.create(region_id="510100", monthly=Decimal("2200"), effective_from=D(2026, 7, 1), source="x")
    later = below_minimum_wage(scope=scope, union=world.county, today=D(2026, 7, 2))
    assert {r.employer_name for r in later} == {"成都低薪单位", "达标单位"}


def test_an_increase_below_its_countys_median_is_flagged_and_a_county_with_two_contracts_is_not(world, places):
    rates = {"甲": "3.5", "乙": "5", "丙": "5.5", "丁": "6"}
    for name, rate in rates.items():
        employer = make_employer(world.grassroots, f"{name}单位", region=places["county"])
        in_force(world.grassroots_clerk, world.grassroots, employer=employer, terms={"wages.increase_rate": rate})
    for name, rate in (("戊", "3"), ("己", "7")):  # two in another county: no median to compare with
        employer = make_employer(world.grassroots, f"{name}单位", region=places["other"])
        in_force(world.grassroots_clerk, world.grassroots, employer=employer, terms={"wages.increase_rate": rate})
    rows = below_median_increase(scope=scope_for(world.county_clerk, Perm.CONTRACT_VIEW), union=world.county)
    assert [(r.party, r.county, r.increase, r.median) for r in rows] == [
        ("甲单位", "锦江区", Decimal("3.50"), Decimal("5.25")), ("乙单位", "锦江区", Decimal("5.00"), Decimal("5.25"))]


def test_both_flags_export_and_stay_within_the_exporters_scope(world, places):
    employer = make_employer(world.grassroots, "低薪单位", region=places["county"])
    in_force(world.grassroots_clerk, world.grassroots, employer=employer, terms={"wages.lowest_paid": "1500"})
    export = list_export("contracts.below_minimum")
    county_scope = scope_for(world.county_clerk, Perm.CONTRACT_VIEW)
    rows = list(export.rows(actor=world.county_clerk, scope=county_scope, filters={"union": str(world.county.pk)}))
    assert rows == [["低薪单位", employer.credit_code, rows[0][2], Decimal("1500.00"), Decimal("2100.00"),
                     Decimal("600.00"), "成都市"]]
    assert export.count(actor=world.grassroots_clerk, scope=county_scope, filters={}) == 1
    other = scope_for(world.other_province_officer, Perm.CONTRACT_VIEW)
    assert list(export.rows(actor=world.other_province_officer, scope=other, filters={})) == []
    assert list_export("contracts.below_median").count(actor=world.county_clerk, scope=county_scope, filters={}) == 0



def test_the_minimum_wage_check_reads_the_standards_in_the_same_few_queries_however_many_regions(world, places):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from gonghui.orgs.models import Region

    scope = scope_for(world.grassroots_clerk, Perm.CONTRACT_VIEW)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            below_minimum_wage(scope=scope, union=world.county, today=D(2026, 6, 1))
        return len(captured)

    def contract_in(region: Region) -> None:
        employer = make_employer(world.grassroots, f"{region.name}单位", region=region)
        in_force(world.grassroots_clerk, world.grassroots, employer=employer, terms={"wages.lowest_paid": "2000"})

    contract_in(places["county"])
    few = queries()
    city = places["county"].parent
    for n in range(5):
        contract_in(Region.objects.create(adcode=f"51011{n}", name=f"区{n}", level=3, parent=city, dataset="test"))
    assert queries() == few
    assert len(below_minimum_wage(scope=scope, union=world.county, today=D(2026, 6, 1))) == 6

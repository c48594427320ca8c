"""条款对比: contracts side by side on one topic, with 未约定, the subtree's figures and the figures
page's two wage flags on the cells, within the viewer's scope."""

from decimal import Decimal

import pytest

from gonghui.contracts.choices import Reach, Status
from gonghui.contracts.comparison import comparison, comparison_for
from gonghui.contracts.models import CollectiveContract, Coverage, KeyTerm, TermTopic, TermVariable
from gonghui.contracts.tests.conftest import D, covering, drafted, in_force, kind
from gonghui.contracts.wage_flags import below_median_increase, below_minimum_wage
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Industry
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import SYSTEM, make_employer

pytestmark = pytest.mark.django_db
WAGES = "wages"


def wages(world, user=None, **filters):
    user = user or world.county_clerk
    return comparison_for(scope=scope_for(user, Perm.CONTRACT_VIEW),
                          filters={"union": str(world.county.pk), "topic": WAGES, **filters})


def table(found):
    return {row.party: {c.variable.code: c.shown for c in row.cells} for row in found.rows(found.contracts)}


def test_each_contract_shows_its_coded_values_and_未约定_for_the_terms_it_leaves_out(world):
    a = make_employer(world.grassroots, "甲单位")
    b = make_employer(world.grassroots, "乙单位")
    in_force(world.grassroots_clerk, world.grassroots, employer=a, terms={
        "wages.increase_rate": "5.50", "wages.lowest_paid": "2300", "wages.overtime_rule": "按法定标准"})
    in_force(world.grassroots_clerk, world.grassroots, employer=b, terms={"wages.increase_rate": "3"})
    found = wages(world)
    assert [v.code for v in found.variables] == [
        "wages.increase_rate", "wages.lowest_paid", "wages.pay_day", "wages.overtime_rule"]
    assert table(found) == {
        "甲单位": {"wages.increase_rate": "5.5", "wages.lowest_paid": "2300", "wages.pay_day": "未约定",
                 "wages.overtime_rule": "按法定标准"},
        "乙单位": {"wages.increase_rate": "3", "wages.lowest_paid": "未约定", "wages.pay_day": "未约定",
                 "wages.overtime_rule": "未约定"}}


def test_a_yes_no_term_reads_是_or_否_and_another_topic_has_its_own_columns(world):
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, kind_code="women",
             terms={"women.maternity_leave_days": "158", "women.special_checkup": "0"})
    found = wages(world, topic="women")
    assert found.topic.code == "women"
    assert table(found) == {"示例科技有限公司": {"women.maternity_leave_days": "158",
                                          "women.nursing_break_minutes": "未约定", "women.special_checkup": "否"}}


def test_the_median_lowest_and_highest_cover_every_selected_contract_not_only_the_page(world):
    for name, rate in (("甲", "3"), ("乙", "5"), ("丙", "6.5"), ("丁", "4")):
        in_force(world.grassroots_clerk, world.grassroots, employer=make_employer(world.grassroots, f"{name}单位"),
                 terms={"wages.increase_rate": rate})
    found = wages(world)
    increase = next(v for v in found.variables if v.code == "wages.increase_rate")
    summary = found.summaries[increase.pk]
    assert (summary.coded, summary.median, summary.lowest, summary.highest) == (
        4, Decimal("4.50"), Decimal("3.00"), Decimal("6.50"))
    assert len(found.rows(found.contracts[:1])) == 1
    lowest_paid = next(v for v in found.variables if v.code == "wages.lowest_paid")
    assert found.summaries[lowest_paid.pk].coded == 0 and found.summaries[lowest_paid.pk].median is None


def test_cells_carry_exactly_the_figures_pages_two_wage_flags(world, places):
    for name, rate, lowest in (("甲", "3.5", "2000"), ("乙", "5", "2100"), ("丙", "5.5", "2500"), ("丁", "6", None)):
        terms = {"wages.increase_rate": rate, **({"wages.lowest_paid": lowest} if lowest else {})}
        in_force(world.grassroots_clerk, world.grassroots, terms=terms,
                 employer=make_employer(world.grassroots, f"{name}单位", region=places["county"]))
    found = wages(world)
    rows = found.rows(found.contracts)
    flags = {row.party: {c.variable.code: c.note for c in row.cells if c.flagged} for row in rows}
    below_median = "低于锦江区中位数 5.25%"
    assert flags == {
        "甲单位": {"wages.increase_rate": below_median, "wages.lowest_paid": "低于当地最低工资标准 2100 元（成都市）"},
        "乙单位": {"wages.increase_rate": below_median}, "丙单位": {}, "丁单位": {}}
    # One definition: the figures page's lists name the same contracts.
    scope = scope_for(world.county_clerk, Perm.CONTRACT_VIEW)
    party = {row.contract.pk: row.party for row in rows}
    median = below_median_increase(scope=scope, union=world.county)
    assert {party[r.contract_id] for r in median} == {"甲单位", "乙单位"}
    assert {party[r.contract_id] for r in below_minimum_wage(scope=scope, union=world.county)} == {"甲单位"}


def test_a_regional_contract_is_flagged_by_its_covered_employer_furthest_below(world, places):
    employers = [make_employer(world.township, f"街道单位{i}", region=places["county"]) for i in range(2)]
    in_force(world.township_clerk, world.township, reach=Reach.REGIONAL, coverage=covering(employers),
             terms={"wages.lowest_paid": "1900"})
    [row] = wages(world).rows(wages(world).contracts)
    assert row.party == "区企业联合会"
    assert [c.note for c in row.cells if c.flagged] == ["低于当地最低工资标准 2100 元（成都市）"]


def test_another_countys_contracts_never_appear_nor_count_in_the_figures(world):
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, terms={"wages.increase_rate": "4"})
    elsewhere = make_employer(world.county2, "绵阳单位")
    in_force(SYSTEM, world.county2, employer=elsewhere, terms={"wages.increase_rate": "9"})
    found = wages(world)
    assert list(table(found)) == ["示例科技有限公司"]
    increase = next(v for v in found.variables if v.code == "wages.increase_rate")
    assert found.summaries[increase.pk].highest == Decimal("4.00")
    # Asking for the other county's union changes nothing: it is out of scope, as if not asked.
    assert list(table(wages(world, union=str(world.county2.pk)))) == ["示例科技有限公司"]
    other = comparison_for(scope=scope_for(world.other_province_officer, Perm.CONTRACT_VIEW), filters={})
    assert other is None or not other.contracts.exists()


def test_filters_default_to_contracts_in_force_and_narrow_by_kind_reach_status_and_industry(world):
    shop = make_employer(world.grassroots, "零售单位")
    Employer.objects.filter(pk=shop.pk).update(industry=Industry.F)  # make_employer makes manufacturers
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, terms={"wages.increase_rate": "4"})
    in_force(world.grassroots_clerk, world.grassroots, employer=shop, kind_code="comprehensive",
             terms={"wages.increase_rate": "6"})
    drafted(world.grassroots_clerk, world.grassroots, employer=make_employer(world.grassroots, "协商中单位"))
    assert set(table(wages(world))) == {"示例科技有限公司", "零售单位"}
    assert set(table(wages(world, status="all"))) == {"示例科技有限公司", "零售单位", "协商中单位"}
    assert set(table(wages(world, status=Status.DRAFTED))) == {"协商中单位"}
    assert set(table(wages(world, kind=str(kind("comprehensive").pk)))) == {"零售单位"}
    assert set(table(wages(world, industry="F"))) == {"零售单位"}
    assert set(table(wages(world, reach=Reach.REGIONAL))) == set()
    # What no control would send is ignored: the filter is off.
    assert set(table(wages(world, status="nonsense", kind="x", industry="ZZ", reach="?", union="99999999999"))) == {
        "示例科技有限公司", "零售单位"}


def test_sorting_by_a_numeric_term_lists_the_lowest_first_and_the_uncoded_last(world):
    for name, lowest in (("甲", "2600"), ("乙", None), ("丙", "2200")):
        in_force(world.grassroots_clerk, world.grassroots, employer=make_employer(world.grassroots, f"{name}单位"),
                 terms={"wages.lowest_paid": lowest} if lowest else {"wages.increase_rate": "3"})
    assert list(table(wages(world, sort="wages.lowest_paid"))) == ["丙单位", "甲单位", "乙单位"]


def test_a_page_of_a_few_hundred_contracts_takes_a_bounded_number_of_queries(world, places,
                                                                         django_assert_max_num_queries):
    wage = kind("wage")
    employers = [make_employer(world.grassroots, f"批量单位{i:03d}", region=places["county"]) for i in range(240)]
    contracts = CollectiveContract.objects.bulk_create([CollectiveContract(
        title=f"批量合同{i}", kind=wage, reach=Reach.EMPLOYER, status=Status.PUBLISHED, union=world.grassroots,
        org_path=world.grassroots.path, employer=e, offered_by="union", offer_received_on=D(2026, 1, 5),
        answer_due=D(2026, 1, 25), start_on=D(2026, 2, 1), end_on=D(2029, 1, 31), workers_covered=100)
        for i, e in enumerate(employers)])
    Coverage.objects.bulk_create([Coverage(contract=c, employer=c.employer, workers_covered=100, kind=wage, own=True,
                                           in_force=True, org_path=c.employer.org_path) for c in contracts])
    variables = {v.code: v for v in TermVariable.objects.filter(topic__code=WAGES)}
    KeyTerm.objects.bulk_create(
        [KeyTerm(contract=c, variable=variables["wages.increase_rate"], number=Decimal(3 + i % 5)) for i, c in
         enumerate(contracts)] + [KeyTerm(contract=c, variable=variables["wages.lowest_paid"],
                                          number=Decimal(2000 + 50 * (i % 6))) for i, c in enumerate(contracts)])
    assert TermTopic.objects.filter(code=WAGES).exists()
    with django_assert_max_num_queries(16):
        found = wages(world)
        rows = found.rows(found.contracts[:100])
    assert len(rows) == 100 and found.contracts.count() == 240
    assert any(c.flagged for row in rows for c in row.cells)


def test_it_takes_a_union_and_topic_directly_as_the_api_does(world):
    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, terms={"hours.weekly": "40"})
    topic = TermTopic.objects.get(code="hours")
    found = comparison(scope=scope_for(world.county_clerk, Perm.CONTRACT_VIEW), union=world.grassroots, topic=topic)
    assert table(found) == {"示例科技有限公司": {"hours.weekly": "40", "hours.daily": "未约定",
                                          "hours.overtime_monthly_cap": "未约定"}}

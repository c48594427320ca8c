import datetime
from decimal import Decimal

import pytest

from gonghui.accounts.roles import RoleCode
from gonghui.contracts.choices import Reach
from gonghui.contracts.figures import contract_figures, lapsing_this_quarter, quarter_end, without_wage_contract
from gonghui.contracts.selectors import contract_get, contract_list
from gonghui.contracts.services import contract_answer
from gonghui.contracts.tests.conftest import D, covering, in_force, offer
from gonghui.contracts.todos import contracts_todos
from gonghui.core.errors import InvalidFields, NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.testing.world import make_employer, make_user

pytestmark = pytest.mark.django_db


def test_another_countys_employer_is_refused_and_its_contracts_are_not_found(world):
    other_clerk = make_user("county2_clerk", world.county2, RoleCode.CLERK)
    with pytest.raises(InvalidFields) as err:
        offer(other_clerk, world.county2, employer=world.employer)
    assert err.value.errors[0].code == "employer_out_of_scope"
    c = offer(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(NotFound):
        contract_get(scope=scope_for(other_clerk, Perm.CONTRACT_VIEW), pk=c.pk)
    with pytest.raises(NotFound):
        contract_answer(actor=other_clerk, contract=c, answered_on=D(2026, 3, 5))
    assert contract_list(scope=scope_for(world.other_province_officer, Perm.CONTRACT_VIEW)).count() == 0


def test_a_read_only_role_sees_contracts_but_may_not_act(world):
    reader = make_user("county_reader", world.county, RoleCode.STATS_VIEWER)
    c = offer(world.grassroots_clerk, world.grassroots, employer=world.employer)
    assert contract_get(scope=scope_for(reader, Perm.CONTRACT_VIEW), pk=c.pk) == c
    with pytest.raises(PermissionDenied):
        contract_answer(actor=reader, contract=c, answered_on=D(2026, 3, 5))
    assert contracts_todos(user=reader) == []


def test_an_employer_covered_by_its_own_and_a_regional_contract_is_counted_once(world, regional):
    clerk = world.township_clerk
    in_force(clerk, world.township, employer=regional[0], terms={"wages.increase_rate": "6"})
    in_force(clerk, world.township, reach=Reach.REGIONAL, coverage=covering(regional, workers=10),
             terms={"wages.increase_rate": "4"})
    figures = contract_figures(scope=scope_for(clerk, Perm.CONTRACT_VIEW), union=world.county,
                               start=D(2026, 1, 1), end=D(2026, 12, 31), today=D(2026, 5, 1))
    assert figures.employers_covered == 3
    # regional[0] counts its own contract's workers (50), the other two the regional figure (10 each).
    assert figures.workers_covered == 50 + 10 + 10
    assert (figures.signed, figures.filed, figures.in_force) == (2, 2, 2)
    assert figures.filing_rate == 1.0
    assert figures.by_reach == {"employer": 1, "regional": 1}
    assert figures.average_wage_increase == Decimal("5.00")
    # 建制率 among unionised employers: the fixture's employers sit under a township federation, so
    # only the grassroots one is unionised, and it has no contract.
    assert (figures.unionised, figures.unionised_covered) == (1, 0)


def test_the_work_lists_name_unionised_employers_without_a_wage_contract_and_what_lapses_this_quarter(world):
    clerk = world.grassroots_clerk
    second = make_employer(world.grassroots, "第二单位")  # unionised: it sits under an enterprise union
    in_force(clerk, world.grassroots, employer=second, start=D(2026, 4, 1), end=D(2027, 3, 31))
    scope = scope_for(clerk, Perm.CONTRACT_VIEW)
    names = [e.name for e in without_wage_contract(scope=scope, union=world.county)]
    assert names == ["示例科技有限公司"]
    assert list(lapsing_this_quarter(scope=scope, union=world.county, today=D(2027, 1, 5))) != []
    assert list(lapsing_this_quarter(scope=scope, union=world.county, today=D(2026, 12, 5))) == []
    assert quarter_end(datetime.date(2027, 2, 1)) == D(2027, 3, 31)


def test_the_todo_lines_count_what_the_lists_show(world):
    c = offer(world.grassroots_clerk, world.grassroots, employer=world.employer, received=D(2026, 1, 5))
    lines = {t.key: t.count for t in contracts_todos(user=world.grassroots_clerk)}
    assert lines["contracts.overdue_answer"] == 1
    contract_answer(actor=world.grassroots_clerk, contract=c, answered_on=D(2026, 1, 6))
    assert {t.key: t.count for t in contracts_todos(user=world.grassroots_clerk)}["contracts.overdue_answer"] == 0


def test_coverage_follows_its_employer_to_another_union_and_through_a_merge(world):
    from gonghui.contracts.models import Coverage, EmployerCoverage
    from gonghui.orgs.choices import Level, UnionKind
    from gonghui.orgs.services import employer_update
    from gonghui.orgs.services.unions import union_merge
    from gonghui.testing.world import SYSTEM, make_union

    in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    other = make_union(world.county2, "涪城某厂工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    employer_update(actor=SYSTEM, employer=world.employer, version=world.employer.version, union=other)
    assert set(Coverage.objects.values_list("org_path", flat=True)) == {other.path}
    assert EmployerCoverage.objects.get().org_path == other.path
    target = make_union(world.county2, "涪城合并后工会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    union_merge(actor=SYSTEM, source=other, target=target)
    assert set(Coverage.objects.values_list("org_path", flat=True)) == {target.path}
    assert EmployerCoverage.objects.get().org_path == target.path

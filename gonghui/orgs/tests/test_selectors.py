import pytest

from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import subtree_summary, tree_roots, union_detail, union_get, union_search
from gonghui.testing.world import make_employer

pytestmark = pytest.mark.django_db


def test_a_county_cadre_starts_the_tree_at_the_county(world):
    scope = scope_for(world.county_admin, Perm.ORG_VIEW)
    assert list(tree_roots(scope=scope)) == [world.county]


def test_out_of_scope_and_missing_look_the_same(world):
    scope = scope_for(world.county_admin, Perm.ORG_VIEW)
    for pk in (world.county2.pk, 999_999, "abc"):
        with pytest.raises(NotFound):
            union_get(scope=scope, pk=pk)


def test_search_finds_by_name_initials_and_employer_credit_code(world):
    scope = scope_for(world.province_officer, Perm.ORG_VIEW)
    assert world.county in union_search(scope=scope, query="锦江")
    assert world.county in union_search(scope=scope, query="cdsjjq")
    assert world.grassroots in union_search(scope=scope, query=world.employer.credit_code.lower())
    assert not union_search(scope=scope_for(world.other_province_officer, Perm.ORG_VIEW), query="锦江").exists()


def test_the_summary_rolls_employers_up_to_each_branch(world):
    make_employer(world.township, "未建会单位", employee_count=10, women_count=1)
    scope = scope_for(world.province_officer, Perm.ORG_VIEW)
    summary = subtree_summary(scope=scope, union=world.city)
    assert summary.totals.employers == 2
    assert summary.totals.unionized == 1
    assert summary.totals.organizing_rate == 50.0
    (branch,) = summary.branches
    assert branch.union == world.county
    assert (branch.unions, branch.employers, branch.unionized) == (3, 2, 1)


def test_the_nodes_own_employers_count_in_its_totals_and_in_no_branch(world):
    make_employer(world.city, "市直单位", employee_count=7, women_count=1)
    before = subtree_summary(scope=scope_for(world.province_officer, Perm.ORG_VIEW), union=world.county)
    summary = subtree_summary(scope=scope_for(world.province_officer, Perm.ORG_VIEW), union=world.city)
    assert summary.totals.employers == before.totals.employers + 1
    assert summary.totals.employees == before.totals.employees + 7
    (branch,) = summary.branches
    assert (branch.employers, branch.employees) == (before.totals.employers, before.totals.employees)


def test_an_empty_branch_has_no_rate_rather_than_zero(world):
    scope = scope_for(world.province_officer, Perm.ORG_VIEW)
    summary = subtree_summary(scope=scope, union=world.city2)
    assert summary.totals.organizing_rate is None


def test_the_detail_has_the_visible_breadcrumb_and_direct_counts(world):
    make_employer(world.township, "街道直属单位")
    detail = union_detail(scope=scope_for(world.county_admin, Perm.ORG_VIEW), pk=world.township.pk)
    assert detail.union == world.township
    assert detail.ancestors == [world.county]  # the city and province lie outside the county's scope
    assert (detail.children, detail.employers) == (1, 1)


def test_the_detail_of_an_out_of_scope_union_is_not_found(world):
    with pytest.raises(NotFound):
        union_detail(scope=scope_for(world.other_province_officer, Perm.ORG_VIEW), pk=world.township.pk)

"""Stored subtree totals: adjusted by every write, recomputable, and read by the figures.

(Every database test also checks, on the way out, that the totals still match the tables: see
conftest.py. These tests name the cases that matter most.)
"""

from gonghui.core.audit_models import AuditEntry
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.rollup import rollup_drift, rollup_rebuild
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import subtree_totals
from gonghui.orgs.services import union_dissolve, union_merge, union_move
from gonghui.testing.world import SYSTEM, make_member, make_union


def totals(*unions: TradeUnion) -> list[tuple[int, int]]:
    return [tuple(TradeUnion.objects.values_list("subtree_unions", "subtree_members").get(pk=u.pk))
            for u in unions]


def test_a_move_takes_its_branch_totals_from_one_chain_to_the_other(world):
    make_member(world.county)
    before = totals(world.province, world.city, world.city2)
    county = TradeUnion.objects.get(pk=world.county.pk)
    branch = (county.subtree_unions, county.subtree_members)
    assert branch == (3, 2)  # the county, its street and the grassroots union; two live members

    union_move(actor=SYSTEM, union=county, new_parent=world.city2)

    after = totals(world.province, world.city, world.city2)
    assert after[0] == before[0]  # the province holds the branch either way
    assert after[1] == (before[1][0] - 3, before[1][1] - 2)
    assert after[2] == (before[2][0] + 3, before[2][1] + 2)


def test_merge_and_dissolve_stop_counting_the_ended_union(world):
    extra = make_union(world.county, "锦江区第二街道工会", world.township.level, world.township.kind)
    start = totals(world.county)[0]
    union_merge(actor=SYSTEM, source=extra, target=world.township)
    assert totals(world.county)[0] == (start[0] - 1, start[1])
    union_dissolve(actor=SYSTEM, union=world.grassroots, reason="企业注销")
    assert totals(world.county, world.township) == [(start[0] - 2, start[1]), (1, start[1])]


def test_the_scope_figures_read_the_stored_totals(world):
    everything = subtree_totals(scope=Scope.all())
    assert everything == {"unions": TradeUnion.objects.active().count(), "members": 1}
    assert subtree_totals(scope=Scope.of([world.county.path, world.city2.path])) == {"unions": 5, "members": 1}
    assert subtree_totals(scope=Scope.of([])) == {"unions": 0, "members": 0}


def test_drift_is_found_and_a_rebuild_repairs_it(world):
    TradeUnion.objects.filter(pk=world.city.pk).update(subtree_unions=99, subtree_members=7)
    drift = rollup_drift()
    assert list(drift) == [world.city.path]
    assert drift[world.city.path][1] == {"subtree_unions": 4, "subtree_members": 1}
    assert rollup_drift(world.county.path) == {}  # a branch below the damage is still right
    assert rollup_rebuild(actor=SYSTEM) == 1
    assert AuditEntry.objects.filter(action="org.rollup_repair").count() == 1
    assert rollup_drift() == {}

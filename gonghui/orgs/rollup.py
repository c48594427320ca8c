"""Subtree totals kept on every union: active unions and live members in its whole branch.

A subtree count read live walks every row of the branch (100,000 index entries at a province's
root); the stored total is one row. Every service that changes what a total counts adjusts the node
and its ancestors in the same transaction, so the totals are exact, not refreshed later. The
members app registers how to count its rows (`register_counter`) so that `rollup_rebuild` can
recompute everything from the tables, and `rollup_drift` can prove the stored totals right.

Adjusting the ancestors writes the root's row in every such transaction; writes are serialized by
the audit chain already, so this adds no new point of contention.
"""

from collections import defaultdict
from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.db.models import Case, F, Value, When

from gonghui.core.audit import Actor, audit_record
from gonghui.orgs import tree
from gonghui.orgs.choices import UnionStatus
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import subtree_q

COUNTERS = ("subtree_unions", "subtree_members")
# counter -> a function that returns {org_path: rows directly at that node} under a path prefix.
_SOURCES: dict[str, Callable[[str], dict[str, int]]] = {}


# name -> a function listing every stored figure that differs from the tables (empty when right).
# Apps above orgs register their own stored rollups here, so `rollup_check` covers them all
# without orgs importing them.
_CHECKS: dict[str, Callable[[], list[str]]] = {}


def register_rollup_check(name: str, drift: Callable[[], list[str]]) -> None:
    _CHECKS[name] = drift


def rollup_checks() -> dict[str, Callable[[], list[str]]]:
    return dict(_CHECKS)


def register_counter(counter: str, direct_counts: Callable[[str], dict[str, int]]) -> None:
    if counter not in COUNTERS:
        raise ValueError(f"unknown rollup counter {counter}")
    _SOURCES[counter] = direct_counts


def _chain(path: str) -> list[str]:
    return [*tree.ancestor_paths(path), path]


def rollup_adjust(path: str, *, unions: int = 0, members: int = 0, include_self: bool = True) -> None:
    """Add to the totals of the node at `path` (unless `include_self` is false) and its ancestors."""
    if not unions and not members:
        return
    paths = _chain(path) if include_self else tree.ancestor_paths(path)
    changes = {}
    if unions:
        changes["subtree_unions"] = F("subtree_unions") + unions
    if members:
        changes["subtree_members"] = F("subtree_members") + members
    TradeUnion.objects.filter(path__in=paths).update(**changes)


def rollup_move(*, old_parent_path: str, new_parent_path: str, unions: int, members: int) -> None:
    """A branch with these totals left one parent for another: only the chains' differences change."""
    common = len(_common_prefix(old_parent_path, new_parent_path))
    common -= common % tree.STEP_LEN
    leaving = [p for p in _chain(old_parent_path) if len(p) > common]
    joining = [p for p in _chain(new_parent_path) if len(p) > common]
    if not leaving and not joining:
        return
    # Both chains in one statement: the sign is per row.
    sign = Case(When(path__in=joining, then=Value(1)), default=Value(-1))
    TradeUnion.objects.filter(path__in=leaving + joining).update(
        subtree_unions=F("subtree_unions") + sign * unions, subtree_members=F("subtree_members") + sign * members)


def _common_prefix(a: str, b: str) -> str:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return a[:n]


# --- recomputing from the tables -----------------------------------------------------------------

def _direct_counts(prefix: str) -> dict[str, dict[str, int]]:
    unions = TradeUnion.objects.filter(status=UnionStatus.ACTIVE)
    if prefix:
        unions = unions.filter(subtree_q("path", prefix))
    direct: dict[str, dict[str, int]] = {"subtree_unions": dict.fromkeys(unions.values_list("path", flat=True), 1)}
    for counter, source in _SOURCES.items():
        direct[counter] = source(prefix)
    return direct


def expected_totals(prefix: str = "") -> dict[str, dict[str, int]]:
    """{union path: {counter: total}} for every union under `prefix` (all when empty), from the tables."""
    paths = TradeUnion.objects.all()
    if prefix:
        paths = paths.filter(subtree_q("path", prefix))
    totals: dict[str, dict[str, int]] = {p: dict.fromkeys(COUNTERS, 0) for p in paths.values_list("path", flat=True)}
    for counter, by_path in _direct_counts(prefix).items():
        for path, n in by_path.items():
            for p in _chain(path):
                if p in totals:
                    totals[p][counter] += n
    return totals


def rollup_drift(prefix: str = "") -> dict[str, tuple[dict[str, int], dict[str, int]]]:
    """Unions whose stored totals differ from the tables: {path: (stored, expected)}. Empty when right."""
    expected = expected_totals(prefix)
    stored = TradeUnion.objects.filter(path__in=list(expected)) if prefix else TradeUnion.objects.all()
    drift = {}
    for path, *values in stored.values_list("path", *COUNTERS).iterator(chunk_size=5000):
        have = dict(zip(COUNTERS, values, strict=True))
        if have != expected[path]:
            drift[path] = (have, expected[path])
    return drift


@transaction.atomic
def rollup_rebuild(*, actor: Any, prefix: str = "") -> int:
    """Recompute the stored totals from the tables; returns how many unions were corrected.

    Only a subtree's own totals depend on its rows alone, so a prefix rebuild leaves the ancestors
    above it as they are: use it for a branch whose outside totals are already right.
    """
    drift = rollup_drift(prefix)
    _write_totals((path, expected) for path, (_stored, expected) in drift.items())
    if drift:
        sample = {path: {"stored": stored, "expected": expected} for path, (stored, expected) in
                  list(drift.items())[:20]}
        audit_record(actor=Actor(id=actor.pk, label=str(actor.username)), action="org.rollup_repair",
                     object_type="orgs.tradeunion", org_path=prefix, detail={"corrected": len(drift), "sample": sample})
    return len(drift)


def _write_totals(rows: Iterable[tuple[str, dict[str, int]]]) -> None:
    batch: list[tuple[int, int, str]] = []
    with connection.cursor() as cursor:
        for path, totals in rows:
            batch.append((totals["subtree_unions"], totals["subtree_members"], path))
            if len(batch) == 2000:
                _flush(cursor, batch)
        _flush(cursor, batch)


def _flush(cursor: object, batch: list[tuple[int, int, str]]) -> None:
    if batch:
        table = TradeUnion._meta.db_table
        cursor.executemany(  # type: ignore[attr-defined]
            f"UPDATE {table} SET subtree_unions = %s, subtree_members = %s WHERE path = %s", batch)  # noqa: S608
        batch.clear()


def branch_sizes(children_of: Callable[[object], list[object]], root: object) -> dict[int, int]:
    """Unions in each spec branch (by id of the spec), for loads that build totals in memory."""
    sizes: dict[int, int] = defaultdict(int)
    stack: list[tuple[object, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        if done:
            sizes[id(node)] = 1 + sum(sizes[id(c)] for c in children_of(node))
        else:
            stack.append((node, True))
            stack.extend((c, False) for c in children_of(node))
    return sizes

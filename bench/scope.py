"""Data-scope benchmark: subtree counts, the first page, name search and a county move on a
100,000-union demo province, each against a baseline measured in the same run.

    .venv/bin/python bench/scope.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/scope.py   # a fresh gonghui_bench database

Figures go to stdout (one JSON object per line) and bench/results/scope-<db>.json; progress goes to
stderr. GONGHUI_BENCH_UNIONS scales the province down for a quick try; GONGHUI_BENCH_KEEP=1 keeps the
PostgreSQL database for EXPLAIN afterwards, and GONGHUI_BENCH_REUSE=1 measures a kept one again
without rebuilding it.
"""

import os
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # run as a script, bench/ itself is on sys.path, not the project

from bench.support.harness import Report, compare, log, throwaway_database  # noqa: E402

PROVINCE = "510000"  # 四川: 18 cities, 154 counties in the bundled GB/T 2260 list
UNIONS = int(os.environ.get("GONGHUI_BENCH_UNIONS", "100000"))
MEMBERS = int(os.environ.get("GONGHUI_BENCH_MEMBERS", "1000000"))
SEED = 2026
MOVE_PAIRS, NAIVE_PAIRS = 5, 2  # each pair moves the county away and back
REUSE = os.environ.get("GONGHUI_BENCH_REUSE") == "1"


cleanup = throwaway_database(os.environ.get("GONGHUI_BENCH_DB", "gonghui_bench"), reuse=REUSE)
# Production runs without DEBUG; with it every query is also logged in memory, which skews timings.
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F, Q  # noqa: E402
from django.db.models.expressions import RawSQL  # noqa: E402

from bench.support.members import load_members  # noqa: E402
from bench.support.province import ProvinceGenerator, Shape, place_of  # noqa: E402
from gonghui.members.choices import LIVE_STATUSES  # noqa: E402
from gonghui.members.models import Member, Membership  # noqa: E402
from gonghui.members.selectors import member_list, member_list_total  # noqa: E402
from gonghui.orgs import tree  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import Employer, TradeUnion  # noqa: E402
from gonghui.orgs.paths import registered_copies  # noqa: E402
from gonghui.orgs.scope import Scope, SystemActor, subtree_q  # noqa: E402
from gonghui.orgs.selectors import subtree_totals, union_search  # noqa: E402
from gonghui.orgs.services import union_move  # noqa: E402
from gonghui.orgs.services.bulk import tree_bulk_load  # noqa: E402
from gonghui.orgs.services.regions import regions_load  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("scope")
UNIONS_TABLE = TradeUnion._meta.db_table


# --- data --------------------------------------------------------------------------------------------

def build() -> None:
    t0 = time.perf_counter()
    if connection.vendor == "postgresql":
        with connection.cursor() as cur:
            # Commit as production does. The throwaway server runs with synchronous_commit=off, and
            # a commit not yet flushed keeps VACUUM from setting hint bits and all-visible pages.
            cur.execute("SET synchronous_commit = on")
    call_command("migrate", verbosity=0, interactive=False)
    regions_load(actor=SYSTEM)
    spec = ProvinceGenerator(PROVINCE, SEED).build(Shape(total=UNIONS))
    log(f"specs in {time.perf_counter() - t0:.0f} s")
    t1 = time.perf_counter()
    tree_bulk_load(actor=SYSTEM, parent=None, nodes=[spec])
    log(f"loaded {TradeUnion.objects.count()} unions, {Employer.objects.count()} employers "
        f"in {time.perf_counter() - t1:.0f} s")
    settle()


def settle() -> None:
    """Fresh statistics and, on PostgreSQL, a visibility map with every page set, as autovacuum
    leaves a settled database: index-only scans then skip the table, and the planner counts on it.

    A VACUUM cannot mark pages whose rows are newer than a snapshot still open in the database, or
    whose inserting commit is not yet flushed; it is then repeated until it can.
    """
    with connection.cursor() as cur:
        if connection.vendor != "postgresql":
            cur.execute("ANALYZE")
            return
        tables = [TradeUnion._meta.db_table, Employer._meta.db_table, Member._meta.db_table,
                  Membership._meta.db_table]
        for attempt in range(10):
            cur.execute("VACUUM ANALYZE")
            cur.execute("SELECT coalesce(sum(relpages - relallvisible), 0) FROM pg_class WHERE relname = ANY(%s)",
                        [tables])
            behind = cur.fetchone()[0]
            if not behind:
                return
            log(f"VACUUM left {behind} pages not all-visible; again (attempt {attempt + 1})")
            time.sleep(3)


# --- the figures ---------------------------------------------------------------------------------

# The baseline for the path predicate: walking parent ids with a recursive CTE, what the tree would
# need without materialized paths. It goes through the same queryset as ours (one IN (subquery)
# where we have the path prefix), so both pay the same ORM cost and only the predicate differs.
CTE = (f"WITH RECURSIVE sub(id) AS (SELECT id FROM {UNIONS_TABLE} WHERE id = %s "
       f"UNION ALL SELECT t.id FROM {UNIONS_TABLE} t JOIN sub ON t.parent_id = sub.id) SELECT id FROM sub")


def cte_q(node: TradeUnion) -> Q:
    return Q(pk__in=RawSQL(CTE, [node.pk]))  # noqa: S611 - constant SQL, bound id


def bench_counts(root: TradeUnion, county: TradeUnion) -> None:
    """The count the product shows (the stored subtree total, orgs.rollup) and, for the predicate
    itself, a live count of the rows by path prefix; both against the CTE's live count."""
    for metric, node, target, ratio_target in (("root_subtree_count", root, "<= 10", ">= 5"),
                                               ("county_subtree_count", county, "<= 1", "")):
        scope = Scope.of([node.path])
        ours, cte = compare(lambda s=scope: subtree_totals(scope=s)["unions"],
                            lambda n=node: TradeUnion.objects.filter(cte_q(n)).active().count())
        REPORT.figure(metric, ours, baseline="recursive_cte", baseline_times=cte, target=target,
                      ratio_target=ratio_target)
        live, cte = compare(lambda s=scope: TradeUnion.objects.visible_to(s).active().count(),
                            lambda n=node: TradeUnion.objects.filter(cte_q(n)).active().count())
        REPORT.figure(metric + "_live", live, baseline="recursive_cte", baseline_times=cte)


def bench_first_page(root: TradeUnion) -> None:
    # The console lists a subtree in tree order (path), active unions, 50 to a page.
    scope = Scope.of([root.path])
    ours, cte = compare(
        lambda: [u.pk for u in TradeUnion.objects.visible_to(scope).active().order_by("path")[:50]],
        lambda: [u.pk for u in TradeUnion.objects.filter(cte_q(root)).active().order_by("path")[:50]],
    )
    REPORT.figure("root_first_page", ours, baseline="recursive_cte", baseline_times=cte)


def bench_search(nodes: dict[str, TradeUnion], term: str) -> None:
    for label, node in nodes.items():
        scope = Scope.of([node.path])

        def cte_search(n: TradeUnion = node) -> list[int]:
            # union_search's own filter and order, with the subtree taken from the CTE instead.
            qs = TradeUnion.objects.filter(cte_q(n)).select_related("parent")
            match = Q(name__contains=term) | Q(name_initials__startswith=term.lower())
            return [u.pk for u in qs.filter(match).order_by("depth", "path")[:50]]

        ours, cte = compare(lambda s=scope: [u.pk for u in union_search(scope=s, query=term)], cte_search)
        REPORT.figure("name_search", ours, scope=label, baseline="recursive_cte", baseline_times=cte)


@transaction.atomic
def naive_move(node: TradeUnion, new_parent: TradeUnion) -> TradeUnion:
    """The same move done row by row: every union and employer of the branch saved one at a time."""
    new_parent = TradeUnion.objects.select_for_update().get(pk=new_parent.pk)
    seq = new_parent.child_seq + 1
    old, new = node.path, tree.child_path(new_parent.path, seq)
    delta = new_parent.depth + 1 - node.depth
    TradeUnion.objects.filter(pk=new_parent.pk).update(child_seq=seq, child_count=F("child_count") + 1)
    TradeUnion.objects.filter(pk=node.parent_id).update(child_count=F("child_count") - 1)
    for u in TradeUnion.objects.filter(subtree_q("path", old)):
        u.path, u.depth = new + u.path[len(old):], u.depth + delta
        if u.pk == node.pk:
            u.parent = new_parent
        u.save(update_fields=["path", "depth", "parent", "updated_at"])
    for model, field in registered_copies():  # employers, members, ...: every copy of the path
        for row in model._default_manager.filter(subtree_q(field, old)):
            setattr(row, field, new + getattr(row, field)[len(old):])
            row.save(update_fields=[field])
    return TradeUnion.objects.get(pk=node.pk)


def bench_move(county: TradeUnion, other_city: TradeUnion, metric: str = "move_county_subtree",
               target: str = "<= 50") -> None:
    home = county.parent
    size = TradeUnion.objects.filter(subtree_q("path", county.path)).count()
    employers = Employer.objects.filter(subtree_q("org_path", county.path)).count()
    members = Member.objects.filter(subtree_q("org_path", county.path)).count()
    log(f"moving {county.name}: {size} unions, {employers} employers, {members} members")

    def there_and_back(move: Callable[..., TradeUnion], pairs: int) -> list[float]:
        nonlocal county
        times = []
        for target in (other_city, home) * pairs:
            t = time.perf_counter()
            county = move(actor=SYSTEM, union=county, new_parent=target)
            times.append((time.perf_counter() - t) * 1000)
        return times

    def naive(*, actor: Any, union: TradeUnion, new_parent: TradeUnion) -> TradeUnion:
        return naive_move(union, new_parent)

    there_and_back(union_move, 1)  # warm-up
    ours = there_and_back(union_move, MOVE_PAIRS)
    base = there_and_back(naive, NAIVE_PAIRS)
    if TradeUnion.objects.filter(subtree_q("path", county.path)).count() != size:
        raise AssertionError("the county lost unions on its travels")
    REPORT.figure(metric, ours, baseline="per_row_save", baseline_times=base, target=target,
           unions=size, employers=employers, members=members)


def bench_members(root: TradeUnion) -> None:
    """The member figures at the province's root: the stored total against a live count of the
    memberships by path prefix, and the console's first page (rows and page count) against the same
    list taken through the CTE with a live count."""
    scope = Scope.of([root.path])
    ours, live = compare(
        lambda: subtree_totals(scope=scope)["members"],
        lambda: Membership.objects.filter(subtree_q("org_path", root.path), status__in=LIVE_STATUSES).count())
    REPORT.figure("root_member_count", ours, baseline="live_path_count", baseline_times=live, target="<= 40")

    def first_page() -> tuple[list[int], int | None]:
        return [m.pk for m in member_list(scope=scope)[:50]], member_list_total(scope=scope)

    def cte_page() -> tuple[list[int], int | None]:
        qs = Member.objects.filter(union_id__in=RawSQL(CTE, [root.pk]), status__in=LIVE_STATUSES)  # noqa: S611
        return [m.pk for m in qs.select_related("union").order_by("name", "pk")[:50]], qs.count()

    ours, cte = compare(first_page, cte_page)
    REPORT.figure("root_member_first_page", ours, baseline="recursive_cte", baseline_times=cte, target="<= 30",
           members=Member.objects.count())


def ensure_members() -> None:
    have = Member.objects.count()
    if have >= MEMBERS * 0.95:
        return
    if have:
        raise SystemExit(f"the database holds {have} members, not about {MEMBERS}; build it again")
    t = time.perf_counter()
    written = load_members(MEMBERS, SEED, SYSTEM)
    log(f"loaded {written} members in {time.perf_counter() - t:.0f} s")
    settle()


def main() -> None:
    t0 = time.perf_counter()
    if REUSE and connection.vendor == "postgresql":
        log("measuring the kept database again")
    else:
        log(f"building {UNIONS} unions on {connection.vendor}")
        build()
    root = TradeUnion.objects.get(parent__isnull=True)
    moving = TradeUnion.objects.get(level=Level.COUNTY, name__endswith="高新技术产业开发区总工会")
    city = moving.parent
    county = TradeUnion.objects.filter(parent=city, level=Level.COUNTY).exclude(pk=moving.pk).order_by("path")[0]
    other_city = TradeUnion.objects.filter(parent=root).exclude(pk=city.pk).order_by("path")[0]
    # What a user types: the brand of a company they know (here one in the county), which other
    # companies elsewhere in the province share.
    known = TradeUnion.objects.filter(subtree_q("path", county.path), level=Level.GRASSROOTS).order_by("path")[0]
    term = known.name.removeprefix(place_of(known.region.name))[:2]
    log(f"root {root.name}, city {city.name}, county {county.name}; searching for {term!r}")

    bench_counts(root, county)
    bench_first_page(root)
    bench_search({"root": root, "city": city, "county": county}, term)
    if not Member.objects.exists():
        # The move as [1/4] states it, on the org tree alone; then again with its members (below).
        bench_move(moving, other_city)
    ensure_members()
    bench_members(root)
    bench_move(TradeUnion.objects.get(pk=moving.pk), other_city, metric="move_county_subtree_with_members",
               target="")

    REPORT.write(BENCH_DIR)
    log(f"done in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

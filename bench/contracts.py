"""集体合同 benchmark at province scale: 155,000 employers, 120,000 contracts of which 3,000 区域性/
行业性 covering 20–200 employers each, bulk-loaded (not through the services).

    .venv/bin/python bench/contracts.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/contracts.py   # a fresh gonghui_bench_contracts database

- contract_coverage_root_ms: employers and workers covered at the root, each employer once (its own
  contract's workers taking precedence), as the figures page reads it (the per-employer rollup).
  Baseline: the same answer computed from the coverage rows of the contracts in force, grouped by
  employer; ratio = its time / ours.
- contract_sweep_s: the daily sweep over all contracts on a day when a day's share is due: contracts
  whose review ran out take effect, in-force ones due a reminder are reminded, ended ones expire.
GONGHUI_BENCH_EMPLOYERS and GONGHUI_BENCH_CONTRACTS scale it down for a quick try.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # run as a script, bench/ itself is on sys.path, not the project

from bench.support.harness import Report, compare, log, throwaway_database  # noqa: E402

PROVINCE = "510000"
UNIONS = int(os.environ.get("GONGHUI_BENCH_UNIONS", "3000"))
EMPLOYERS = int(os.environ.get("GONGHUI_BENCH_EMPLOYERS", "155000"))
CONTRACTS = int(os.environ.get("GONGHUI_BENCH_CONTRACTS", "120000"))
REGIONAL = max(1, CONTRACTS // 40)  # 3,000 of 120,000
# A day's share of 120,000 contracts of one to three years: about a hundred of each.
TAKE_EFFECT, REMIND, EXPIRE = CONTRACTS // 1000, CONTRACTS // 300, CONTRACTS // 1000
SEED = 2026

cleanup = throwaway_database("gonghui_bench_contracts")
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import Count, Max, Q, Sum  # noqa: E402
from django.db.models.functions import Coalesce  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.support.province import ProvinceGenerator, Shape  # noqa: E402
from gonghui.contracts.choices import Reach, Status  # noqa: E402
from gonghui.contracts.models import CollectiveContract, ContractKind, Coverage, EmployerCoverage  # noqa: E402
from gonghui.contracts.services import contract_sweep  # noqa: E402
from gonghui.core.bulk_insert import bulk_insert  # noqa: E402
from gonghui.core.validators import credit_code_check_character  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import Employer, TradeUnion  # noqa: E402
from gonghui.orgs.scope import SystemActor, subtree_q  # noqa: E402
from gonghui.orgs.services.bulk import tree_bulk_load  # noqa: E402
from gonghui.orgs.services.regions import regions_load  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("contracts")
BATCH = 20_000


def build() -> TradeUnion:
    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    regions_load(actor=SYSTEM)
    spec = ProvinceGenerator(PROVINCE, SEED).build(Shape(total=UNIONS, small_county=60, small_townships=3))
    tree_bulk_load(actor=SYSTEM, parent=None, nodes=[spec])
    grassroots = list(TradeUnion.objects.filter(level=Level.GRASSROOTS).values_list("pk", "path", "region_id"))
    rng = random.Random(SEED)
    missing = EMPLOYERS - Employer.objects.count()
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, missing, BATCH):
            rows = []
            for i in range(start, min(missing, start + BATCH)):
                pk, path, region = grassroots[rng.randrange(len(grassroots))]
                body = f"91{(region or PROVINCE)[:6]}{800_000_000 + i:09d}"
                workers = max(3, int(rng.lognormvariate(3.0, 1.1)))
                rows.append({"credit_code": body + credit_code_check_character(body), "name": f"基准单位{i}",
                             "name_initials": "jzdw", "union_id": pk, "org_path": path, "unionized": True,
                             "industry": "C", "ownership": "private", "region_id": region, "employee_count": workers,
                             "created_at": now, "updated_at": now})
            bulk_insert(Employer, rows)
    log(f"{TradeUnion.objects.count()} unions, {Employer.objects.count()} employers in "
        f"{time.perf_counter() - t:.0f} s")
    return TradeUnion.objects.get(parent__isnull=True)


def load_contracts() -> None:
    """Own contracts on distinct employers, most in force; regional ones by county unions, each over
    20–200 of the county's employers, one regional contract of a kind per employer; then the rollup,
    built from the coverage rows in force as the services keep it."""
    rng = random.Random(SEED)
    today = timezone.localdate()
    kinds = list(ContractKind.objects.order_by("pk").values_list("pk", flat=True))
    wage_kind = ContractKind.objects.get(code="wage").pk
    employers = list(Employer.objects.values_list("pk", "union_id", "org_path", "employee_count"))
    unions = dict(TradeUnion.objects.values_list("pk", "path"))
    rng.shuffle(employers)
    own = CONTRACTS - REGIONAL
    t = time.perf_counter()
    # Statuses of the own contracts; the sweep's day's share first so that it is exact.
    due = ["take_effect"] * TAKE_EFFECT + ["remind"] * REMIND + ["expire"] * EXPIRE
    open_statuses = [Status.OFFERED, Status.NEGOTIATING, Status.DRAFTED, Status.SIGNED, Status.FILED]
    with transaction.atomic():
        for start in range(0, own, BATCH):
            contracts, covered = [], []
            for i in range(start, min(own, start + BATCH)):
                pk, union_id, path, workers = employers[i]
                what = due[i] if i < len(due) else ("in_force" if rng.random() < 0.75 else rng.choice(open_statuses))
                contracts.append(_contract(rng, today, what, kinds[i % len(kinds)], unions[union_id], union_id,
                                           employer=pk, workers=workers))
                covered.append((pk, path, workers, kinds[i % len(kinds)], True))
            ids = bulk_insert(CollectiveContract, contracts)
            bulk_insert(Coverage, [{"contract_id": cid, "employer_id": e, "org_path": p, "workers_covered": w,
                                    "kind_id": k, "own": o, "in_force": c["status"] in (Status.EFFECTIVE,
                                                                                        Status.PUBLISHED)}
                                   for cid, c, (e, p, w, k, o) in zip(ids, contracts, covered, strict=True)])
        _load_regional(rng, today, kinds, wage_kind)
        _rebuild_rollup()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    log(f"{CollectiveContract.objects.count()} contracts, {Coverage.objects.count()} coverage rows, "
        f"{EmployerCoverage.objects.count()} employers covered in {time.perf_counter() - t:.0f} s")


def _contract(rng: random.Random, today: datetime.date, what: str, kind: int, path: str, union_id: int, *,
              employer: int | None, workers: int, reach: str = Reach.EMPLOYER) -> dict[str, Any]:
    start = today - datetime.timedelta(days=rng.randint(30, 700))
    end = start + datetime.timedelta(days=rng.choice([365, 730, 1095]) - 1)
    row: dict[str, Any] = {"title": "基准合同", "kind_id": kind, "reach": reach, "union_id": union_id, "org_path": path,
                           "employer_id": employer, "employer_side": "企业方", "offered_by": "union",
                           "offer_received_on": start - datetime.timedelta(days=60),
                           "answer_due": start - datetime.timedelta(days=40), "workers_covered": workers,
                           "start_on": start, "end_on": end, "status": Status.PUBLISHED,
                           "created_at": timezone.now(), "updated_at": timezone.now()}
    if what == "take_effect":
        row.update(status=Status.FILED, takes_effect_on=today, review_ends_on=today - datetime.timedelta(days=1),
                   end_on=today + datetime.timedelta(days=364), start_on=today)
    elif what == "remind":
        end = today + datetime.timedelta(days=rng.choice([90, 30, 7]))
        row.update(end_on=end, start_on=end - datetime.timedelta(days=364), next_reminder_on=today)
    elif what == "expire":
        row.update(end_on=today - datetime.timedelta(days=1), start_on=today - datetime.timedelta(days=365))
    elif what == "in_force":
        # Ends beyond its next reminder, so the sweep leaves it alone today.
        end = today + datetime.timedelta(days=rng.randint(100, 1000))
        row.update(end_on=end, start_on=end - datetime.timedelta(days=364), next_reminder_on=end
                   - datetime.timedelta(days=90))
    else:
        row.update(status=what, start_on=None, end_on=None, answer_due=today + datetime.timedelta(days=10))
        if what == Status.FILED:
            row["takes_effect_on"] = today + datetime.timedelta(days=5)
    return row


def _load_regional(rng: random.Random, today: datetime.date, kinds: list[int], wage_kind: int) -> None:
    counties = list(TradeUnion.objects.filter(level=Level.COUNTY).values_list("pk", "path"))
    pools: dict[tuple[str, int], list[tuple[int, str, int]]] = {}
    by_county: dict[str, list[tuple[int, str, int]]] = {}
    for pk, path, workers in Employer.objects.values_list("pk", "org_path", "employee_count"):
        county = next((c for _i, c in counties if path.startswith(c)), None)
        if county is not None:
            by_county.setdefault(county, []).append((pk, path, workers))
    contracts, groups = [], []
    for kind in kinds:
        for _union_id, path in counties:
            pools[(path, kind)] = rng.sample(by_county.get(path, []), len(by_county.get(path, [])))
    union_of = {path: pk for pk, path in counties}
    for i in range(REGIONAL):
        kind = kinds[i % len(kinds)]
        # The county with the most employers still without a regional contract of the kind.
        path = max((p for p, k in pools if k == kind), key=lambda p, k=kind: len(pools[(p, k)]))
        union_id, pool = union_of[path], pools[(path, kind)]
        size = min(len(pool), rng.randint(20, 200))
        if size < 20:
            raise AssertionError("too few employers for the regional contracts")
        chosen, pools[(path, kind)] = pool[:size], pool[size:]
        contracts.append(_contract(rng, today, "in_force", kind, path, union_id, employer=None,
                                   workers=sum(w for _e, _p, w in chosen), reach=Reach.REGIONAL))
        groups.append((kind, chosen))
    ids = bulk_insert(CollectiveContract, contracts)
    rows = [{"contract_id": cid, "employer_id": e, "org_path": p, "workers_covered": max(1, w // 2),
             "kind_id": kind, "own": False, "in_force": True}
            for cid, (kind, chosen) in zip(ids, groups, strict=True) for e, p, w in chosen]
    for start in range(0, len(rows), BATCH):
        bulk_insert(Coverage, rows[start:start + BATCH])


def _rebuild_rollup() -> None:
    """What `refresh_employer_coverage` writes, for every employer at once."""
    EmployerCoverage.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute(f"""
            INSERT INTO {EmployerCoverage._meta.db_table}
                (employer_id, org_path, workers_covered, contracts, has_wage, has_own)
            SELECT c.employer_id, MIN(c.org_path),
                   COALESCE(MAX(CASE WHEN c.own THEN c.workers_covered END), MAX(c.workers_covered)), COUNT(*),
                   MAX(CASE WHEN k.is_wage THEN 1 ELSE 0 END) = 1, MAX(CASE WHEN c.own THEN 1 ELSE 0 END) = 1
            FROM {Coverage._meta.db_table} c JOIN {ContractKind._meta.db_table} k ON k.id = c.kind_id
            WHERE c.in_force GROUP BY c.employer_id""")


def bench_coverage(root: TradeUnion) -> None:
    def ours() -> tuple[int, int]:
        row = (EmployerCoverage.objects.filter(subtree_q("org_path", root.path))
               .aggregate(n=Count("pk"), workers=Sum("workers_covered")))
        return row["n"], row["workers"] or 0

    def from_contracts() -> tuple[int, int]:
        per_employer = (Coverage.objects.filter(subtree_q("org_path", root.path), in_force=True)
                        .values("employer_id")
                        .annotate(w=Coalesce(Max("workers_covered", filter=Q(own=True)), Max("workers_covered"))))
        row = per_employer.aggregate(n=Count("employer_id"), workers=Sum("w"))
        return row["n"], row["workers"] or 0

    mine, baseline = compare(ours, from_contracts, runs=21, min_runs=5)
    n, workers = ours()
    REPORT.figure("contract_coverage_root_ms", mine, baseline="group_coverage_rows_by_employer",
                  baseline_times=baseline, target="<= 50", ratio_target=">= 10", employers_covered=n,
                  workers_covered=workers)


def bench_sweep() -> None:
    t = time.perf_counter()
    result = contract_sweep(actor=SYSTEM, today=timezone.localdate())
    took = time.perf_counter() - t
    if (result.took_effect, result.reminded, result.expired) != (TAKE_EFFECT, REMIND, EXPIRE):
        raise AssertionError(f"the sweep did {result}, expected {(TAKE_EFFECT, REMIND, EXPIRE)}")
    REPORT.figure("contract_sweep_s", [took], unit="s", target="<= 5", contracts=CONTRACTS,
                  took_effect=result.took_effect, reminded=result.reminded, expired=result.expired)


def main() -> None:
    log(f"building on {connection.vendor}")
    root = build()
    load_contracts()
    bench_coverage(root)
    bench_sweep()
    REPORT.write(BENCH_DIR)


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

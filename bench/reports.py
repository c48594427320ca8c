"""Metric layer benchmark at province scale: the province dashboard's headline figures read from the
stored figures against computing them live in the same run, and the first page of the rows behind a
figure at the root.

    .venv/bin/python bench/reports.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/reports.py   # a fresh gonghui_bench_reports database

Loaded in bulk (not through the services): GONGHUI_BENCH_UNIONS unions (100,000), GONGHUI_BENCH_MEMBERS
members (1,000,000) and GONGHUI_BENCH_CASES 12351 cases (1,000,000) over the last two years; the other
domains' tables are empty here (their metrics are still read, each one query on an empty index), so
the live baseline is a lower bound of what a full province costs.

- metric_refresh_s: the scheduled refresh of every metric, every union above grassroots level and the
  six standard periods (one grouped query per metric, period and depth).
- dashboard_root_ms: every registered metric's figure for the province root and this year, from the
  stored figures (figures_at: one query for all of them). Baseline: the same figures computed live
  from the rows; ratio = its time / ours. Both must give the same numbers.
- metric_drilldown_first_page_ms: the first 50 rows behind 会员人数 at the root (keyset page).
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # run as a script, bench/ itself is on sys.path, not the project

from bench.support.harness import Report, compare, log, throwaway_database, timed  # noqa: E402

PROVINCE = "510000"
UNIONS = int(os.environ.get("GONGHUI_BENCH_UNIONS", "100000"))
MEMBERS = int(os.environ.get("GONGHUI_BENCH_MEMBERS", "1000000"))
CASES = int(os.environ.get("GONGHUI_BENCH_CASES", "1000000"))
SEED = 2026

cleanup = throwaway_database("gonghui_bench_reports")
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.support.members import load_members  # noqa: E402
from bench.support.province import ProvinceGenerator, Shape  # noqa: E402
from gonghui.cases.choices import Channel, Kind, Status  # noqa: E402
from gonghui.cases.models import Case  # noqa: E402
from gonghui.core.bulk_insert import bulk_insert  # noqa: E402
from gonghui.core.metrics import all_metrics  # noqa: E402
from gonghui.core.periods import Period  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import TradeUnion  # noqa: E402
from gonghui.orgs.scope import Scope, SystemActor  # noqa: E402
from gonghui.orgs.services.bulk import tree_bulk_load  # noqa: E402
from gonghui.orgs.services.regions import regions_load  # noqa: E402
from gonghui.reports.metrics import figure, figures_at  # noqa: E402
from gonghui.reports.metrics.reading import rows_page  # noqa: E402
from gonghui.reports.metrics.rollup import refresh_metric_figures  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("reports")
BATCH = 50_000


def build() -> TradeUnion:
    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    regions_load(actor=SYSTEM)
    spec = ProvinceGenerator(PROVINCE, SEED).build(Shape(total=UNIONS, small_county=60, small_townships=3))
    tree_bulk_load(actor=SYSTEM, parent=None, nodes=[spec])
    members = load_members(MEMBERS, SEED, SYSTEM)
    log(f"{TradeUnion.objects.count()} unions, {members} members in {time.perf_counter() - t:.0f} s")
    return TradeUnion.objects.get(parent__isnull=True)


def load_cases(province: TradeUnion) -> None:
    """Cases received over the last two years, handled by county and township unions, most closed."""
    rng = random.Random(SEED)
    handlers = list(TradeUnion.objects.filter(level__in=(Level.COUNTY, Level.TOWNSHIP)).values_list("pk", "path"))
    now = timezone.now()
    statuses = [Status.CLOSED] * 6 + [Status.RESOLVED, Status.CALLED_BACK, Status.IN_PROGRESS, Status.DISPATCHED]
    t = time.perf_counter()
    with transaction.atomic():
        for start in range(0, CASES, BATCH):
            rows = []
            for i in range(start, min(CASES, start + BATCH)):
                pk, path = handlers[rng.randrange(len(handlers))]
                received = now - datetime.timedelta(minutes=rng.randrange(1, 2 * 365 * 1440))
                status = rng.choice(statuses)
                done = status in (Status.CLOSED, Status.RESOLVED, Status.CALLED_BACK)
                rows.append({"number": f"B{i:09d}", "status": status, "kind": rng.choice(Kind.values),
                             "channel": rng.choice(Channel.values), "category": "wages", "caller_name": "匿名",
                             "anonymous": True, "description": "拖欠工资", "intake_union_id": province.pk,
                             "handling_union_id": pk, "org_path": path, "received_at": received,
                             "due_at": received + datetime.timedelta(days=15),
                             "resolved_at": received + datetime.timedelta(days=rng.randrange(1, 20)) if done else None,
                             "money_recovered": rng.randrange(0, 20_000) if done else 0,
                             "created_at": received, "updated_at": received})
            bulk_insert(Case, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"{CASES} cases in {time.perf_counter() - t:.0f} s")


def bench_refresh() -> None:
    t = time.perf_counter()
    rows = refresh_metric_figures(actor=SYSTEM)
    seconds = time.perf_counter() - t
    REPORT.figure("metric_refresh_s", [seconds], unit="s", stored_figures=rows)


def bench_dashboard(root: TradeUnion) -> None:
    period, everything = Period.year(timezone.localdate().year), Scope.all()
    names = [m.name for m in all_metrics()]

    def stored() -> list[object]:
        found = figures_at(names, scope=everything, under=root.path, period=period, stored_above=0)
        return [found[n].value for n in names]

    def live() -> list[object]:
        return [figure(n, scope=everything, under=root.path, period=period).value for n in names]

    ours, baseline = compare(stored, live, runs=21, min_runs=3, budget_s=60)
    REPORT.figure("dashboard_root_ms", ours, baseline="every headline figure computed live from the rows",
                  baseline_times=baseline, target="<= 200", ratio_target=">= 10", figures=len(names))


def bench_drilldown(root: TradeUnion) -> None:
    period = Period.year(timezone.localdate().year)

    def first_page() -> None:
        rows_page("members.total", scope=Scope.all(), union=root, period=period)

    first_page()
    REPORT.figure("metric_drilldown_first_page_ms", [timed(first_page) for _ in range(21)], target="<= 50")


def main() -> None:
    log(f"building on {connection.vendor}")
    root = build()
    load_cases(root)
    bench_refresh()
    bench_dashboard(root)
    bench_drilldown(root)
    REPORT.write(BENCH_DIR)


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

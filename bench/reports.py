"""Metric layer benchmark at province scale: the province dashboard's headline figures read from the
stored figures against computing them live in the same run, and the first page of the rows behind a
figure at the root.

    .venv/bin/python bench/reports.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/reports.py   # a fresh gonghui_bench_reports database

Loaded in bulk (not through the services): GONGHUI_BENCH_UNIONS unions (100,000), GONGHUI_BENCH_MEMBERS
members (1,000,000), GONGHUI_BENCH_CASES 12351 cases (1,000,000) over the last two years,
GONGHUI_BENCH_CONTRACTS collective contracts (120,000, one per employer, over three years) and
GONGHUI_BENCH_FILES hardship files (100,000); the other domains' tables are empty here (their metrics
are still read, each one query on an empty index), so the live baseline is a lower bound of what a
full province costs.

- metric_refresh_s: the scheduled refresh of every metric, every union above grassroots level and the
  six standard periods (one grouped query per metric, period and depth).
- dashboard_root_ms: every registered metric's figure for the province root and this year, from the
  stored figures (figures_at: one query for all of them). Baseline: the same figures computed live
  from the rows; ratio = its time / ours. Both must give the same numbers.
- metric_drilldown_first_page_ms: the first 50 rows behind 会员人数 at the root (keyset page).
- annual_stats_province_s: the 统计年报 of the last statistical year for the whole province: every
  return opened and pre-filled from the records (批量预填 at the root), the grassroots returns signed
  (代为签报), then level by level each return summed from its children's and signed (代为签报 of
  the level), and the root's own return summed (`return_aggregate`) and signed (`return_sign`). What cadres type by
  hand (employees, finance, staff) is written before the clock starts and reported apart. Baseline:
  opening the grassroots returns one at a time (`return_open`) for a sample, scaled to all of them.
"""

import os
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
CONTRACTS = int(os.environ.get("GONGHUI_BENCH_CONTRACTS", "120000"))
FILES = int(os.environ.get("GONGHUI_BENCH_FILES", "100000"))
SAMPLE = 200  # grassroots returns opened one at a time for the baseline
SEED = 2026

# GONGHUI_BENCH_REUSE=1: measure again on the database a run kept (GONGHUI_BENCH_KEEP=1), migrated to
# this code, without the twenty minutes of loading; GONGHUI_BENCH_DB names another database of the same
# bulk province (the load shape's primary, `gonghui`, with its keys.env).
REUSE = os.environ.get("GONGHUI_BENCH_REUSE") == "1"
cleanup = throwaway_database(os.environ.get("GONGHUI_BENCH_DB", "gonghui_bench_reports"), reuse=REUSE)
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.support.province import Shape  # noqa: E402
from bench.support.province_load import load_province  # noqa: E402
from gonghui.core.bulk_insert import bulk_insert  # noqa: E402
from gonghui.core.metrics import all_metrics  # noqa: E402
from gonghui.core.periods import Period  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import TradeUnion  # noqa: E402
from gonghui.orgs.scope import Scope, SystemActor  # noqa: E402
from gonghui.reports.metrics import figure, figures_at  # noqa: E402
from gonghui.reports.metrics.reading import rows_page  # noqa: E402
from gonghui.reports.metrics.rollup import refresh_metric_figures  # noqa: E402
from gonghui.reports.stats import bulk, services  # noqa: E402
from gonghui.reports.stats.choices import ReturnStatus  # noqa: E402
from gonghui.reports.stats.models import StatField, StatReturn, StatValue  # noqa: E402
from gonghui.reports.stats.selectors import reporting_year  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("reports")
BATCH = 50_000


def build() -> TradeUnion:
    return load_province(unions=UNIONS, members=MEMBERS, contracts=CONTRACTS, files=FILES, cases=CASES, seed=SEED,
                         province=PROVINCE, shape=Shape(total=UNIONS, small_county=60, small_townships=3),
                         actor=SYSTEM)


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


# What a cadre types by hand so that every check passes, from the pre-filled 会员人数 and 覆盖职工.
GRASSROOTS_HAND = {"A02": 0.4, "A03": 0.2, "A04": 0.1, "C02": 5, "C03": 2, "E02": 500,
                   "E03": 1500, "E04": 0, "E05": 0, "E06": 1800, "E07": 1000, "E08": 300, "E09": 500, "E10": 0}
UPPER_HAND = {"V01": 8, "V02": 10, "V11": 200_000, "V12": 180_000, "V13": 50_000}


def _type_by_hand(year: int) -> None:
    """Every return's hand fields, as the cadres would have typed them (not timed)."""
    if connection.vendor == "postgresql":
        # The returns and values were written a moment ago: without fresh statistics the planner takes
        # them for the near-empty tables it last saw and joins them in nested loops for many minutes.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE reports_statreturn, reports_statvalue")
    fields = {(f.form.kind, f.code): f.pk for f in StatField.objects.select_related("form").order_by("form__version")}
    counted: dict[int, int] = {}  # the larger of 会员人数 (B01) and 集体合同覆盖职工 (D04), from the records
    for ret_id, value in StatValue.objects.filter(ret__year=year, field__code__in=("B01", "D04")).values_list(
            "ret_id", "value"):
        counted[ret_id] = max(counted.get(ret_id, 0), int(value or 0))
    rows = []
    for ret_id, kind in StatReturn.objects.filter(year=year).values_list("pk", "form__kind"):
        if kind == "upper":
            rows += [{"ret_id": ret_id, "field_id": fields[(kind, c)], "value": v} for c, v in UPPER_HAND.items()]
            continue
        employees = counted.get(ret_id, 0) + 10
        rows += [{"ret_id": ret_id, "field_id": fields[(kind, "A01")], "value": employees},
                 {"ret_id": ret_id, "field_id": fields[(kind, "E01")], "value": 2000},
                 {"ret_id": ret_id, "field_id": fields[(kind, "C01")], "text": "王芳"}]
        rows += [{"ret_id": ret_id, "field_id": fields[(kind, c)],
                  "value": int(employees * v) if isinstance(v, float) else v} for c, v in GRASSROOTS_HAND.items()]
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            bulk_insert(StatValue, rows[start:start + BATCH])
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE reports_statvalue")


def bench_annual_stats(root: TradeUnion) -> None:
    year = reporting_year()
    grassroots = list(TradeUnion.objects.filter(level=Level.GRASSROOTS).order_by("pk")[:SAMPLE])
    StatReturn.objects.filter(year=year).delete()  # a reused database holds the last run's returns

    def one_at_a_time() -> None:
        for union in grassroots:
            services.return_open(actor=SYSTEM, union=union, year=year)

    sample_s = timed(one_at_a_time) / 1000
    StatReturn.objects.filter(year=year).delete()
    t = time.perf_counter()
    opened = bulk.returns_prefill(actor=SYSTEM, union=root, year=year)
    prefill_s = time.perf_counter() - t
    typing = time.perf_counter()
    _type_by_hand(year)
    typing_s = time.perf_counter() - typing
    t = time.perf_counter()
    signed = bulk.returns_sign_on_behalf(actor=SYSTEM, union=root, year=year, level=Level.GRASSROOTS, name="王芳")
    upper = 0
    for level in (Level.TOWNSHIP, Level.COUNTY, Level.CITY):
        done = bulk.returns_sign_on_behalf(actor=SYSTEM, union=root, year=year, level=level, name="王芳")
        if signed.refused or done.refused:
            raise AssertionError(f"returns fail a check: {(signed.refused or done.refused)[0]}")
        upper += done.signed
    top = StatReturn.objects.get(union=root, year=year)
    top = services.return_aggregate(actor=SYSTEM, ret=top, version=top.version)
    services.return_sign(actor=SYSTEM, ret=top, version=top.version, name="王芳")
    seconds = prefill_s + time.perf_counter() - t
    top.refresh_from_db()
    members = StatValue.objects.get(ret=top, field__code="B01").value
    if top.status != ReturnStatus.SIGNED or members != figure("members.total", scope=Scope.all(), under=root.path,
                                                              period=Period.stat_year(year)).value:
        raise AssertionError(f"the province's return does not add up: {top.status}, 会员人数 {members}")
    grassroots_count = signed.signed
    baseline_s = sample_s / len(grassroots) * grassroots_count
    REPORT.figure("annual_stats_province_s", [seconds], unit="s", target="<= 120",
                  baseline=f"each grassroots return opened alone (sample of {len(grassroots)}, scaled)",
                  baseline_times=[baseline_s], returns=opened, grassroots=grassroots_count, upper=upper,
                  prefill_s=round(prefill_s, 1), typed_by_hand_s_not_counted=round(typing_s, 1))


def main() -> None:
    log(f"building on {connection.vendor}")
    if REUSE:
        call_command("migrate", verbosity=0, interactive=False)
        root = TradeUnion.objects.get(parent__isnull=True)
    else:
        root = build()
    bench_refresh()
    bench_dashboard(root)
    bench_drilldown(root)
    bench_annual_stats(root)
    REPORT.write(BENCH_DIR)


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

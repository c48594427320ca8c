"""荣誉 and 竞赛 benchmark at province scale: the nomination checks for a whole call, and a stage's
ranking, each against a baseline measured in the same run.

    .venv/bin/python bench/honours.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/honours.py   # a fresh gonghui_bench_honours database

- honours_screen_10k_s: the checks (open 12351 cases against the employer, wage arrears apart, no
  collective contract, the same honour of the same level within the kind's years, earlier honours,
  the 劳模 register) for 10,000 nominees of one call, against 1,000,000 cases, 155,000 employers
  and 100,000 earlier honours, as a provincial cadre's scope sees them (screen_nominations).
  Baseline: the same checks nominee by nominee (screen_one, what the nomination's page does), timed
  on a sample of GONGHUI_BENCH_SAMPLE nominees and scaled linearly to the whole list; on the sample
  both give the same findings.
- competition_rank_100k_ms: the first page and a deep page (four fifths of the way down) of the
  ranking of one stage of 100,000 scored entries, ties shared (competition_ranking). Baseline:
  loading the stage's scores, sorting and ranking them in Python, then the same two pages.
GONGHUI_BENCH_EMPLOYERS, GONGHUI_BENCH_CASES, GONGHUI_BENCH_HONOURS (earlier honours),
GONGHUI_BENCH_NOMINEES and GONGHUI_BENCH_ENTRIES scale it down for a quick try.
"""

import os
import random
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # run as a script, bench/ itself is on sys.path, not the project

from bench.support.harness import Report, compare, log, throwaway_database  # noqa: E402

PROVINCE = "510000"
UNIONS = int(os.environ.get("GONGHUI_BENCH_UNIONS", "3000"))
EMPLOYERS = int(os.environ.get("GONGHUI_BENCH_EMPLOYERS", "155000"))
CASES = int(os.environ.get("GONGHUI_BENCH_CASES", "1000000"))
HONOURS = int(os.environ.get("GONGHUI_BENCH_HONOURS", "100000"))
NOMINEES = int(os.environ.get("GONGHUI_BENCH_NOMINEES", "10000"))
SAMPLE = min(NOMINEES, int(os.environ.get("GONGHUI_BENCH_SAMPLE", "500")))
ENTRIES = int(os.environ.get("GONGHUI_BENCH_ENTRIES", "100000"))
COVERED_SHARE = 0.4  # employers with a collective contract in force
PER_PAGE = 50
SEED = 2026
NOTE = "machine shared with other engineers' test runs: medians carry their load, min is the quiet figure"

cleanup = throwaway_database("gonghui_bench_honours")
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.support.honours_data import (  # noqa: E402
    load_awards,
    load_cases,
    load_competition,
    load_coverage,
    load_nominations,
    unregistered_codes,
)
from bench.support.province import ProvinceGenerator, Shape  # noqa: E402
from gonghui.core.bulk_insert import bulk_insert  # noqa: E402
from gonghui.core.permissions import Perm  # noqa: E402
from gonghui.core.validators import credit_code_check_character  # noqa: E402
from gonghui.honours.models import Call, HonourNomination  # noqa: E402
from gonghui.honours.screening import screen_nominations, screen_one  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import Employer, TradeUnion  # noqa: E402
from gonghui.orgs.scope import Scope, SystemActor  # noqa: E402
from gonghui.orgs.services.bulk import tree_bulk_load  # noqa: E402
from gonghui.orgs.services.regions import regions_load  # noqa: E402
from gonghui.skills.competition_models import CompetitionEntry, CompetitionScore, CompetitionStage  # noqa: E402
from gonghui.skills.competition_selectors import competition_ranking  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("honours")
BATCH = 20_000


def build() -> TradeUnion:
    """The province's unions and employers (the generator's, topped up to EMPLOYERS as in
    bench/contracts.py)."""
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
                rows.append({"credit_code": body + credit_code_check_character(body), "name": f"基准单位{i}",
                             "name_initials": "jzdw", "union_id": pk, "org_path": path, "unionized": True,
                             "industry": "C", "ownership": "private", "region_id": region,
                             "employee_count": max(3, int(rng.lognormvariate(3.0, 1.1))),
                             "created_at": now, "updated_at": now})
            bulk_insert(Employer, rows)
    log(f"{TradeUnion.objects.count()} unions, {Employer.objects.count()} employers in "
        f"{time.perf_counter() - t:.0f} s")
    return TradeUnion.objects.get(parent__isnull=True)


def load() -> tuple[Call, CompetitionStage]:
    t = time.perf_counter()
    year = timezone.localdate().year
    employers = list(Employer.objects.order_by("pk").values_list("pk", "org_path", "credit_code"))
    random.Random(SEED).shuffle(employers)  # the skewed draws then favour employers all over the tree
    codes = unregistered_codes(2_000)
    load_cases(CASES, employers, codes, SEED)
    log(f"{CASES} cases in {time.perf_counter() - t:.0f} s")
    load_coverage(employers, COVERED_SHARE, SEED)
    honoured = load_awards(HONOURS, employers, year, SEED)
    call = load_nominations(NOMINEES, honoured, employers, codes, year, SEED)
    stage = load_competition(ENTRIES, employers, SEED)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    log(f"honours, nominees, coverage and {ENTRIES} competition entries loaded, all in "
        f"{time.perf_counter() - t:.0f} s")
    return call, stage


def _as_dicts(screening: Any) -> list[dict[str, Any]]:
    return [f.as_dict() for f in screening.findings]


def bench_screen(root: TradeUnion, call: Call) -> None:
    scope = Scope.of([root.path], Perm.HONOURS_MANAGE)
    nominations = HonourNomination.objects.filter(call=call)
    sample = random.Random(SEED).sample(list(nominations.only("pk")), SAMPLE)

    def ours() -> dict[int, Any]:
        return screen_nominations(scope=scope, nominations=nominations)

    def one_by_one() -> dict[int, Any]:
        return {n.pk: screen_one(scope=scope, nomination=n) for n in sample}

    found = ours()
    if len(found) != NOMINEES:
        raise AssertionError(f"screened {len(found)} nominees, expected {NOMINEES}")
    for pk, screening in one_by_one().items():
        if _as_dicts(screening) != _as_dicts(found[pk]):
            raise AssertionError(f"nomination {pk}: the list's checks and its own disagree")
    codes = Counter(code for s in found.values() for code in s.codes)
    mine, sampled = compare(ours, one_by_one, runs=5, min_runs=3, warmup=0, budget_s=0, check=False)
    scale = NOMINEES / SAMPLE
    REPORT.figure("honours_screen_10k_s", [t / 1000 for t in mine], unit="s", baseline="screen_one_per_nominee",
                  baseline_times=[t * scale / 1000 for t in sampled], target="<= 5", ratio_target=">= 10",
                  baseline_note=f"timed on {SAMPLE} of {NOMINEES} nominees, scaled linearly (x{scale:g})",
                  nominees=NOMINEES, cases=CASES, employers=EMPLOYERS, earlier_honours=HONOURS,
                  nominees_with=dict(sorted(codes.items())), note=NOTE)


def python_ranking(stage: CompetitionStage, pages: list[int]) -> list[tuple[int, int, Any]]:
    """What a first version would do: every score of the stage into Python, sorted and ranked
    there (ties share a place, the next place skips), then the pages sliced and their entries read."""
    rows = sorted(CompetitionScore.objects.filter(stage=stage).values_list("score", "entry_seq", "entry_id"),
                  key=lambda r: (-r[0], r[1]))
    ranked: list[tuple[int, int, Any]] = []
    rank = 0
    for i, (score, _seq, entry_id) in enumerate(rows):
        if i == 0 or score != rows[i - 1][0]:
            rank = i + 1
        ranked.append((rank, entry_id, score))
    out = [r for page in pages for r in ranked[(page - 1) * PER_PAGE:page * PER_PAGE]]
    entries = CompetitionEntry.objects.select_related("employer").in_bulk([r[1] for r in out])
    return [(rank, entries[entry_id].pk, score) for rank, entry_id, score in out]


def bench_ranking(root: TradeUnion, stage: CompetitionStage) -> None:
    scope = Scope.of([root.path], Perm.SKILLS_VIEW)
    deep = max(1, -(-ENTRIES // PER_PAGE) * 4 // 5)
    first_ms: list[float] = []
    deep_ms: list[float] = []

    def ours() -> list[tuple[int, int, Any]]:
        out = []
        for page, times in ((1, first_ms), (deep, deep_ms)):
            t = time.perf_counter()
            ranking = competition_ranking(scope=scope, stage=stage, page=page, per_page=PER_PAGE)
            times.append((time.perf_counter() - t) * 1000)
            out += [(r.rank, r.entry.pk, r.score) for r in ranking.rows]
        return out

    mine, baseline = compare(ours, lambda: python_ranking(stage, [1, deep]), runs=15, min_runs=5)
    runs = len(mine)
    REPORT.figure("competition_rank_100k_ms", mine, baseline="load_all_scores_sort_in_python",
                  baseline_times=baseline, target="<= 500", entries=ENTRIES, per_page=PER_PAGE,
                  pages=[1, deep], first_page_ms=round(sorted(first_ms[-runs:])[runs // 2], 3),
                  deep_page_ms=round(sorted(deep_ms[-runs:])[runs // 2], 3), note=NOTE)


def main() -> None:
    log(f"building on {connection.vendor}")
    root = build()
    call, stage = load()
    bench_ranking(root, stage)
    bench_screen(root, call)
    REPORT.write(BENCH_DIR)


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

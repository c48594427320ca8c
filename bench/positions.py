"""服务阵地 benchmark at province scale: near me, and the 15分钟服务圈 gap list, each against a baseline
measured in the same run.

    .venv/bin/python bench/positions.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/positions.py   # a fresh gonghui_bench_positions database

- nearest_open_ms: the 10 nearest open 工会驿站 around a random point of the province, open now
  (nearest_open: a growing box on the (kind, status, lat, lng) index, then exact distances), median
  over many points. Baseline: every open position of the kind read and its distance computed, sorted,
  then the same open test down the sorted list; both give the same ten.
- coverage_county_s: the gap list of one city's counties and towns (positions.coverage) over
  1,000,000 members, as the city federation's scope sees it. Its baseline is the same figures read
  area by area (one count of workers and one of stations per county and town), what a page built
  on per-area counts would do.
GONGHUI_BENCH_POSITIONS, GONGHUI_BENCH_MEMBERS and GONGHUI_BENCH_POINTS scale it down for a quick try.
"""

import datetime
import os
import random
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # run as a script, bench/ itself is on sys.path, not the project

from bench.support.harness import Report, compare, log, throwaway_database  # noqa: E402

PROVINCE = "510000"
UNIONS = int(os.environ.get("GONGHUI_BENCH_UNIONS", "3000"))
POSITIONS = int(os.environ.get("GONGHUI_BENCH_POSITIONS", "200000"))
MEMBERS = int(os.environ.get("GONGHUI_BENCH_MEMBERS", "1000000"))
POINTS = int(os.environ.get("GONGHUI_BENCH_POINTS", "200"))
STATION_SHARE = 0.4  # of positions, 工会驿站; the rest spread over the other kinds
NEW_FORM_SHARE = 0.15  # of members, 新就业形态 workers
SEED = 2026
NOTE = "machine shared with other engineers' test runs: medians carry their load, min is the quiet figure"

cleanup = throwaway_database("gonghui_bench_positions")
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.support.province import ProvinceGenerator, Shape  # noqa: E402
from gonghui.core.bulk_insert import bulk_insert  # noqa: E402
from gonghui.core.permissions import Perm  # noqa: E402
from gonghui.members.choices import EmploymentForm, MembershipStatus, NewFormGroup  # noqa: E402
from gonghui.members.models import Member  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import Employer, Region, TradeUnion  # noqa: E402
from gonghui.orgs.scope import Scope, SystemActor  # noqa: E402
from gonghui.orgs.services.bulk import tree_bulk_load  # noqa: E402
from gonghui.orgs.services.regions import regions_load  # noqa: E402
from gonghui.positions.choices import PositionStatus  # noqa: E402
from gonghui.positions.coverage import STATION_KINDS, coverage, workers_q  # noqa: E402
from gonghui.positions.geo.distance import haversine_m  # noqa: E402
from gonghui.positions.geo.places import centroids  # noqa: E402
from gonghui.positions.models import PositionHours, PositionKind, ServicePosition  # noqa: E402
from gonghui.positions.selectors import _open_ids, nearest_open  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("positions")
BATCH = 50_000
KIND = "station"


def build() -> TradeUnion:
    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    regions_load(actor=SYSTEM)
    spec = ProvinceGenerator(PROVINCE, SEED).build(Shape(total=UNIONS, small_county=60, small_townships=3))
    tree_bulk_load(actor=SYSTEM, parent=None, nodes=[spec])
    log(f"{TradeUnion.objects.count()} unions, {Employer.objects.count()} employers in "
        f"{time.perf_counter() - t:.0f} s")
    return TradeUnion.objects.get(parent__isnull=True)


def load_positions() -> None:
    """Positions jittered round the centroids of the province's counties (up to 15 km), owned by the
    county federation, a third on a town of the county; every one with weekly hours (24 h or 08–20)."""
    t = time.perf_counter()
    rng = random.Random(SEED)
    points = {c.code: (c.lat, c.lng) for c in centroids().by_code.values() if c.code.startswith(PROVINCE[:2])}
    counties = list(TradeUnion.objects.filter(level=Level.COUNTY, region_id__in=list(points))
                    .values_list("pk", "path", "region_id"))
    towns: dict[str, list[str]] = {}
    for code, parent in Region.objects.filter(level=Region.RegionLevel.TOWN, adcode__startswith=PROVINCE[:2]
                                              ).values_list("adcode", "parent_id"):
        towns.setdefault(parent, []).append(code)
    others = [k for k in PositionKind.objects.values_list("code", flat=True) if k != KIND]
    today = timezone.localdate()
    with transaction.atomic():
        for start in range(0, POSITIONS, BATCH):
            rows, hours = [], []
            for i in range(start, min(POSITIONS, start + BATCH)):
                owner, path, county = counties[rng.randrange(len(counties))]
                lat, lng = points[county]
                lat += rng.uniform(-0.12, 0.12)
                lng += rng.uniform(-0.14, 0.14)
                region = rng.choice(towns[county]) if county in towns and rng.random() < 0.33 else county
                status = PositionStatus.OPEN if rng.random() < 0.9 else PositionStatus.SUSPENDED
                rows.append({"name": f"基准阵地{i}", "kind_id": KIND if rng.random() < STATION_SHARE
                             else rng.choice(others), "owner_id": owner, "org_path": path, "region_id": region,
                             "county_code": county, "address": f"基准路{i}号", "lat": round(lat, 6),
                             "lng": round(lng, 6), "status": status, "opened_on": today - datetime.timedelta(
                                 days=rng.randrange(30, 2000)), "created_at": timezone.now()})
            ids = bulk_insert(ServicePosition, rows)
            for pk in ids:
                span = (0, 1440) if rng.random() < 0.6 else (480, 1200)
                hours += [{"position_id": pk, "weekday": d, "opens": span[0], "closes": span[1]} for d in range(7)]
            bulk_insert(PositionHours, hours)
    log(f"{POSITIONS} positions with hours in {time.perf_counter() - t:.0f} s")


def load_members() -> None:
    """Lean members: name, a unique blind index, the union and employer of a random employer, no
    encrypted identity (coverage never reads it); 15 % 新就业形态, a third of those with no employer."""
    t = time.perf_counter()
    rng = random.Random(SEED + 1)
    employers = list(Employer.objects.exclude(union__isnull=True).values_list("pk", "union_id", "org_path"))
    groups = [NewFormGroup.COURIER, NewFormGroup.FOOD_DELIVERY, NewFormGroup.TRUCK_DRIVER, NewFormGroup.RIDE_HAILING]
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, MEMBERS, BATCH):
            rows = []
            for i in range(start, min(MEMBERS, start + BATCH)):
                employer, union, path = employers[rng.randrange(len(employers))]
                new_form = rng.random() < NEW_FORM_SHARE
                rows.append({"name": f"职工{i}", "name_initials": "zg", "gender": "M", "id_type": "resident",
                             "id_number": "", "id_index": f"bench{i:012d}", "id_masked": "",
                             "employment_form": EmploymentForm.NEW_FORM if new_form else EmploymentForm.REGULAR,
                             "new_form_group": rng.choice(groups) if new_form else "",
                             "employer_id": None if new_form and rng.random() < 0.33 else employer,
                             "union_id": union, "org_path": path, "status": MembershipStatus.ACTIVE,
                             "created_at": now, "updated_at": now})
            bulk_insert(Member, rows)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    log(f"{MEMBERS} members in {time.perf_counter() - t:.0f} s")


def scan_nearest(lat: float, lng: float, at: datetime.datetime, limit: int = 10) -> list[int]:
    """Every open position of the kind, its distance, sorted; then the open test down the list."""
    rows = ServicePosition.objects.filter(kind_id=KIND, status=PositionStatus.OPEN).values_list("pk", "lat", "lng")
    ranked = sorted((haversine_m(lat, lng, float(a), float(b)), pk) for pk, a, b in rows)
    out: list[int] = []
    for start in range(0, len(ranked), 50):
        chunk = [pk for _d, pk in ranked[start:start + 50]]
        is_open = _open_ids(chunk, at)
        out += [pk for pk in chunk if pk in is_open]
        if len(out) >= limit:
            break
    return out[:limit]


def bench_nearest() -> None:
    rng = random.Random(SEED + 2)
    points = [c for c in centroids().by_code.values() if c.code.startswith(PROVINCE[:2])]
    at = timezone.now()
    probes = [(p.lat + rng.uniform(-0.1, 0.1), p.lng + rng.uniform(-0.1, 0.1))
              for p in (rng.choice(points) for _ in range(POINTS))]
    state = {"i": 0, "j": 0}

    def ours() -> list[int]:
        lat, lng = probes[state["i"] % len(probes)]
        state["i"] += 1
        return [n.position.pk for n in nearest_open(kind=KIND, lat=lat, lng=lng, at=at)]

    def scan() -> list[int]:
        lat, lng = probes[state["j"] % len(probes)]
        state["j"] += 1
        return scan_nearest(lat, lng, at)

    for lat, lng in probes[:5]:
        got = [n.position.pk for n in nearest_open(kind=KIND, lat=lat, lng=lng, at=at)]
        if got != scan_nearest(lat, lng, at):
            raise AssertionError("near me and the scan disagree")
    mine, baseline = compare(ours, scan, runs=POINTS, min_runs=15, warmup=0, budget_s=60, check=False)
    REPORT.figure("nearest_open_ms", mine, baseline="scan_every_position_of_the_kind", baseline_times=baseline,
                  target="<= 20", ratio_target=">= 20", positions=POSITIONS,
                  stations_open=ServicePosition.objects.filter(kind_id=KIND, status=PositionStatus.OPEN).count(),
                  points=len(mine), note=NOTE)


def per_area(scope: Scope, city: str) -> dict[str, tuple[int, int]]:
    """The baseline: one count of workers and one of stations per county and town of the city."""
    from django.db.models import CharField
    from django.db.models.functions import Coalesce

    out = {}
    areas = Region.objects.filter(adcode__startswith=city[:4]).filter(level__in=(3, 4)).values_list("adcode", flat=True)
    members = (Member.objects.visible_to(scope).filter(workers_q())
               .annotate(place=Coalesce("employer__region_id", "union__region_id", output_field=CharField())))
    stations = ServicePosition.objects.visible_to(scope).filter(kind_id__in=STATION_KINDS, status=PositionStatus.OPEN)
    for code in areas:
        n = members.filter(place__startswith=code).count()
        s = (stations.filter(region_id=code) if len(code) == 9 else stations.filter(county_code=code)).count()
        if n or s:
            out[code] = (n, s)
    return out


def bench_coverage(root: TradeUnion) -> None:
    city = TradeUnion.objects.filter(level=Level.CITY, region_id="510100").first() or \
        TradeUnion.objects.filter(level=Level.CITY).order_by("path").first()
    assert city is not None
    scope = Scope.of([city.path], Perm.POSITION_VIEW)
    code = city.region_id or "510100"

    def ours() -> dict[str, tuple[int, int]]:
        out = {}
        for county in coverage(scope=scope, division=code):
            for area in [county, *county.towns]:
                out[area.code] = (area.workers, area.stations)
        return out

    if ours() != per_area(scope, code):
        raise AssertionError("the gap list and the per-area counts disagree")
    counties = coverage(scope=scope, division=code)
    mine, baseline = compare(ours, lambda: per_area(scope, code), runs=5, min_runs=3, warmup=0, budget_s=0,
                             check=False)
    REPORT.figure("coverage_county_s", [t / 1000 for t in mine], unit="s", baseline="count_per_area",
                  baseline_times=[t / 1000 for t in baseline], target="<= 5", city=code, counties=len(counties),
                  towns=sum(len(c.towns) for c in counties), members=MEMBERS,
                  workers=sum(c.workers for c in counties), gaps=sum(c.gap == "none" for c in counties), note=NOTE)


def main() -> None:
    log(f"building on {connection.vendor}")
    root = build()
    load_positions()
    load_members()
    bench_nearest()
    bench_coverage(root)
    REPORT.write(BENCH_DIR)


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

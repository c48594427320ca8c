"""Every console and portal page at province size: server time and query count per page, beside a
trivial page in the same run.

    .venv/bin/python bench/pages.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/pages.py   # a fresh gonghui_bench_pages database
    .venv/bin/python bench/pages.py --full          # 100,000 unions and 1,000,000 members

The pages are the walk tests/test_query_counts.py checks (gonghui.testing.page_walk): every page a
GET renders with no input, a detail page on the newest row of its model. Each is rendered
GONGHUI_BENCH_RUNS times (7) through the test client, as the persona that may open it (the demo's
province admin first, then its system, security and audit administrators and hotline agent; a
member signed in through the portal's SMS login for the portal), with `/healthz` rendered between
runs as the baseline: the same middleware, session and login, no work.

By default the province is the `demo` command's, GONGHUI_BENCH_UNIONS (200) unions and
GONGHUI_BENCH_CASES (300) cases, every domain filled by its demo history. `--full` loads the
province of bench/support/province_load.py in bulk (100,000 unions, 1,000,000 members, 1,000,000 12351
cases, 120,000 collective contracts, 100,000 hardship files) with the demo's cadres: the orgs, members,
cases, contracts and hardship pages at full size, the other domains' tables empty.

Per page: p50 and p95 in ms and the query count of one more render (one JSON line each); the
figure: the worst page's p95 (`pages_worst_p95_ms`), its ratio to the /healthz p95 (`vs_healthz`).
"""

import os
import statistics
import sys
import time
from pathlib import Path

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # run as a script, bench/ itself is on sys.path, not the project

from bench.support.harness import Report, log, throwaway_database  # noqa: E402

FULL = "--full" in sys.argv[1:]
PROVINCE = "510000"
UNIONS = 100_000 if FULL else int(os.environ.get("GONGHUI_BENCH_UNIONS", "200"))
MEMBERS = 1_000_000 if FULL else 0
CASES = int(os.environ.get("GONGHUI_BENCH_CASES", "300"))
RUNS = int(os.environ.get("GONGHUI_BENCH_RUNS", "7"))
SEED = 2026
WORKER_PHONE = "13900009999"  # the portal member the bench admits and signs in as
PERSONAS = ("province", "sysadmin", "secadmin", "auditor", "hotline")

# GONGHUI_BENCH_REUSE=1 walks a database a run kept (GONGHUI_BENCH_KEEP=1) or the load bench's primary
# (GONGHUI_BENCH_DB=gonghui on its server, with its keys.env) without loading it again.
REUSE = os.environ.get("GONGHUI_BENCH_REUSE") == "1"
cleanup = throwaway_database(os.environ.get("GONGHUI_BENCH_DB", "gonghui_bench_pages"), reuse=REUSE)
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from gonghui.accounts import sms_backends  # noqa: E402
from gonghui.accounts.models import User  # noqa: E402
from gonghui.core.crypto import blind_index  # noqa: E402
from gonghui.members.models import Member  # noqa: E402
from gonghui.members.services.registry import member_admit  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import TradeUnion  # noqa: E402
from gonghui.orgs.scope import SystemActor  # noqa: E402
from gonghui.testing.page_walk import PORTAL, Page, pages  # noqa: E402
from gonghui.testing.world import make_person_id  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("pages")


def build() -> None:
    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    if REUSE and User.objects.filter(username=PERSONAS[0]).exists():
        log("reusing the kept province")
        if not Member.objects.filter(phone_index=blind_index(WORKER_PHONE)).exists():
            admit_worker()
        return
    if FULL:
        from bench.support.province_load import load_province

        load_province(unions=UNIONS, members=MEMBERS, contracts=120_000, files=100_000, cases=1_000_000, seed=SEED,
                      actor=SYSTEM, province=PROVINCE)
    else:
        call_command("demo", unions=UNIONS, cases=CASES, seed=SEED, quiet=True)
    admit_worker()
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    log(f"built {TradeUnion.objects.count()} unions on {connection.vendor} in {time.perf_counter() - t:.0f} s")


def admit_worker() -> None:
    grassroots = TradeUnion.objects.filter(level=Level.GRASSROOTS).order_by("path").first()
    member_admit(actor=SYSTEM, union=grassroots, data={
        "name": "王测试", "id_number": make_person_id(), "phone": WORKER_PHONE, "ethnicity": "汉族",
        "education": "大学本科", "household": "农村"})


def clients() -> dict[str, Client]:
    made = {}
    for username in PERSONAS:
        made[username] = Client()
        made[username].force_login(User.objects.get(username=username))
    portal = made[PORTAL] = Client()
    with override_settings(GONGHUI_SMS_BACKEND="gonghui.accounts.sms_backends.LocmemBackend"):
        portal.post("/portal/login/", {"phone": WORKER_PHONE})
        code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == WORKER_PHONE)
        if portal.post("/portal/login/code/", {"code": code}).status_code != 302:
            raise SystemExit("the bench's member could not sign in to the portal")
    return made


def who_opens(page: Page, url: str, made: dict[str, Client]) -> tuple[str, int]:
    """The first persona the page lets in, and the status it answers."""
    status = 0
    for who in (PORTAL,) if page.area == PORTAL else PERSONAS:
        status = made[who].get(url).status_code
        if status not in (403, 404):
            return who, status
    return who, status


def p95(times: list[float]) -> float:
    return statistics.quantiles(times, n=20, method="inclusive")[-1] if len(times) > 1 else times[0]


def timed_get(client: Client, url: str) -> float:
    t = time.perf_counter()
    client.get(url)
    return (time.perf_counter() - t) * 1000


def main() -> None:
    t0 = time.perf_counter()
    build()
    made = clients()
    healthz: list[float] = []
    worst: tuple[float, str, list[float]] = (0.0, "", [])
    skipped = []
    for page in pages():
        url = page.sample_url()
        who, status = who_opens(page, url, made)
        if status != 200:
            skipped.append(f"{page.name} {status}")
            continue
        client = made[who]
        times = []
        for _ in range(RUNS):
            times.append(timed_get(client, url))
            healthz.append(timed_get(client, "/healthz"))
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        high = p95(times)
        print(f'{{"bench": "pages", "page": "{page.name}", "url": "{url}", "as": "{who}", '
              f'"p50_ms": {statistics.median(times):.1f}, "p95_ms": {high:.1f}, "queries": {len(queries)}}}',
              flush=True)
        if high > worst[0]:
            worst = (high, page.name, times)
    log(f"not rendered (status): {', '.join(skipped) or 'none'}")
    base = p95(healthz)
    REPORT.figure("pages_worst_p95_ms", [worst[0]], baseline="healthz_p95", baseline_times=[base], page=worst[1],
                  vs_healthz=round(worst[0] / base, 1), pages=len(pages()) - len(skipped), runs_per_page=RUNS,
                  unions=UNIONS, members=MEMBERS or "demo")
    REPORT.write(BENCH_DIR)
    log(f"done in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

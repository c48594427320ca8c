"""The load bench's portal mix, in process: server time and query count of each of its pages beside
/healthz/stack (the load bench's ceiling) in the same run, without nginx, pgbouncer or Redis.

    .venv/bin/python bench/portal_pages.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/portal_pages.py   # a fresh gonghui_bench_portal_pages
    GONGHUI_BENCH_KEEP=1 ... then GONGHUI_BENCH_REUSE=1 ...  # keep the demo, time again without rebuilding

The world is the load bench's: the `demo` command's province (GONGHUI_BENCH_UNIONS, 60 as the
production shape), GONGHUI_DEBUG=0 (the cached template loader, no debug toolbar), a member of the
demo's registry with a phone signed in through the SMS login, one case of their own asked through
我要求助, and a cadre signed in for the ceiling, as bench/load.py runs it. The operations are
bench/support/load_mixes.PORTAL's, each as the load bench sends it: every portal request, the home
page and 困难自测 included, carries the signed-in worker's session cookie. The home page is timed
for a visitor without a session as well, as an extra row outside the mix.

Each page and /healthz/stack are timed alternately (harness.compare), GONGHUI_BENCH_RUNS (31)
times each; per page one JSON line: median and fastest ms, queries, and the ceiling's median over
the page's. The figure `portal_mix_ratio` is the ceiling's median over the mix's weighted mean: what
bench/load.py's `load_portal_ratio` would be if server time were all a request cost (target >= 0.5).
"""

import os
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # run as a script, bench/ itself is on sys.path, not the project

from bench.support.harness import Report, compare, log, throwaway_database  # noqa: E402

UNIONS = int(os.environ.get("GONGHUI_BENCH_UNIONS", "60"))
CASES = int(os.environ.get("GONGHUI_BENCH_CASES", "300"))
RUNS = int(os.environ.get("GONGHUI_BENCH_RUNS", "31"))
REUSE = os.environ.get("GONGHUI_BENCH_REUSE") == "1"
SEED = 2026
CADRE = "county"  # the load bench's hello mix runs as its cadres

cleanup = throwaway_database(os.environ.get("GONGHUI_BENCH_DB", "gonghui_bench_portal_pages"), reuse=REUSE)
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

import logging  # noqa: E402

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext, override_settings  # noqa: E402

from gonghui.accounts import sms_backends  # noqa: E402
from gonghui.accounts.models import User  # noqa: E402
from gonghui.members.models import Member, MemberCard  # noqa: E402

REPORT = Report("portal_pages")
logging.getLogger("gonghui.sms").setLevel(logging.ERROR)  # a case notice per 我要求助: not the figures
SELF_CHECK = "?household_size=3&household_income=2400&rigid_expenses=600"
ASK = {"kind": "complaint", "description": "2026年9月起被拖欠工资两个月，希望足额支付。（压测）",
       "employer_name": "压测测试公司", "caller_name": "压测", "consent": "on"}


def build() -> None:
    if REUSE and User.objects.filter(username=CADRE).exists():
        log("reusing the kept demo")
        return
    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    call_command("demo", unions=UNIONS, cases=CASES, seed=SEED, quiet=True)
    with connection.cursor() as cur:
        cur.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    log(f"built the demo ({UNIONS} unions) on {connection.vendor} in {time.perf_counter() - t:.0f} s")


def worker_phone() -> str:
    """A member of the registry with a phone and an active card, as load_setup picks (the first, not a
    random one, so runs compare)."""
    carded = MemberCard.objects.filter(status=MemberCard.Status.ACTIVE).values("member_id")
    member = Member.objects.exclude(phone_index="").filter(pk__in=carded).order_by("pk").first()
    if member is None:
        raise SystemExit("no member with a phone and a card in the demo")
    return str(member.phone)


def worker_client(phone: str) -> Client:
    client = Client()
    with override_settings(GONGHUI_SMS_BACKEND="gonghui.accounts.sms_backends.LocmemBackend",
                           GONGHUI_SMS_PHONE_PER_DAY=1000, GONGHUI_SMS_RESEND_SECONDS=0):
        client.post("/portal/login/", {"phone": phone})
        code = next(m.code for m in reversed(sms_backends.outbox) if m.phone == phone)
        if client.post("/portal/login/code/", {"code": code}).status_code != 302:
            raise SystemExit("the bench's member could not sign in to the portal")
    return client


def self_check_query(client: Client) -> str:
    """A filled 困难自测 as load_mixes.self_check_query fills it: the first area and cause offered."""
    import re

    page = client.get("/portal/hardship/check/").content.decode()
    area = re.search(r'name="area"[^>]*>.*?<option value="(\d+)"', page, re.S)
    cause = re.search(r'name="causes" value="([^"]+)"', page)
    if not area or not cause:
        raise SystemExit("the 困难自测 form has no area or cause to choose")
    return f"{SELF_CHECK}&area={area.group(1)}&causes={cause.group(1)}"


def asked(client: Client) -> Callable[[], int]:
    def post() -> int:
        answer = client.post("/portal/cases/new/", ASK)
        if answer.status_code != 302 or "/portal/cases/" not in answer.headers.get("Location", ""):
            raise SystemExit(f"我要求助 was not accepted: {answer.status_code}")
        return answer.status_code
    return post


def getter(client: Client, url: str) -> Callable[[], int]:
    def get() -> int:
        status = client.get(url).status_code
        if status != 200:
            raise SystemExit(f"{url} answered {status}")
        return status
    return get


def queries_of(fn: Callable[[], Any]) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def main() -> None:
    t0 = time.perf_counter()
    build()
    worker = worker_client(worker_phone())
    cadre = Client()
    cadre.force_login(User.objects.get(username=CADRE))
    location = worker.post("/portal/cases/new/", ASK).headers["Location"]  # a case of their own, for 查询进度
    ceiling = getter(cadre, "/healthz/stack")
    # (name, weight in the load bench's portal mix, operation); weight 0: shown, not in the mix.
    mix: list[tuple[str, int, Callable[[], int]]] = [
        ("home", 30, getter(worker, "/portal/")),
        ("查询进度", 20, getter(worker, location)),
        ("member card", 25, getter(worker, "/portal/card/")),
        ("困难自测", 22, getter(worker, "/portal/hardship/check/" + self_check_query(worker))),
        ("我要求助 submitted", 3, asked(worker)),
        ("home, visitor", 0, getter(Client(), "/portal/")),
    ]
    medians: dict[str, float] = {}
    for name, weight, op in mix:
        ours, base = compare(op, ceiling, runs=RUNS, budget_s=30.0, check=False)
        row = REPORT.figure(f"portal_{name}_ms", ours, baseline="healthz_stack", baseline_times=base,
                            queries=queries_of(op), healthz_queries=queries_of(ceiling), weight=weight)
        medians[name] = row["value"]
    ceiling_ms = statistics.median(compare(ceiling, ceiling, runs=RUNS, check=False)[0])
    weighted = sum(w * medians[n] for n, w, _ in mix if w) / sum(w for _, w, _ in mix if w)
    REPORT.figure("portal_mix_mean_ms", [weighted], baseline="healthz_stack", baseline_times=[ceiling_ms],
                  ratio_target=">= 0.5", mix_ratio=round(ceiling_ms / weighted, 2), unions=UNIONS)
    REPORT.write(BENCH_DIR)
    log(f"done in {time.perf_counter() - t0:.0f} s")


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

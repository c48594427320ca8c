"""12351 case engine benchmark: a call taken with its routing suggestion, and the overdue sweep over
a million open cases, each against a baseline measured in the same run.

    .venv/bin/python bench/cases.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/cases.py   # a fresh gonghui_bench_cases database

- case_intake_ms: per call, what the agent's confirmation costs: the routing suggestion (category,
  kind, place, handling union), then the intake written already classified and dispatched to the
  suggested union. Baseline: the same write without the suggestion (what routing adds).
- address_parse_10k_ms: reading the places out of a 10,000-character statement that names one every
  few words (a pasted page). Baseline: ten parses of its first 1,000 characters, what a parser
  linear in the text costs; ratio = that / ours (the old mention-by-mention comparison gave ~0.1).
- sla_sweep_1m_s: the overdue sweep with 1,000,000 open cases of which 10,000 just fell due.
  Baseline: a naive sweep that reads every open case and flags the due ones row by row; ratio =
  its time / ours. GONGHUI_BENCH_CASES scales the open cases down for a quick try.
"""

import csv
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
OPEN_CASES = int(os.environ.get("GONGHUI_BENCH_CASES", "1000000"))
DUE = max(1, OPEN_CASES // 100)
CALLS = 120
SEED = 2026

cleanup = throwaway_database("gonghui_bench_cases")
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.support.province import ProvinceGenerator, Shape  # noqa: E402
from gonghui.accounts.roles import RoleCode  # noqa: E402
from gonghui.accounts.services import grant_create, user_create  # noqa: E402
from gonghui.cases.choices import OPEN_STATUSES, Action, Status  # noqa: E402
from gonghui.cases.models import Case, CaseEvent, CaseNotification  # noqa: E402
from gonghui.cases.routing import route  # noqa: E402
from gonghui.cases.routing.address import region_index  # noqa: E402
from gonghui.cases.services import case_intake  # noqa: E402
from gonghui.cases.services.overdue import case_sweep_overdue  # noqa: E402
from gonghui.core.bulk_insert import bulk_insert  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import Employer, Region, TradeUnion  # noqa: E402
from gonghui.orgs.scope import SystemActor, scope_for  # noqa: E402
from gonghui.orgs.services.bulk import tree_bulk_load  # noqa: E402
from gonghui.orgs.services.regions import regions_load  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("cases")
LABELLED = BENCH_DIR.parent / "gonghui" / "cases" / "data" / "labelled_requests.csv"


def build() -> Any:
    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    regions_load(actor=SYSTEM)
    spec = ProvinceGenerator(PROVINCE, SEED).build(Shape(total=UNIONS, small_county=60, small_townships=3))
    tree_bulk_load(actor=SYSTEM, parent=None, nodes=[spec])
    province = TradeUnion.objects.get(parent__isnull=True)
    agent = user_create(actor=SYSTEM, username="bench_hotline", full_name="坐席", org=province,
                        password="Bench@Pass2026")  # noqa: S106
    grant_create(actor=SYSTEM, user=agent, role=RoleCode.HOTLINE_AGENT, org=province)
    log(f"{TradeUnion.objects.count()} unions, {Employer.objects.count()} employers in "
        f"{time.perf_counter() - t:.0f} s")
    return province, agent


def calls(rng: random.Random) -> list[dict[str, Any]]:
    """What callers say (the held-out statements), where (a county of the province), and for whom
    (a third name a known employer by credit code, a third by name, the rest an unknown one or, one
    call in six, none in the fields but a known one in what they say)."""
    with LABELLED.open(encoding="utf-8") as f:
        texts = [row["text"] for row in csv.DictReader(f) if row["split"] == "test"]
    counties = list(Region.objects.filter(adcode__startswith=PROVINCE[:2], level=3).select_related("parent"))
    employers = list(Employer.objects.order_by("?")[:CALLS])
    out = []
    for i in range(CALLS):
        county = rng.choice(counties)
        employer = employers[i % len(employers)]
        data: dict[str, Any] = {"caller_name": "张先生", "caller_phone": f"139{i:08d}", "kind": "complaint",
                                "description": texts[i % len(texts)],
                                "address": f"{county.parent.name if county.parent else ''}{county.name}建设路{i}号"}
        if i % 3 == 0:
            data["employer_credit_code"] = employer.credit_code
        elif i % 3 == 1:
            data["employer_name"] = employer.name
        elif i % 6 == 5:
            data["description"] = f"我在{employer.name}上班。{data['description']}"
        else:
            data["employer_name"] = f"某某劳务有限公司{i}"
        out.append(data)
    return out


def bench_intake(province: TradeUnion, agent: Any) -> None:
    scope = scope_for(agent, "case.view")
    batch = calls(random.Random(SEED))
    queue = iter(batch * 50)

    def take(routed: bool) -> None:
        data = dict(next(queue))
        data["caller_phone"] = f"13{random.randrange(10**9):09d}"
        if routed:
            r = route(scope=scope, centre=province, text=data["description"],
                      credit_code=data.get("employer_credit_code", ""), employer_name=data.get("employer_name", ""),
                      address=data["address"])
            category, kind, target = r.category, r.kind, r.union.union
        else:
            category, kind, target = "wages", "complaint", province
        # What the console's intake form does on the agent's confirmation: one service call.
        case_intake(actor=agent, union=province, data={**data, "kind": kind, "category": category},
                    difficulty="ordinary", dispatch_to=target if target.pk != province.pk else None)

    ours, plain = compare(lambda: take(True), lambda: take(False), runs=CALLS, min_runs=CALLS, budget_s=0,
                          check=False)
    REPORT.figure("case_intake_ms", ours, baseline="intake_without_routing", baseline_times=plain,
                  target="<= 20")


def bench_address() -> None:
    sentence = "我在四川省成都市武侯区一个工地上干活，老板拖欠工资，绵阳涪城区的工友也一样。"
    text = (sentence * (10_000 // len(sentence) + 1))[:10_000]
    index = region_index()
    ours, tenth = compare(lambda: index.parse(text, default_province=PROVINCE),
                          lambda: [index.parse(text[:1_000], default_province=PROVINCE) for _ in range(10)],
                          check=False)
    REPORT.figure("address_parse_10k_ms", ours, baseline="ten_parses_of_1k_chars", baseline_times=tenth,
                  ratio_target=">= 0.7")


# --- the sweep ---------------------------------------------------------------------------------

def load_open_cases(province: TradeUnion) -> None:
    """A million open cases through the bulk writer: handled by county and township unions, due
    over the next month, but DUE of them that fell due in the last day (not yet escalated)."""
    rng = random.Random(SEED)
    handlers = list(TradeUnion.objects.filter(level__in=(Level.COUNTY, Level.TOWNSHIP)).values_list("pk", "path"))
    now = timezone.now()
    statuses = [Status.DISPATCHED, Status.ACCEPTED, Status.IN_PROGRESS, Status.IN_PROGRESS, Status.CLASSIFIED]
    t = time.perf_counter()
    with transaction.atomic():
        for start in range(0, OPEN_CASES, 50_000):
            rows = []
            for i in range(start, min(OPEN_CASES, start + 50_000)):
                pk, path = handlers[i % len(handlers)]
                due = now - datetime.timedelta(minutes=rng.randrange(1, 1200)) if i % (OPEN_CASES // DUE) == 0 \
                    else now + datetime.timedelta(minutes=rng.randrange(10, 43_200))
                received = due - datetime.timedelta(days=5)
                number = f"12351-{2024 + i // 900_000}-{i % 900_000 + 1:06d}"
                rows.append({"number": number, "status": rng.choice(statuses), "category": "wages",
                             "difficulty": "hard", "caller_name": "匿名", "anonymous": True,
                             "description": "拖欠工资", "intake_union_id": province.pk, "handling_union_id": pk,
                             "org_path": path, "due_at": due, "received_at": received, "created_at": received,
                             "updated_at": received})
            bulk_insert(Case, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"{OPEN_CASES} open cases, {Case.objects.filter(due_at__lte=now).count()} due, in "
        f"{time.perf_counter() - t:.0f} s")


def naive_sweep(now: datetime.datetime) -> int:
    """Read every open case and flag the due ones one at a time, as a first version would."""
    marked = 0
    for case in Case.objects.filter(status__in=OPEN_STATUSES).only("pk", "status", "due_at", "overdue") \
            .iterator(chunk_size=10_000):
        if not case.overdue and case.due_at is not None and case.due_at <= now:
            with transaction.atomic():
                Case.objects.filter(pk=case.pk, overdue=False).update(overdue=True)
                CaseEvent.objects.create(case_id=case.pk, action=Action.OVERDUE, old_status=case.status,
                                         actor_label="naive", at=now)
            marked += 1
    return marked


def reset(now: datetime.datetime) -> None:
    with transaction.atomic():
        Case.objects.filter(overdue=True).update(overdue=False)
        CaseNotification.objects.all().delete()
        CaseEvent.objects.filter(action=Action.OVERDUE).delete()


def bench_sweep() -> None:
    now = timezone.now()
    ours: list[float] = []
    naive: list[float] = []
    for run in range(3):
        reset(now)
        t = time.perf_counter()
        result = case_sweep_overdue(actor=SYSTEM, now=now)
        ours.append(time.perf_counter() - t)
        if result.marked != DUE or result.escalated:
            raise AssertionError(f"the sweep flagged {result.marked} (escalated {result.escalated}), expected {DUE}")
        if run < 1:  # the naive sweep takes minutes; one run says enough
            reset(now)
            t = time.perf_counter()
            if naive_sweep(now) != DUE:
                raise AssertionError("the naive sweep disagrees")
            naive.append(time.perf_counter() - t)
    REPORT.figure("sla_sweep_1m_s", ours, unit="s", baseline="naive_full_scan", baseline_times=naive,
                  target="<= 5", open_cases=OPEN_CASES, due=DUE)


def main() -> None:
    log(f"building on {connection.vendor}")
    province, agent = build()
    bench_intake(province, agent)
    bench_address()
    load_open_cases(province)
    bench_sweep()
    REPORT.write(BENCH_DIR)


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

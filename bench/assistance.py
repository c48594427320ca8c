"""Aid disbursement benchmark: a 送温暖 batch over 100,000 households in file, from selection
through the duplicate check to approval, against the same work done row by row in the same run.

    .venv/bin/python bench/assistance.py                 # SQLite, in a temporary file
    DATABASE_URL=postgres://... .venv/bin/python bench/assistance.py   # a fresh gonghui_bench_assistance database

- aid_batch_100k_s: the province's batch takes every household in file in the province (101,000,
  of which 1,000 were already aided this cycle by a grassroots union's earlier batch and are set
  aside), writes 100,000 grants, is submitted and approved against the budget. Baseline: one
  file at a time, two duplicate queries and an insert per person, then an approval that checks
  and commits each grant's amount against the budget one by one; ratio = its time / ours.
  GONGHUI_BENCH_FILES scales the batch down for a quick try.
"""

import datetime
import os
import random
import sys
import time
from decimal import Decimal
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH_DIR.parent))  # run as a script, bench/ itself is on sys.path, not the project

from bench.support.harness import Report, log, throwaway_database  # noqa: E402

PROVINCE = "510000"
UNIONS = int(os.environ.get("GONGHUI_BENCH_UNIONS", "2000"))
FILES = int(os.environ.get("GONGHUI_BENCH_FILES", "100000"))
AIDED_BEFORE = max(1, FILES // 100)
SEED = 2026

cleanup = throwaway_database("gonghui_bench_assistance")
os.environ["GONGHUI_DEBUG"] = "0"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.db.models import F  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.support.province import ProvinceGenerator, Shape  # noqa: E402
from gonghui.accounts.roles import RoleCode  # noqa: E402
from gonghui.accounts.services import grant_create, user_create  # noqa: E402
from gonghui.aid.choices import HOLDING, BatchStatus, GrantStatus  # noqa: E402
from gonghui.aid.models import AidBatch, AidBatchEvent, AidGrant, AidProgramme  # noqa: E402
from gonghui.aid.services import (  # noqa: E402
    batch_approve,
    batch_create,
    batch_select_eligible,
    batch_submit,
    campaign_create,
    programme_create,
)
from gonghui.assistance.choices import IN_FILE_STATUSES  # noqa: E402
from gonghui.assistance.models import HardshipFile  # noqa: E402
from gonghui.core.bulk_insert import bulk_insert  # noqa: E402
from gonghui.core.crypto import blind_index  # noqa: E402
from gonghui.core.idnumbers import mask_id, resident_check_character  # noqa: E402
from gonghui.orgs.choices import Level  # noqa: E402
from gonghui.orgs.models import TradeUnion  # noqa: E402
from gonghui.orgs.scope import SystemActor, subtree_q  # noqa: E402
from gonghui.orgs.services.bulk import tree_bulk_load  # noqa: E402
from gonghui.orgs.services.regions import regions_load  # noqa: E402

SYSTEM = SystemActor("bench")
REPORT = Report("assistance")
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌"


def cadre(username: str, union: TradeUnion, role: str) -> Any:
    user = user_create(actor=SYSTEM, username=username, full_name=username, org=union,
                       password="Bench@Pass2026")  # noqa: S106
    grant_create(actor=SYSTEM, user=user, role=role, org=union)
    return user


def build() -> tuple[TradeUnion, TradeUnion, Any, Any]:
    t = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    regions_load(actor=SYSTEM)
    spec = ProvinceGenerator(PROVINCE, SEED).build(Shape(total=UNIONS, small_county=60, small_townships=3))
    tree_bulk_load(actor=SYSTEM, parent=None, nodes=[spec])
    province = TradeUnion.objects.get(parent__isnull=True)
    grassroots = list(TradeUnion.objects.filter(level=Level.GRASSROOTS).order_by("path"))
    clerk = cadre("bench_clerk", province, RoleCode.UNION_ADMIN)
    reviewer = cadre("bench_reviewer", province, RoleCode.REVIEWER)
    log(f"{len(grassroots)} grassroots unions in {time.perf_counter() - t:.0f} s")
    return province, grassroots[0], clerk, reviewer


def load_files(grassroots: list[TradeUnion], first: TradeUnion) -> None:
    """FILES + AIDED_BEFORE households in file, written by the bulk writer into the registry's table;
    the AIDED_BEFORE extra ones all at `first`, whose own batch aids them before the measured one."""
    rng = random.Random(SEED)
    others = [u for u in grassroots if u.pk != first.pk]
    now = timezone.now()
    t = time.perf_counter()
    with transaction.atomic():
        for start in range(0, FILES + AIDED_BEFORE, 20_000):
            rows = []
            for serial in range(start, min(FILES + AIDED_BEFORE, start + 20_000)):
                union = first if serial >= FILES else others[serial % len(others)]
                born = datetime.date(1960, 1, 1) + datetime.timedelta(days=serial // 1000)
                body = f"510104{born:%Y%m%d}{serial % 1000:03d}"
                number = body + resident_check_character(body)
                name = rng.choice(SURNAMES) + "".join(rng.choice(GIVEN) for _ in range(rng.choice((1, 2))))
                rows.append({
                    "status": "filed", "worker_name": name, "worker_id_type": "resident",
                    "worker_id_number": number, "worker_id_index": blind_index(f"resident:{number}"),
                    "worker_id_masked": mask_id(number), "union_id": union.pk, "org_path": union.path,
                    "adcode": "510104", "hardship_class": rng.choice(("deep", "relative", "accident")),
                    "household_size": 3, "household_income": Decimal("18000.00"), "surveyed_at": now,
                    "filed_at": now, "created_at": now, "updated_at": now, "assessment_reasons": [],
                })
            bulk_insert(HardshipFile, rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    log(f"{FILES + AIDED_BEFORE} households in file in {time.perf_counter() - t:.0f} s")


def setup_programme(province: TradeUnion, first: TradeUnion, clerk: Any, reviewer: Any) -> Any:
    programme = programme_create(actor=SYSTEM, union=province, kind="winter_warmth", name="全省送温暖",
                                 fund_source="warmth_fund", budget="1000000000", standard_amount="500",
                                 standard_goods_value="200")
    campaign = campaign_create(actor=SYSTEM, programme=programme, year=2026, starts_on=datetime.date(2026, 1, 1),
                               ends_on=datetime.date(2026, 2, 28))
    earlier = batch_create(actor=clerk, campaign=campaign, union=first, title="基层先行慰问")
    if batch_select_eligible(actor=clerk, batch=earlier).added != AIDED_BEFORE:
        raise AssertionError("the earlier batch should aid the first union's households")
    batch_approve(actor=reviewer, batch=batch_submit(actor=clerk, batch=earlier))
    return campaign


def ours(campaign: Any, province: TradeUnion, clerk: Any, reviewer: Any) -> AidBatch:
    batch = batch_create(actor=clerk, campaign=campaign, union=province, title="全省春节送温暖")
    selection = batch_select_eligible(actor=clerk, batch=batch)
    if selection.added != FILES or len(selection.duplicates) != AIDED_BEFORE:
        raise AssertionError(f"selected {selection.added}, set aside {len(selection.duplicates)}")
    batch_submit(actor=clerk, batch=batch)
    return batch_approve(actor=reviewer, batch=batch)


def row_by_row(campaign: Any, province: TradeUnion, clerk: Any, reviewer: Any) -> AidBatch:
    """What a first version would do: a file at a time, its two duplicate questions and its insert,
    then an approval that checks and commits each grant against the budget."""
    batch = batch_create(actor=clerk, campaign=campaign, union=province, title="逐条")
    programme = campaign.programme
    dedup, cycle = programme.dedup_key, campaign.cycle_key
    added = 0
    with transaction.atomic():
        files = HardshipFile.objects.filter(subtree_q("org_path", province.path), status__in=IN_FILE_STATUSES)
        for f in files.select_related("member").order_by("pk").iterator(chunk_size=2000):
            person, household = "id:" + f.worker_id_index, "hh:" + f.worker_id_index
            held = AidGrant.objects.filter(dedup_key=dedup, cycle_key=cycle, status__in=HOLDING)
            if held.filter(person_index=person).exists() or held.filter(household_key=household,
                                                                         household_once=True).exists():
                continue
            AidGrant.objects.create(
                batch=batch, programme=programme, campaign=campaign, union=province, org_path=province.path,
                dedup_key=dedup, cycle_key=cycle, hardship_file=f, group="hardship", is_member=f.member_id is not None,
                name=f.worker_name, id_masked=f.worker_id_masked, person_index=person, household_key=household,
                cash=programme.standard_amount, goods_value=programme.standard_goods_value,
                fund_source=programme.fund_source, payee_name=f.worker_name, granted_on=batch.granted_on,
                created_at=timezone.now())
            added += 1
    if added != FILES:
        raise AssertionError(f"row by row selected {added}")
    batch_submit(actor=clerk, batch=batch)
    # Each grant approved in its own transaction, as a per-row service would: lock the programme,
    # check the remaining budget, commit the amount. (In one transaction PostgreSQL would also walk
    # the programme row's growing chain of versions, which is not the cost being measured.)
    total = Decimal(0)
    ids = list(AidGrant.objects.filter(batch=batch, status=GrantStatus.PENDING).values_list("pk", flat=True))
    for pk in ids:
        with transaction.atomic():
            grant = AidGrant.objects.get(pk=pk)
            locked = AidProgramme.objects.select_for_update().get(pk=programme.pk)
            amount = grant.cash + grant.goods_value
            if locked.committed + amount > locked.budget:
                raise AssertionError("over budget")
            AidProgramme.objects.filter(pk=programme.pk).update(committed=F("committed") + amount)
            total += amount
    AidBatch.objects.filter(pk=batch.pk).update(status=BatchStatus.APPROVED, committed=total,
                                                approved_by=reviewer, approved_at=timezone.now())
    return batch


def reset(batch: AidBatch) -> None:
    """Take the measured batch away again, its commitment with it, so the next run starts alike."""
    batch.refresh_from_db()
    with transaction.atomic():
        AidProgramme.objects.filter(pk=batch.programme_id).update(committed=F("committed") - batch.committed)
        AidGrant.objects.filter(batch=batch).delete()
        AidBatchEvent.objects.filter(batch=batch).delete()
        AidBatch.objects.filter(pk=batch.pk).delete()


def bench_batch(campaign: Any, province: TradeUnion, clerk: Any, reviewer: Any) -> None:
    mine: list[float] = []
    naive: list[float] = []
    for run in range(3):
        t = time.perf_counter()
        batch = ours(campaign, province, clerk, reviewer)
        mine.append(time.perf_counter() - t)
        log(f"run {run + 1}: ours {mine[-1]:.1f} s")
        reset(batch)
        if run < 1:  # the row-by-row version takes minutes; one run says enough
            t = time.perf_counter()
            batch = row_by_row(campaign, province, clerk, reviewer)
            naive.append(time.perf_counter() - t)
            reset(batch)
            log(f"run {run + 1}: row by row {naive[-1]:.1f} s")
    REPORT.figure("aid_batch_100k_s", mine, unit="s", baseline="row_by_row", baseline_times=naive,
                  target="<= 10", files=FILES, set_aside=AIDED_BEFORE)


def main() -> None:
    log(f"building on {connection.vendor}")
    province, first, clerk, reviewer = build()
    grassroots = list(TradeUnion.objects.filter(level=Level.GRASSROOTS))
    load_files(grassroots, first)
    campaign = setup_programme(province, first, clerk, reviewer)
    bench_batch(campaign, province, clerk, reviewer)
    REPORT.write(BENCH_DIR)


if __name__ == "__main__":
    try:
        main()
    finally:
        cleanup()

"""Domain records in bulk for the benchmarks that read across domains (bench/reports.py, the province of
bench/support/province_load.py): 12351 cases, employers
under grassroots unions, their own collective contracts over the last three years, and hardship
files. Written straight into the tables (not through the services), as a migration of a province's
existing records would be; the values are spread so that every metric over them has rows in every
period the benchmarks read."""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.assistance.models import HardshipFile
from gonghui.cases.choices import Channel, Kind
from gonghui.cases.choices import Status as CaseStatus
from gonghui.cases.models import Case
from gonghui.contracts.choices import IN_FORCE, Reach, Status
from gonghui.contracts.models import CollectiveContract, ContractKind, Coverage
from gonghui.contracts.services.coverage import refresh_employer_coverage
from gonghui.core.bulk_insert import bulk_insert
from gonghui.core.crypto import blind_index
from gonghui.core.idnumbers import mask_id, resident_check_character
from gonghui.core.validators import credit_code_check_character
from gonghui.orgs.choices import Level
from gonghui.orgs.models import Employer, TradeUnion

BATCH = 20_000


def _grassroots() -> list[tuple[int, str, str | None]]:
    return list(TradeUnion.objects.filter(level=Level.GRASSROOTS).values_list("pk", "path", "region_id"))


def load_employers(count: int, seed: int, province: str) -> int:
    """One employer per grassroots union first (a union is founded in an employer), then the rest at random."""
    rng = random.Random(seed)
    unions = _grassroots()
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, count, BATCH):
            rows = []
            for i in range(start, min(count, start + BATCH)):
                pk, path, region = unions[i] if i < len(unions) else unions[rng.randrange(len(unions))]
                body = f"91{(region or province)[:6]}{700_000_000 + i:09d}"
                rows.append({"credit_code": body + credit_code_check_character(body), "name": f"基准单位{i}",
                             "name_initials": "jzdw", "union_id": pk, "org_path": path, "unionized": True,
                             "industry": "C", "ownership": "private", "region_id": region,
                             "employee_count": max(3, int(rng.lognormvariate(3.0, 1.1))),
                             "created_at": now, "updated_at": now})
            bulk_insert(Employer, rows)
    return count


def load_contracts(count: int, seed: int) -> int:
    """Own contracts of distinct employers, signed over the last three years: most filed and in force,
    some expired, some still being negotiated (no dates yet). Each covers its employer (a coverage row,
    in force while the contract is) and the per-employer rollup the figures read is computed, as the
    services leave it: without them every unionised employer counted as having no wage contract."""
    rng = random.Random(seed)
    today = timezone.localdate()
    kinds = list(ContractKind.objects.order_by("pk").values_list("pk", flat=True))
    paths = dict(TradeUnion.objects.values_list("pk", "path"))
    employers = list(Employer.objects.order_by("pk")
                     .values_list("pk", "union_id", "employee_count", "org_path")[:count])
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, len(employers), BATCH):
            batch = employers[start:start + BATCH]
            rows = [_contract(rng, today, now, kinds[i % len(kinds)], paths[union_id], union_id, employer, workers)
                    for i, (employer, union_id, workers, _path) in enumerate(batch, start)]
            ids = bulk_insert(CollectiveContract, rows)
            bulk_insert(Coverage, [
                {"contract_id": pk, "employer_id": row["employer_id"], "workers_covered": row["workers_covered"],
                 "kind_id": row["kind_id"], "own": True, "in_force": row["status"] in IN_FORCE, "org_path": path}
                for pk, row, (_e, _u, _w, path) in zip(ids, rows, batch, strict=True)])
            refresh_employer_coverage(employer for employer, *_rest in batch)
    return len(employers)


def _contract(rng: random.Random, today: datetime.date, now: datetime.datetime, kind: int, path: str, union_id: int,
              employer: int, workers: int) -> dict[str, Any]:
    signed = today - datetime.timedelta(days=rng.randint(1, 3 * 365))
    row: dict[str, Any] = {"title": "基准合同", "kind_id": kind, "reach": Reach.EMPLOYER, "union_id": union_id,
                           "org_path": path, "employer_id": employer, "employer_side": "企业方", "offered_by": "union",
                           "offer_received_on": signed - datetime.timedelta(days=60),
                           "answer_due": signed - datetime.timedelta(days=40), "workers_covered": workers,
                           "created_at": now, "updated_at": now}
    if rng.random() < 0.1:
        return row | {"status": Status.NEGOTIATING}
    end = signed + datetime.timedelta(days=rng.choice([365, 730, 1095]) - 1)
    filed = signed + datetime.timedelta(days=rng.randint(1, 10)) if rng.random() < 0.9 else None
    effective = signed + datetime.timedelta(days=16)
    status = Status.EXPIRED if end < today else Status.PUBLISHED if filed else Status.SIGNED
    return row | {"status": status, "signed_on": signed, "filed_on": filed, "start_on": effective,
                  "end_on": end, "effective_on": effective if filed else None}


def load_hardship_files(count: int, seed: int) -> int:
    """Households filed over the last three years, a fifth of them since helped out of hardship."""
    rng = random.Random(seed)
    unions = _grassroots()
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, count, BATCH):
            rows: list[dict[str, Any]] = []
            for serial in range(start, min(count, start + BATCH)):
                pk, path, _region = unions[rng.randrange(len(unions))]
                born = datetime.date(1960, 1, 1) + datetime.timedelta(days=serial // 1000)
                body = f"510104{born:%Y%m%d}{serial % 1000:03d}"
                number = body + resident_check_character(body)
                filed = now - datetime.timedelta(days=rng.randint(1, 3 * 365))
                exited = filed + datetime.timedelta(days=rng.randint(30, 300)) if rng.random() < 0.2 else None
                rows.append({
                    "status": "watched" if exited and exited < now else "filed", "worker_name": "基准职工",
                    "worker_id_type": "resident", "worker_id_number": number,
                    "worker_id_index": blind_index(f"resident:{number}"), "worker_id_masked": mask_id(number),
                    "union_id": pk, "org_path": path, "adcode": "510104",
                    "hardship_class": rng.choice(("deep", "relative", "accident")), "household_size": 3,
                    "household_income": Decimal("18000.00"), "surveyed_at": filed, "filed_at": filed,
                    "exited_at": exited if exited and exited < now else None, "created_at": filed,
                    "updated_at": now, "assessment_reasons": []})
            bulk_insert(HardshipFile, rows)
    return count


def load_cases(count: int, seed: int, province: TradeUnion) -> int:
    """Cases received over the last two years, handled by county and township unions, most closed; the
    open ones (one in five) received in the last 45 days."""
    rng = random.Random(seed)
    handlers = list(TradeUnion.objects.filter(level__in=(Level.COUNTY, Level.TOWNSHIP)).values_list("pk", "path"))
    now = timezone.now()
    statuses = [CaseStatus.CLOSED] * 6 + [CaseStatus.RESOLVED, CaseStatus.CALLED_BACK, CaseStatus.IN_PROGRESS,
                                           CaseStatus.DISPATCHED]
    with transaction.atomic():
        for start in range(0, count, BATCH):
            rows = []
            for i in range(start, min(count, start + BATCH)):
                pk, path = handlers[rng.randrange(len(handlers))]
                status = rng.choice(statuses)
                done = status in (CaseStatus.CLOSED, CaseStatus.RESOLVED, CaseStatus.CALLED_BACK)
                # A case still open was asked recently: a province's open cases are its last weeks', not
                # a fifth of two years' (which made every open-case count of the console read 200,000 rows).
                received = now - datetime.timedelta(minutes=rng.randrange(1, (2 * 365 if done else 45) * 1440))
                rows.append({"number": f"B{i:09d}", "status": status, "kind": rng.choice(Kind.values),
                             "channel": rng.choice(Channel.values), "category": "wages", "caller_name": "匿名",
                             "anonymous": True, "description": "拖欠工资", "intake_union_id": province.pk,
                             "handling_union_id": pk, "org_path": path, "received_at": received,
                             "due_at": received + datetime.timedelta(days=15),
                             "resolved_at": received + datetime.timedelta(days=rng.randrange(1, 20)) if done else None,
                             "money_recovered": rng.randrange(0, 20_000) if done else 0,
                             "created_at": received, "updated_at": received})
            bulk_insert(Case, rows)
    return count

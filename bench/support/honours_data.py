"""The rows the honours benchmark screens against and ranks, written straight into the real tables
through the COPY writer: 12351 cases of every status and category against the registry's employers
(and some against employers it does not know, by credit code only), the contract rollup for a share
of employers, earlier honours with the 劳模 register they fed, a call with its nominees, and one
competition stage of scored entries.
"""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.cases.choices import Category, Status
from gonghui.cases.models import Case
from gonghui.contracts.models import EmployerCoverage
from gonghui.core.bulk_insert import bulk_insert
from gonghui.core.crypto import blind_index
from gonghui.core.idnumbers import mask_id, resident_check_character
from gonghui.core.validators import credit_code_check_character
from gonghui.honours.choices import AwardStatus, NominationStatus, NomineeType, WorkerCategory
from gonghui.honours.models import Award, AwardKind, Call, HonourNomination, ModelWorker
from gonghui.orgs.choices import Level
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.skills.competition_choices import CompetitionKind, CompetitionStatus, StageKind
from gonghui.skills.competition_models import Competition, CompetitionEntry, CompetitionScore, CompetitionStage

BATCH = 50_000
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰建国志红文斌鹏飞宇浩然"
# A third of the cases still open, as a hotline's book looks after a few years; a third about wages.
STATUSES = [Status.RESOLVED, Status.CALLED_BACK, Status.CLOSED, Status.CLOSED, Status.IN_PROGRESS,
            Status.ACCEPTED, Status.DISPATCHED, Status.RETURNED, Status.REOPENED]
CATEGORIES = [Category.WAGES] * 4 + [c for c in Category.values if c != Category.WAGES]


class Person:
    """A resident identity: the number, its blind index (as members.cleaning keys it) and mask;
    distinct serials below 14,000,000 give distinct numbers (the birth day, then the sequence code)."""

    def __init__(self, serial: int):
        born = datetime.date(1965, 1, 1) + datetime.timedelta(days=serial % 14_000)
        body = f"510104{born:%Y%m%d}{serial // 14_000 % 1000:03d}"
        self.number = body + resident_check_character(body)
        self.index = blind_index(f"resident:{self.number}")
        self.masked = mask_id(self.number)
        self.key = f"p:{self.index}"


def name_of(rng: random.Random) -> str:
    return rng.choice(SURNAMES) + "".join(rng.choices(GIVEN, k=rng.randint(1, 2)))


def unregistered_codes(n: int) -> list[str]:
    """Credit codes of employers the registry does not hold (a case or a nominee names them only)."""
    return [body + credit_code_check_character(body) for body in (f"91510000{700_000_000 + i:09d}"
                                                                   for i in range(n))]


def load_cases(total: int, employers: list[tuple[int, str, str]], codes: list[str], seed: int) -> None:
    """`total` cases: four in five against a registry employer (skewed: a few employers draw many),
    one in ten against an unregistered one by credit code, the rest naming none."""
    rng = random.Random(seed)
    handlers = list(TradeUnion.objects.filter(level__in=(Level.COUNTY, Level.TOWNSHIP)).values_list("pk", "path"))
    province = TradeUnion.objects.get(parent__isnull=True).pk
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, total, BATCH):
            rows = []
            for i in range(start, min(total, start + BATCH)):
                pk, path = handlers[i % len(handlers)]
                received = now - datetime.timedelta(minutes=rng.randrange(1, 60 * 24 * 1500))
                row: dict[str, Any] = {
                    "number": f"12351-{2020 + i // 900_000}-{i % 900_000 + 1:06d}", "status": rng.choice(STATUSES),
                    "category": rng.choice(CATEGORIES), "difficulty": "ordinary", "caller_name": "匿名",
                    "anonymous": True, "description": "诉求", "intake_union_id": province, "handling_union_id": pk,
                    "org_path": path, "due_at": received + datetime.timedelta(days=15), "received_at": received,
                    "created_at": received, "updated_at": received}
                which = rng.random()
                if which < 0.8:
                    e_pk, _e_path, code = employers[int(len(employers) * rng.random() ** 2)]
                    row.update(employer_id=e_pk, employer_credit_code=code)
                elif which < 0.9:
                    row["employer_credit_code"] = rng.choice(codes)
                rows.append(row)
            bulk_insert(Case, rows)


def load_coverage(employers: list[tuple[int, str, str]], share: float, seed: int) -> None:
    """The contract rollup (what refresh_employer_coverage keeps) for `share` of the employers."""
    rng = random.Random(seed)
    # Its key is the employer's, not a sequence's: the ORM's batch insert, not the COPY writer.
    rows = [EmployerCoverage(employer_id=pk, org_path=path, workers_covered=rng.randint(5, 500), contracts=1,
                             has_wage=rng.random() < 0.5, has_own=True)
            for pk, path, _code in employers if rng.random() < share]
    with transaction.atomic():
        EmployerCoverage.objects.bulk_create(rows, batch_size=5_000)


def load_awards(total: int, employers: list[tuple[int, str, str]], year: int, seed: int) -> list[Person]:
    """`total` earlier honours over the last fifteen years: nine in ten to people (some honoured
    twice), the rest to collectives; those of kinds entering the register put the person in it.
    Returns the people honoured, the nominees draw some of theirs from them."""
    rng = random.Random(seed)
    kinds = list(AwardKind.objects.values("pk", "honour", "level", "nominee_type", "enters_register", "name"))
    people_kinds = [k for k in kinds if k["nominee_type"] == NomineeType.PERSON]
    group_kinds = [k for k in kinds if k["nominee_type"] != NomineeType.PERSON]
    unions = dict(Employer.objects.filter(union__isnull=False).values_list("pk", "union_id"))
    paths = dict(TradeUnion.objects.values_list("pk", "path"))
    people = [Person(1_000_000 + i) for i in range(int(total * 0.9 * 0.85))]
    now = timezone.now()
    rows, register = [], {}
    for i in range(total):
        e_pk, _path, code = employers[rng.randrange(len(employers))]
        union = unions.get(e_pk) or next(iter(paths))
        won = year - rng.randint(1, 15)
        row: dict[str, Any] = {"year": won, "union_id": union, "org_path": paths[union], "employer_id": e_pk,
                               "employer_name": f"单位{e_pk}", "employer_credit_code": code,
                               "decision_number": f"{won}-{i}", "decided_on": datetime.date(won, 4, 28),
                               "status": AwardStatus.ACTIVE if rng.random() < 0.98 else AwardStatus.REVOKED,
                               "created_at": now, "updated_at": now}
        if i < total * 0.9:
            kind, person = rng.choice(people_kinds), people[i % len(people)]
            row.update(name=name_of(rng), id_index=person.index, id_masked=person.masked, nominee_key=person.key)
            if kind["enters_register"] and person.index not in register:
                register[person.index] = (person, row["name"], kind, won, row)
        else:
            kind = rng.choice(group_kinds)
            row.update(name=f"单位{e_pk}第{i}班组", nominee_key=f"c:{code}:单位{e_pk}第{i}班组")
        row.update(kind_id=kind["pk"], honour=kind["honour"], level=kind["level"], nominee_type=kind["nominee_type"],
                   certificate_number=f"B{i:08d}")
        rows.append(row)
    entries = [{"id_type": "resident", "id_number": p.number, "id_index": p.index, "id_masked": p.masked,
                "name": name, "title": k["name"], "level": k["level"], "year": won, "employer_id": r["employer_id"],
                "employer_name": r["employer_name"], "union_id": r["union_id"], "org_path": r["org_path"],
                "created_at": now, "updated_at": now} for p, name, k, won, r in register.values()]
    with transaction.atomic():
        for start in range(0, len(rows), BATCH):
            bulk_insert(Award, rows[start:start + BATCH])
        for start in range(0, len(entries), BATCH):
            bulk_insert(ModelWorker, entries[start:start + BATCH])
    return people


def load_nominations(total: int, honoured: list[Person], employers: list[tuple[int, str, str]],
                     codes: list[str], year: int, seed: int) -> Call:
    """A provincial 五一劳动奖章 call with `total` person nominees from every grassroots union: three
    in ten honoured before, one in fifty at an employer the registry does not hold."""
    rng = random.Random(seed)
    province = TradeUnion.objects.get(parent__isnull=True)
    kind = AwardKind.objects.get(code="province_labour_medal")
    call = Call.objects.create(union=province, org_path=province.path, kind=kind, year=year,
                               title=f"{year}年省五一劳动奖章评选", nominations_due=datetime.date(year, 3, 31),
                               reviews_due=datetime.date(year, 4, 30))
    unions = dict(Employer.objects.filter(union__isnull=False).values_list("pk", "union_id"))
    paths = dict(TradeUnion.objects.values_list("pk", "path"))
    again = rng.sample(honoured, min(len(honoured), int(total * 0.3)))
    fresh = [Person(5_000_000 + i) for i in range(total - len(again))]
    now = timezone.now()
    rows = []
    for i, person in enumerate(again + fresh):
        e_pk, _path, code = employers[int(len(employers) * rng.random() ** 2)]
        union = unions.get(e_pk) or province.pk
        row: dict[str, Any] = {
            "call_id": call.pk, "union_id": union, "org_path": paths[union], "at_union_id": union,
            "at_path": paths[union], "status": NominationStatus.PENDING, "nominee_type": NomineeType.PERSON,
            "name": name_of(rng), "id_type": "resident", "id_number": person.number, "id_index": person.index,
            "id_masked": person.masked, "gender": "M" if i % 2 else "F", "post": "技术员",
            "category": WorkerCategory.FRONT_LINE, "employer_id": e_pk, "employer_name": f"单位{e_pk}",
            "employer_credit_code": code, "nominee_key": person.key, "deeds": "事迹", "created_at": now,
            "updated_at": now}
        if i % 50 == 7:
            row.update(employer_id=None, employer_name="未登记单位", employer_credit_code=rng.choice(codes))
        rows.append(row)
    rng.shuffle(rows)
    with transaction.atomic():
        bulk_insert(HonourNomination, rows)
    return call


def load_competition(entries: int, employers: list[tuple[int, str, str]], seed: int) -> CompetitionStage:
    """One provincial 技能竞赛 whose first stage holds `entries` scored entries; scores to one
    decimal between 40 and 100, so there are many ties, with a tiebreak score."""
    rng = random.Random(seed)
    province = TradeUnion.objects.get(parent__isnull=True)
    today = timezone.localdate()
    competition = Competition.objects.create(
        title="全省职工职业技能大赛", kind=CompetitionKind.SKILL, status=CompetitionStatus.APPROVED,
        organiser=province, organiser_level=province.level, org_path=province.path, trade="焊工",
        start_on=today - datetime.timedelta(days=60), end_on=today + datetime.timedelta(days=60),
        max_entries=entries, entry_count=entries)
    stage = CompetitionStage.objects.create(competition=competition, kind=StageKind.PRELIMINARY, order=1,
                                            advance=entries // 10)
    now = timezone.now()
    with transaction.atomic():
        for start in range(0, entries, BATCH):
            batch = range(start, min(entries, start + BATCH))
            chosen = [employers[rng.randrange(len(employers))] for _ in batch]
            ids = bulk_insert(CompetitionEntry, [
                {"competition_id": competition.pk, "org_path": province.path, "seq": seq + 1, "name": name_of(rng),
                 "employer_id": e_pk, "employer_name": f"单位{e_pk}", "trade": "焊工", "reached": 1,
                 "entered_at": now} for seq, (e_pk, _p, _c) in zip(batch, chosen, strict=True)])
            bulk_insert(CompetitionScore, [
                {"stage_id": stage.pk, "entry_id": pk, "entry_seq": seq + 1,
                 "score": Decimal(rng.randint(400, 1000)) / 10, "tiebreak": Decimal(rng.randint(0, 100)),
                 "scored_by": "评委", "scored_at": now} for seq, pk in zip(batch, ids, strict=True)])
    return stage

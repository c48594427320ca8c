"""The demo's 劳模 register: a few hundred members honoured before the platform as 全国/省/市 劳动模范 or
先进工作者 (some twice, the register keeping the higher title), entered from the paper lists by their
grassroots union's 经办 when the platform went live (`award_record_earlier`), then kept: a contact
visit every year, the yearly 劳模津贴 for provincial and national titles, health checks, 疗休养, a
few 困难劳模 linked to their own files in the hardship registry, and two deaths.
"""

import datetime
import random
from collections.abc import Callable
from typing import Any

from django.utils import timezone

from gonghui.assistance.choices import OPEN_STATUSES
from gonghui.assistance.models import HardshipFile
from gonghui.demo.timeline import Moments, Story, play
from gonghui.honours.choices import RecordKind
from gonghui.honours.models import AwardKind, ModelWorker
from gonghui.honours.services import (
    award_record_earlier,
    model_worker_mark_hardship,
    model_worker_record_add,
    model_worker_record_death,
)
from gonghui.members.models import Member
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import subtree_q

REGISTER = 300  # entries at the default size; one member in eight at a small one
GO_LIVE_DAYS = 700  # the paper lists were entered in the platform's first weeks
# (kind, weight, the years it was conferred in)
KINDS = [("city_model_worker", 40, (2008, 2011, 2014, 2017, 2019, 2022, 2024)),
         ("city_advanced_worker", 14, (2011, 2014, 2017, 2019, 2022, 2024)),
         ("province_model_worker", 22, (2002, 2007, 2012, 2016, 2021)),
         ("province_advanced_worker", 10, (2007, 2012, 2016, 2021)),
         ("national_model_worker", 8, (2000, 2005, 2010, 2015, 2020, 2025)),
         ("national_advanced_worker", 6, (2005, 2010, 2015, 2020, 2025))]
HIGHER = {"city_model_worker": "province_model_worker", "city_advanced_worker": "province_advanced_worker",
          "province_model_worker": "national_model_worker"}
SECOND_TITLE = 0.12  # honoured again, at the level above, some years later
POSTS = ["高级技师", "车间主任", "班组长", "技术员", "主任工程师", "一线操作工", "维修电工", "质检班长", "护士长",
         "乡村教师", "项目经理", "数控车工", "焊工技师"]
ALLOWANCE = {"national": 6000, "province": 3600}  # 劳模津贴 a year (元), demo figures
ABBR = {"11": "京", "12": "津", "31": "沪", "50": "渝", "51": "川", "52": "黔", "53": "滇", "44": "粤", "32": "苏",
        "33": "浙", "37": "鲁", "41": "豫", "42": "鄂", "43": "湘", "61": "陕", "62": "甘", "63": "青"}


def province_abbr(province: TradeUnion) -> str:
    return ABBR.get(str(province.region_id or "")[:2], province.name[:1])


def build_demo_register(province: TradeUnion, *, staff: Any, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed + 14)
    now, today = timezone.now(), timezone.localdate()
    kinds = {k.code: k for k in AwardKind.objects.filter(code__in=[c for c, _w, _y in KINDS] + list(HIGHER.values()))}
    members = _people(province, rng)
    abbr = province_abbr(province)
    tally = {"register": 0, "records": 0}
    certificates: dict[str, int] = {}

    def record(member: Member, code: str, year: int) -> None:
        kind = kinds[code]
        certificates[code] = certificates.get(code, 0) + 1
        level = kind.level
        issuer = "国发" if level == "national" else f"{abbr}委发" if level == "province" else "市委发"
        union = member.union
        assert union is not None
        award_record_earlier(actor=staff.clerk(union), union=union, kind=kind, year=year,
                             data={"member": member, "post": member.job or rng.choice(POSTS)},
                             decision_number=f"{issuer}〔{year}〕{rng.randint(3, 40)}号",
                             decided_on=datetime.date(year, 4, rng.randint(20, 29)),
                             certificate_number=f"{code[:2].upper()}{year}{certificates[code]:05d}")

    def entry_story(i: int, member: Member) -> Story:
        moments = Moments(rng, now)
        code, years = _kind(rng)
        year = rng.choice(years)
        yield moments.on(today - datetime.timedelta(days=GO_LIVE_DAYS - i % 60))
        record(member, code, year)
        tally["register"] += 1
        if code in HIGHER and rng.random() < SECOND_TITLE:
            later = [y for _c, _w, ys in KINDS if _c == HIGHER[code] for y in ys if y > year]
            if later:
                record(member, HIGHER[code], later[0])
        entry = ModelWorker.objects.get(id_index=member.id_index)
        yield from _keep(rng, moments, staff, entry, i, today, tally)

    play([entry_story(i, m) for i, m in enumerate(members)])
    return tally


def _people(province: TradeUnion, rng: random.Random) -> list[Member]:
    """The honoured: members of working age with an employer, the hardship registry's members first
    (a 困难劳模 is one of them), spread over the province."""
    pool = Member.objects.filter(subtree_q("org_path", province.path), status="active", employer__isnull=False,
                                 union__isnull=False).select_related("union", "employer")
    count = min(REGISTER, pool.count() // 8)
    in_hardship = list(HardshipFile.objects.filter(member__isnull=False, status__in=OPEN_STATUSES)
                       .values_list("member_id", flat=True).order_by("pk")[:3])
    first = list(pool.filter(pk__in=in_hardship).order_by("pk"))
    ids = list(pool.exclude(pk__in=in_hardship).values_list("pk", flat=True).order_by("pk"))
    chosen = rng.sample(ids, min(len(ids), max(0, count - len(first))))
    return first + list(pool.filter(pk__in=chosen).order_by("pk"))


def _kind(rng: random.Random) -> tuple[str, tuple[int, ...]]:
    code, _w, years = rng.choices(KINDS, weights=[w for _c, w, _y in KINDS])[0]
    return code, years


def _keep(rng: random.Random, moments: Moments, staff: Any, entry: ModelWorker, i: int, today: datetime.date,
          tally: dict[str, int]) -> Story:
    """The years since the platform went live: the 春节 visit, the allowance, a check-up every other
    year, now and then 疗休养; a 困难劳模 helped; two of the oldest honoured died this year."""
    actor = staff.clerk(entry.union)
    steps: list[tuple[datetime.date, Callable[[], Any]]] = []

    def add(kind: str, day: datetime.date, amount: Any = None, result: str = "", note: str = "") -> None:
        if day <= today:
            steps.append((day, lambda: model_worker_record_add(actor=actor, model_worker=entry, kind=kind,
                                                               year=day.year, on=day, amount=amount, result=result,
                                                               note=note)))

    # This year's round for everyone; last year's visits and checks (entered when the platform went
    # live) for one in three, so the history shows without a record per person per kind per year.
    for year in (today.year - 1, today.year):
        if year < today.year and i % 3:
            continue
        add(RecordKind.CONTACT, datetime.date(year, 1, rng.randint(10, 25)), note="春节前走访慰问，了解工作生活情况")
        if entry.level in ALLOWANCE:
            add(RecordKind.ALLOWANCE, datetime.date(year, 3, rng.randint(5, 20)), amount=ALLOWANCE[entry.level],
                note=f"{year}年度劳模津贴")
        if (year + i) % 2 == 0:
            add(RecordKind.HEALTH_CHECK, datetime.date(year, 6, rng.randint(1, 28)), result="已完成",
                note="劳模年度健康体检")
        if rng.random() < 0.06:
            add(RecordKind.RECUPERATION, datetime.date(year, 9, rng.randint(1, 25)),
                note="省总工会劳模疗休养（峨眉山）")
    if i % 4 == 0:
        add(RecordKind.ASSESSMENT, datetime.date(today.year - 1, 12, rng.randint(10, 25)), result="合格",
            note="年度考核：发挥示范带头作用")
    hardship = (HardshipFile.objects.filter(member_id=entry.member_id, status__in=OPEN_STATUSES).first()
                if entry.member_id is not None else None)
    if hardship is not None:
        day = max(today - datetime.timedelta(days=rng.randint(20, 60)), timezone.localdate(hardship.filed_at))
        linked = hardship if hardship.org_path.startswith(entry.org_path) else None  # a file the clerk keeps
        steps.append((day, lambda: model_worker_mark_hardship(actor=actor, model_worker=entry, in_hardship=True,
                                                              hardship_file_id=linked.pk if linked else None)))
        add(RecordKind.HARDSHIP_AID, day + datetime.timedelta(days=3), amount=3000, note="困难劳模专项帮扶")
    elif entry.year <= 2007 and tally.setdefault("deaths", 0) < 2 and i % 7 == 3:
        tally["deaths"] += 1
        died = today - datetime.timedelta(days=rng.randint(40, 200))
        steps = [s for s in steps if s[0] < died]
        steps.append((died + datetime.timedelta(days=rng.randint(2, 10)),
                      lambda: model_worker_record_death(actor=actor, model_worker=entry, died_on=died,
                                                        note="因病去世，已慰问家属")))
    for day, step in sorted(steps, key=lambda s: s[0]):
        yield moments.on(day)
        step()
        tally["records"] += 1

"""Demo 就业服务: postings of the province's employers at the seeds' scale ("录入104家企业的用工信息285条"),
mostly entered by cadres and published, some submitted by an employer through its partner key and
waiting for review, a few returned or past their date; job fairs online and on site over the past year
(with the employers and postings they brought, visitors and 达成就业意向) and two coming up this week;
members' applications with consent, and union recommendations waiting for the worker.

Postings, fair rows and their attendance are bulk-inserted (their events are not the point); the
partner's submissions, the reviews, the fairs and the applications go through the services."""

import datetime
import random
from typing import Any

from django.utils import timezone

from gonghui.core.crypto import blind_index
from gonghui.core.idnumbers import mask_phone
from gonghui.jobs.choices import FairMode, PostingSource, PostingStatus
from gonghui.jobs.models import FairEmployer, FairPosting, JobPosting
from gonghui.jobs.services import (
    application_apply,
    application_recommend,
    fair_create,
    fair_record,
    job_partner_grant,
    posting_review,
    posting_submit_by_partner,
)
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.partners import partner_create
from gonghui.orgs.choices import Level, UnionStatus
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.scope import SystemActor, subtree_q

EMPLOYERS, POSTINGS = 104, 285
TITLES = [("焊工", 5500, 8500, "持特种作业操作证（焊接与热切割）"), ("普工", 4000, 5500, "18-50周岁，能适应倒班"),
          ("叉车司机", 5000, 7000, "持叉车证，一年以上经验"), ("外卖骑手", 6000, 10000, "有电动车，熟悉本地道路"),
          ("快递分拣员", 4500, 6000, "能适应夜班"), ("电工", 6000, 9000, "持低压电工证"),
          ("数控车床操作工", 6000, 9500, "会看图纸，有数控操作经验"), ("保洁员", 3000, 3800, "身体健康，65周岁以下"),
          ("保安员", 3500, 4500, "持保安员证优先"), ("客服专员", 4000, 6000, "普通话标准，会电脑操作"),
          ("厨师", 5000, 8000, "持健康证，川菜经验优先"), ("网约车司机", 6000, 9000, "三年以上驾龄"),
          ("护工", 4500, 6500, "有护理经验优先，包住"), ("仓库管理员", 4500, 6000, "熟悉Excel"),
          ("汽车维修工", 5500, 8500, "中级工及以上"), ("物业维修工", 4000, 5500, "水电维修经验")]
FAIRS = [("春风行动暨就业援助月专场招聘会", FairMode.ONSITE, 300), ("“春暖农民工”网络招聘会", FairMode.ONLINE, 270),
         ("民营企业招聘月专场", FairMode.ONSITE, 200), ("高校毕业生就业服务周", FairMode.ONSITE, 160),
         ("“职”等你来直播带岗", FairMode.ONLINE, 120), ("金秋招聘月专场", FairMode.ONSITE, 60),
         ("困难职工家庭就业援助专场", FairMode.ONSITE, 30)]


def build_demo_jobs(province: TradeUnion, *, staff: Any, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed + 31)
    system = SystemActor("demo")
    today = timezone.localdate()
    employers = list(Employer.objects.filter(subtree_q("org_path", province.path)).select_related("union")
                     .order_by("-employee_count", "pk")[:EMPLOYERS])
    if not employers:
        return {"postings": 0, "fairs": 0, "applications": 0}
    counties = list(Region.objects.filter(is_current=True, level=Region.RegionLevel.COUNTY,
                                          adcode__startswith=(province.region_id or "51")[:2]).values_list("pk",
                                                                                                            flat=True))
    postings = _bulk_postings(rng, employers, counties, today)
    _partner_submissions(rng, province, employers[0], staff, today, system)
    fairs = _fairs(rng, province, staff, today, postings)
    applications = _applications(rng, province, staff, postings)
    return {"postings": JobPosting.objects.count(), "fairs": fairs, "applications": applications}


def _phone(rng: random.Random) -> str:
    return f"1{rng.choice('3589')}{rng.randint(0, 999999999):09d}"


def _bulk_postings(rng: random.Random, employers: list[Employer], counties: list[str],
                   today: datetime.date) -> list[JobPosting]:
    now = timezone.now()
    rows = []
    for i in range(POSTINGS - 6):
        employer = employers[i % len(employers)]
        title, low, high, needs = rng.choice(TITLES)
        region = employer.region_id if employer.region_id and len(employer.region_id) >= 6 and \
            not employer.region_id.endswith("00") else rng.choice(counties)
        expires = today + datetime.timedelta(days=rng.randint(-40, 120))
        status = PostingStatus.EXPIRED if expires < today else (
            PostingStatus.WITHDRAWN if rng.random() < 0.04 else PostingStatus.PUBLISHED)
        phone = _phone(rng)
        rows.append(JobPosting(
            employer=employer, org_path=employer.org_path, title=title, places=rng.choice([1, 2, 3, 5, 8, 10, 20]),
            pay_min=low, pay_max=high + rng.choice([0, 500, 1000]), requirements=needs, region_id=region,
            address=employer.address, contact_name="人事部",
            contact_phone=phone, contact_phone_index=blind_index(phone), contact_phone_masked=mask_phone(phone),
            source=PostingSource.CADRE, status=status, expires_on=expires,
            published_at=now - datetime.timedelta(days=rng.randint(1, 120))))
    return JobPosting.objects.bulk_create(rows)


def _partner_submissions(rng: random.Random, province: TradeUnion, employer: Employer, staff: Any,
                         today: datetime.date, system: Any) -> None:
    partner, _key = partner_create(actor=system, union=province, name=f"{employer.name}人力资源部", purposes=["jobs"])
    job_partner_grant(actor=staff.head(employer.union), partner=partner, employer=employer)
    region = employer.region_id if employer.region_id and not employer.region_id.endswith("00") else None
    region = region or Region.objects.filter(level=Region.RegionLevel.COUNTY, adcode__startswith=(
        province.region_id or "51")[:2]).values_list("pk", flat=True).first()
    for i, (title, low, high, needs) in enumerate(TITLES[:6]):
        posting = posting_submit_by_partner(
            partner=partner, employer_id=employer.pk, title=title, places=rng.randint(2, 10), pay_min=low,
            pay_max=high, requirements=needs, region=region, address="", contact_name="招聘专员",
            contact_phone=_phone(rng), expires_on=today + datetime.timedelta(days=60))
        if i == 0:
            posting_review(actor=staff.head(employer.union), posting=posting, approve=True)
        elif i == 1:
            posting_review(actor=staff.head(employer.union), posting=posting, approve=False,
                           note="请写明工作时间和社会保险缴纳情况。")


def _fairs(rng: random.Random, province: TradeUnion, staff: Any, today: datetime.date,
           postings: list[JobPosting]) -> int:
    organisers = [province, *TradeUnion.objects.filter(subtree_q("path", province.path), level__in=(
        Level.CITY, Level.COUNTY), status=UnionStatus.ACTIVE).order_by("-subtree_members", "path")[:8]]
    made = 0
    this_week = [("本周周末专场招聘会", FairMode.ONSITE, -2), ("本周网络直播招聘会", FairMode.ONLINE, -1)]
    for i, (title, mode, days_ago) in enumerate([*FAIRS, *this_week]):
        union = organisers[i % len(organisers)]
        held_on = today - datetime.timedelta(days=days_ago)
        code = union.region_id or province.region_id or "510000"
        region = code if not code.endswith("00") else None
        if mode == FairMode.ONSITE and region is None:
            prefix = code[:2] if code.endswith("0000") else code[:4]
            region = Region.objects.filter(level=Region.RegionLevel.COUNTY, is_current=True,
                                           adcode__startswith=prefix).values_list("pk", flat=True).first()
        place = "人力资源市场" if mode == FairMode.ONSITE else "“就业在线”小程序直播间"
        fair = fair_create(actor=staff.head(union), union=union, title=f"{held_on.year}年{title}", mode=mode,
                           held_on=held_on, region=region or "", place=place)
        brought = [p for p in postings if p.org_path.startswith(union.path) and p.status != PostingStatus.WITHDRAWN]
        brought = rng.sample(brought, min(len(brought), rng.randint(15, 60)))
        FairPosting.objects.bulk_create([FairPosting(fair=fair, posting=p) for p in brought])
        FairEmployer.objects.bulk_create([FairEmployer(fair=fair, employer_id=e, booth=f"A{n + 1:02d}")
                                          for n, e in enumerate(sorted({p.employer_id for p in brought}))])
        if held_on < today:
            visitors = rng.randint(200, 3000)
            fair_record(actor=staff.head(union), fair=fair, visitors=visitors,
                        intentions=int(visitors * rng.uniform(0.08, 0.25)))
        made += 1
    return made


def _applications(rng: random.Random, province: TradeUnion, staff: Any, postings: list[JobPosting]) -> int:
    live = [p for p in postings if p.status == PostingStatus.PUBLISHED]
    members = list(Member.objects.filter(subtree_q("org_path", province.path), status="active")
                   .exclude(phone_index="").order_by("pk")[:40])
    made = 0
    for i, member in enumerate(members):
        posting = rng.choice(live)
        if i % 5 == 4:
            application_recommend(actor=staff.head(province), posting=posting, member=member)
        else:
            application_apply(worker=PortalWorker(phone=member.phone), posting_pk=posting.pk, consent=True,
                              priority_consent=i % 3 == 0, skills=rng.choice(["电焊", "叉车", "C1驾照", "电脑操作"]),
                              experience="在本地企业工作多年", expected_pay=rng.choice([4000, 5000, 6000, 8000]))
        made += 1
    return made

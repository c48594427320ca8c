"""Demo 五小 and 合理化建议 across the larger employers at every status (the benefit in 万元 assessed
by the employer's finance department, rewards, a few patents), 创新工作室 at several levels led by
people of the 劳模 register, 师带徒 pairs in every status and the unions' training courses. The
employer's own union's 经办 keeps these records; a course is the organising union's.
"""

import datetime
import random
from decimal import Decimal
from typing import Any

from django.utils import timezone

from gonghui.demo.timeline import Moments, Story, play
from gonghui.honours.choices import LEVEL_RANK, AwardLevel
from gonghui.honours.models import ModelWorker
from gonghui.members.choices import SkillLevel
from gonghui.members.models import Member
from gonghui.orgs.choices import Level, UnionStatus
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import subtree_q
from gonghui.skills.innovation_choices import (
    ApprenticeshipAction,
    AssessmentGrade,
    CourseKind,
    PatentKind,
    StudioKind,
    StudioLevel,
    StudioResultKind,
    SuggestionAction,
    SuggestionKind,
)
from gonghui.skills.services.apprenticeships import apprenticeship_sign, apprenticeship_transition
from gonghui.skills.services.studios import (
    studio_assess,
    studio_member_add,
    studio_name,
    studio_result_add,
    studio_revoke,
)
from gonghui.skills.services.suggestions import (
    patent_register,
    suggestion_assess_benefit,
    suggestion_enter,
    suggestion_reward,
    suggestion_transition,
)
from gonghui.skills.services.training import training_course_record

EMPLOYERS = 24  # the larger unionised employers with suggestions; fewer in a small demo
# Where each suggestion has got to, in turn, so every status is on the lists.
STOPS = ["implemented", "submitted", "adopted", "implemented", "rejected", "implemented", "adopted", "submitted"]
IDEAS = [
    (SuggestionKind.RENOVATION, "数控机床刀具快换装置改进", "将刀具夹持改为快换结构，换刀时间由15分钟缩短至3分钟。"),
    (SuggestionKind.INVENTION, "管道焊缝自动检测小车", "自制轨道式检测小车，替代人工爬管检测，降低高空作业风险。"),
    (SuggestionKind.RATIONALISATION, "优化夜班交接班流程", "交接班增加设备点检表，减少因交接不清导致的停机。"),
    (SuggestionKind.DESIGN, "物料周转箱防倾倒设计", "在周转箱底部加装限位卡槽，运输途中不再倾倒。"),
    (SuggestionKind.PROPOSAL, "车间照明改用分区控制", "按工位分区开关照明，非生产区域夜间关闭，节约用电。"),
    (SuggestionKind.CREATION, "废旧托盘再利用工装架", "利用报废托盘制作工装架，节省采购费用。"),
    (SuggestionKind.RATIONALISATION, "仓储库位编码优化", "按出库频次重新编排库位，拣货路径缩短三分之一。"),
    (SuggestionKind.RENOVATION, "空压机余热回收改造", "回收空压机余热用于员工浴室热水，年节约燃气费用。"),
]
STUDIOS = [(StudioKind.MODEL_WORKER, StudioLevel.NATIONAL), (StudioKind.MODEL_WORKER, StudioLevel.PROVINCE),
           (StudioKind.CRAFTSMAN, StudioLevel.PROVINCE), (StudioKind.MODEL_WORKER, StudioLevel.CITY),
           (StudioKind.WORKER, StudioLevel.CITY), (StudioKind.MODEL_WORKER, StudioLevel.COUNTY)]
NAMED_BY: dict[str, str] = {StudioLevel.NATIONAL: "中华全国总工会", StudioLevel.PROVINCE: "省总工会",
                             StudioLevel.CITY: "市总工会",
                             StudioLevel.COUNTY: "县（区）总工会"}
PAIR_STOPS = ["signed", "active", "graduated", "active", "terminated", "graduated"]
COURSES = [("{place}农民工职业技能提升培训班", CourseKind.MIGRANT),
           ("{place}班组长能力提升培训班", CourseKind.TEAM_LEADER),
           ("{place}电工上岗取证培训班", CourseKind.CERTIFICATION),
           ("{place}家政服务员技能培训", CourseKind.DOMESTIC)]


def build_demo_innovation(province: TradeUnion, *, staff: Any, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed + 16)
    now, today = timezone.now(), timezone.localdate()
    tally = {"suggestions": 0, "studios": 0, "apprenticeships": 0, "courses": 0}
    employers = list(Employer.objects.filter(subtree_q("org_path", province.path), unionized=True,
                                             union__isnull=False, members__isnull=False)
                     .select_related("union").distinct().order_by("-employee_count", "pk")[:EMPLOYERS])
    stories: list[Story] = []
    n = 0
    for employer in employers:
        for _i in range(rng.randint(2, 4)):
            stories.append(_suggestion_story(rng, Moments(rng, now), staff, employer, STOPS[n % len(STOPS)], n, today,
                                             tally))
            n += 1
    # The register's highest titles lead the highest studios.
    leaders = sorted(ModelWorker.objects.filter(status="active", member__isnull=False, employer__isnull=False,
                                                employer__union__isnull=False, in_hardship=False)
                     .select_related("member", "employer__union"),
                     key=lambda e: (-LEVEL_RANK[AwardLevel(e.level)], e.year, e.pk))[:len(STUDIOS)]
    for (kind, level), leader in zip(STUDIOS, leaders, strict=False):
        stories.append(_studio_story(rng, Moments(rng, now), staff, leader, kind, level, today, tally))
    stories += _pairs(rng, now, staff, employers, today, tally)
    unions = TradeUnion.objects.filter(subtree_q("path", province.path), level__in=(Level.CITY, Level.COUNTY),
                                       status=UnionStatus.ACTIVE).order_by("path")[:8]
    for i, union in enumerate(unions):
        stories.append(_course_story(rng, Moments(rng, now), staff, union, i, today, tally))
    play(stories)
    return tally


def _suggestion_story(rng: random.Random, moments: Moments, staff: Any, employer: Employer, stop: str, n: int,
                      today: datetime.date, tally: dict[str, int]) -> Story:
    clerk = staff.clerk(employer.union)
    proposer = Member.objects.filter(employer=employer, status="active").order_by("pk")[n % 5: n % 5 + 1].first()
    kind, title, content = IDEAS[n % len(IDEAS)]
    submitted = today - datetime.timedelta(days=rng.randint(20 if stop == "submitted" else 120, 600))
    yield moments.on(submitted)
    suggestion = suggestion_enter(actor=clerk, employer=employer, kind=kind, title=title, content=content,
                                  proposer=proposer, proposer_name="" if proposer else "职工代表",
                                  department=proposer.job if proposer and proposer.job else "生产车间")
    tally["suggestions"] += 1
    if stop == "submitted":
        return
    decided = submitted + datetime.timedelta(days=rng.randint(7, 20))
    yield moments.on(decided)
    if stop == "rejected":
        suggestion_transition(actor=clerk, suggestion=suggestion, action=SuggestionAction.REJECT,
                              note="现有工艺条件下实施成本过高，暂不采纳。")
        return
    suggestion = suggestion_transition(actor=clerk, suggestion=suggestion, action=SuggestionAction.ADOPT,
                                       note="经评审委员会评审，予以采纳。")
    yield moments.on(decided + datetime.timedelta(days=rng.randint(3, 15)))
    suggestion_reward(actor=clerk, suggestion=suggestion, amount=Decimal(rng.choice([200, 300, 500])),
                      paid_on=timezone.localdate(), note="采纳奖")
    if stop == "adopted":
        return
    implemented = decided + datetime.timedelta(days=rng.randint(20, 60))
    yield moments.on(implemented)
    suggestion = suggestion_transition(actor=clerk, suggestion=suggestion, action=SuggestionAction.IMPLEMENT,
                                       note="已在车间推广实施。")
    yield moments.on(implemented + datetime.timedelta(days=rng.randint(30, 90)))
    benefit = Decimal(rng.randint(5, 800)) / 10
    suggestion = suggestion_assess_benefit(actor=clerk, suggestion=suggestion, benefit=benefit,
                                           assessor="企业财务部", assessed_on=timezone.localdate(),
                                           basis="按实施后一年节约的材料和能耗费用测算")
    suggestion_reward(actor=clerk, suggestion=suggestion, amount=Decimal(int(benefit * 100)),
                      paid_on=timezone.localdate(), note="创效奖（按核定效益的1%）")
    if kind in (SuggestionKind.INVENTION, SuggestionKind.RENOVATION) and n % 3 == 0:
        yield moments.on(implemented + datetime.timedelta(days=150))
        number = f"ZL{implemented.year}2{rng.randint(10**6, 10**7 - 1)}.{rng.randint(0, 9)}"  # 实用新型: 2
        patent_register(actor=clerk, suggestion=suggestion, number=number,
                        kind=PatentKind.UTILITY, title=title, granted_on=timezone.localdate())


def _studio_story(rng: random.Random, moments: Moments, staff: Any, leader: ModelWorker, kind: str, level: str,
                  today: datetime.date, tally: dict[str, int]) -> Story:
    employer, member = leader.employer, leader.member
    assert employer is not None and member is not None
    clerk = staff.clerk(employer.union)
    named = datetime.date(today.year - rng.randint(2, 6), rng.randint(3, 10), rng.randint(1, 28))
    yield moments.on(today - datetime.timedelta(days=690))  # entered when the platform went live
    studio = studio_name(actor=clerk, employer=employer, name=f"{leader.name}{StudioKind(kind).label}", kind=kind,
                         level=level, named_on=named, leader=member, model_worker_id=leader.pk,
                         named_by=NAMED_BY[level],
                         field=member.job or "技术攻关")
    tally["studios"] += 1
    for colleague in Member.objects.filter(employer=employer, status="active").exclude(pk=member.pk)[:3]:
        studio_member_add(actor=clerk, studio=studio, member=colleague, role="骨干成员", joined_on=named)
    yield moments.on(datetime.date(today.year - 1, 12, rng.randint(1, 20)))
    studio_result_add(actor=clerk, studio=studio, kind=StudioResultKind.PROJECT, title="关键设备国产化替代攻关",
                      year=today.year - 1, benefit=Decimal(rng.randint(20, 300)))
    assessed = datetime.date(today.year, 1, rng.randint(10, 25))
    if assessed > today:
        return
    yield moments.on(assessed)
    grade = AssessmentGrade.FAIL if level == StudioLevel.COUNTY else AssessmentGrade.EXCELLENT
    studio_assess(actor=clerk, studio=studio, year=today.year - 1, grade=grade, assessed_on=timezone.localdate(),
                  note="年度考核")
    if grade == AssessmentGrade.FAIL and assessed + datetime.timedelta(days=40) <= today:
        yield moments.on(assessed + datetime.timedelta(days=40))
        studio_revoke(actor=clerk, studio=studio, reason="年度考核不合格，工作室活动长期停滞。")


def _pairs(rng: random.Random, now: datetime.datetime, staff: Any, employers: list[Employer], today: datetime.date,
           tally: dict[str, int]) -> list[Story]:
    stories: list[Story] = []
    for i, employer in enumerate(employers[: len(PAIR_STOPS) * 2]):
        people = list(Member.objects.filter(employer=employer, status="active").order_by("-birth_date", "pk")[:2])
        if len(people) == 2:
            stories.append(_pair_story(rng, Moments(rng, now), staff, employer, people[1], people[0],
                                       PAIR_STOPS[i % len(PAIR_STOPS)], today, tally))
    return stories


def _pair_story(rng: random.Random, moments: Moments, staff: Any, employer: Employer, master: Member,
                apprentice: Member, stop: str, today: datetime.date, tally: dict[str, int]) -> Story:
    clerk = staff.clerk(employer.union)
    agreed = today - datetime.timedelta(days=10 if stop == "signed" else rng.randint(200, 500))
    yield moments.on(agreed)
    pair = apprenticeship_sign(actor=clerk, employer=employer, master=master, apprentice=apprentice, agreed_on=agreed,
                               starts_on=agreed + datetime.timedelta(days=14), ends_on=agreed + datetime.timedelta(
                                   days=365), targets="一年内掌握本岗位操作规程和常见故障处理，取得中级工证书。",
                               trade=master.job or "", target_level=SkillLevel.GRADE4, allowance=Decimal(300))
    tally["apprenticeships"] += 1
    if stop == "signed":
        return
    yield moments.on(agreed + datetime.timedelta(days=14))
    pair = apprenticeship_transition(actor=clerk, apprenticeship=pair, action=ApprenticeshipAction.START)
    if stop == "active":
        return
    yield moments.on(agreed + datetime.timedelta(days=rng.randint(150, 190)))
    if stop == "terminated":
        apprenticeship_transition(actor=clerk, apprenticeship=pair, action=ApprenticeshipAction.TERMINATE,
                                  note="徒弟调岗至其他部门，协议终止。")
        return
    apprenticeship_transition(actor=clerk, apprenticeship=pair, action=ApprenticeshipAction.GRADUATE,
                              outcome_level=SkillLevel.GRADE4, note="考核合格，按期出师。")


def _course_story(rng: random.Random, moments: Moments, staff: Any, union: TradeUnion, i: int, today: datetime.date,
                  tally: dict[str, int]) -> Story:
    title, kind = COURSES[i % len(COURSES)]
    ends = today - datetime.timedelta(days=rng.randint(15, 300))
    yield moments.on(ends + datetime.timedelta(days=2))
    trainees = rng.randint(40, 200)
    grade5 = int(trainees * rng.uniform(0.3, 0.5))
    grade4 = int(trainees * rng.uniform(0.1, 0.25))
    training_course_record(actor=staff.clerk(union), union=union, kind=kind,
                           title=title.format(place=union.name.removesuffix("总工会")),
                           starts_on=ends - datetime.timedelta(days=rng.randint(5, 20)), ends_on=ends,
                           trainees=trainees, provider="市职业技能培训中心", hours=rng.choice([40, 60, 80]),
                           levels={SkillLevel.GRADE5: grade5, SkillLevel.GRADE4: grade4})
    tally["courses"] += 1

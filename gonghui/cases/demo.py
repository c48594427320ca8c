"""Demo cases for a demo province: a few hundred requests at every stage, made through the services
so each carries its timeline, audit rows and stored deadline. The same seed gives the same cases."""

import datetime
import random
from typing import Any

from django.db.models import Q
from django.utils import timezone
from faker import Faker

from gonghui.cases.choices import Category, Channel, Difficulty, Kind, Line, Rating
from gonghui.cases.models import Case
from gonghui.cases.services import (
    case_accept,
    case_add_note,
    case_callback,
    case_classify,
    case_close,
    case_dispatch,
    case_escalate,
    case_intake,
    case_resolve,
    case_return,
    case_start,
    case_supervise,
    case_sweep_overdue,
)
from gonghui.orgs.choices import Level
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import SystemActor, subtree_q

ACTOR = SystemActor("demo")

STORIES = {
    Category.WAGES: ["工地包工头拖欠三个月工资，约{n}人，合计{m}元", "公司以效益不好为由拖欠工资两个月"],
    Category.CONTRACT: ["入职半年未签订劳动合同，要求支付二倍工资", "公司单方面解除劳动合同，未支付经济补偿"],
    Category.SOCIAL_INSURANCE: ["单位未给缴纳社会保险", "离职后单位不配合办理社保转移"],
    Category.WORK_INJURY: ["在车间受伤，单位不给申报工伤认定", "工伤认定后单位拒付停工留薪期工资"],
    Category.SAFETY: ["车间粉尘大，未发放防护用品", "高温天气连续露天作业，无防暑措施"],
    Category.WOMEN: ["怀孕后被调岗降薪", "产假期间被通知解除劳动合同"],
    Category.ORGANIZING: ["想在公司成立工会，不知道如何申请", "外卖骑手想加入工会"],
    Category.OTHER: ["咨询带薪年休假如何计算", "询问职工疗休养政策"],
}
OUTCOMES = ["经协调，单位已补发工资", "已指导职工申请劳动仲裁并提供法律援助", "经调解双方达成一致",
            "已督促单位补缴社会保险", "已现场答复政策"]
# How far along each case gets, as (stage, weight).
STAGES = [("received", 6), ("classified", 6), ("dispatched", 8), ("accepted", 6), ("returned", 3),
          ("in_progress", 14), ("escalated", 3), ("resolved", 10), ("called_back", 10), ("closed", 34)]
FINISHED = {"resolved", "called_back", "closed"}


def _received_at(rng: random.Random, stage: str, now: datetime.datetime) -> datetime.datetime:
    """Finished cases over the last 90 days; open ones mostly recent and within their deadline, as
    in a centre that keeps up, with one in eight left long enough to be overdue and escalated."""
    if stage in FINISHED:
        minutes = rng.randint(2 * 24 * 60, 90 * 24 * 60)
    elif rng.random() < 0.125:
        minutes = rng.randint(8 * 24 * 60, 25 * 24 * 60)
    else:
        minutes = rng.randint(30, 4 * 24 * 60)
    return now - datetime.timedelta(minutes=minutes)


def _handling_unions(province: TradeUnion) -> list[TradeUnion]:
    return list(TradeUnion.objects.active().filter(subtree_q("path", province.path))
                .filter(Q(level=Level.CITY) | Q(level=Level.COUNTY)).order_by("path"))


def _data(rng: random.Random, fake: Faker, employers: list[Employer], received_at: datetime.datetime
          ) -> dict[str, Any]:
    category = rng.choice(list(STORIES))
    employer = rng.choice(employers) if employers and rng.random() < 0.6 else None
    story = rng.choice(STORIES[category]).format(n=rng.randint(2, 40), m=rng.randint(3, 300) * 1000)
    anonymous = rng.random() < 0.05
    return {
        "line": rng.choices(Line.values, weights=[80, 10, 7, 3])[0],
        "channel": rng.choices(Channel.values, weights=[70, 12, 10, 6, 2])[0],
        "kind": rng.choices(Kind.values, weights=[45, 35, 15, 5])[0], "category": category,
        "caller_name": "" if anonymous else fake.name(), "anonymous": anonymous,
        "caller_phone": f"1{rng.choice('3578')}{rng.randint(0, 999999999):09d}",
        "employer": employer, "employer_name": employer.name if employer else fake.company(),
        # The division the case happened in: where the employer named is registered.
        "region": employer.region_id if employer else None,
        "address": fake.street_address(), "description": story, "received_at": received_at,
    }


def _advance(rng: random.Random, case: Case, stage: str, province: TradeUnion, unions: list[TradeUnion]) -> None:
    if stage == "received":
        return
    # 一般 questions are answered the same day, so the ones still open are mostly the harder kinds.
    weights = [55, 35, 10] if stage in FINISHED else [10, 65, 25]
    difficulty = rng.choices(Difficulty.values, weights=weights)[0]
    case = case_classify(actor=ACTOR, case=case, category=case.category or Category.OTHER, difficulty=difficulty)
    if stage == "classified":
        return
    target = rng.choice(unions)
    case = case_dispatch(actor=ACTOR, case=case, union=target)
    if stage == "dispatched":
        return
    if stage == "returned":
        case_return(actor=ACTOR, case=case, reason="经核实不属于本辖区")
        return
    case = case_accept(actor=ACTOR, case=case)
    if stage == "accepted":
        return
    if stage == "escalated":
        case_escalate(actor=ACTOR, case=case, reason="涉及多个部门，需上级协调")
        return
    case = case_start(actor=ACTOR, case=case)
    case = case_add_note(actor=ACTOR, case=case, note="已电话联系用人单位了解情况")
    if rng.random() < 0.1 and case.handling_union.path != province.path:
        case_supervise(actor=ACTOR, case=case, by_union=province, note="请加快办理，按时反馈")
        case.refresh_from_db()
    if stage == "in_progress":
        return
    money = rng.choice([0, 0, rng.randint(1, 200) * 500])
    case = case_resolve(actor=ACTOR, case=case, outcome=rng.choice(OUTCOMES), money_recovered=money,
                        people_helped=rng.randint(1, 30))
    if stage == "resolved":
        return
    if case.anonymous:
        case = case_callback(actor=ACTOR, case=case, reached=False, note="匿名来电，无法回访")
    else:
        case = case_callback(actor=ACTOR, case=case, rating=rng.choices(Rating.values, weights=[75, 18, 7])[0])
    if stage == "closed":
        case_close(actor=ACTOR, case=case)


def demo_cases(province: TradeUnion, *, count: int = 300, seed: int = 2026) -> int:
    """Create `count` cases received at `province` over the last 90 days; returns how many."""
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    unions = _handling_unions(province) or [province]
    employers = list(Employer.objects.filter(subtree_q("org_path", province.path)).order_by("pk")[:500])
    now = timezone.now()
    stages, weights = zip(*STAGES, strict=True)
    for _ in range(count):
        stage = rng.choices(stages, weights=weights)[0]
        received_at = _received_at(rng, stage, now)
        case = case_intake(actor=ACTOR, union=province, data=_data(rng, fake, employers, received_at)).case
        _advance(rng, case, stage, province, unions)
    case_sweep_overdue(actor=ACTOR)
    return count

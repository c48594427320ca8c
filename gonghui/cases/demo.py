"""Demo cases for a demo province: a few hundred requests at every stage, made through the services
so each carries its timeline, audit rows and stored deadline. The same seed gives the same cases."""

import datetime
import random
from collections.abc import Sequence
from typing import Any, Protocol

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
from gonghui.cases.services.portal import case_submit
from gonghui.core.clock import clock_at
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.choices import Level
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import SystemActor, subtree_q

ACTOR = SystemActor("demo")


class Staff(Protocol):
    """Who takes a step: the handling union's cadre, or the 12351 agent at the centre."""

    def head(self, union: TradeUnion) -> Any: ...

    def agent(self, province: TradeUnion) -> Any: ...


class SystemStaff:
    """Every step as the system (the cases app's own tests; the demo names its people)."""

    def head(self, union: TradeUnion) -> Any:
        return ACTOR

    def agent(self, province: TradeUnion) -> Any:
        return ACTOR

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
# Over two years most cases are long finished; the open ones (about one in nine) are the last three
# weeks' work, so the queues have content and the latest months do not jump.
STAGES = [("received", 1), ("classified", 1), ("dispatched", 2), ("accepted", 1), ("returned", 1),
          ("in_progress", 4), ("escalated", 1), ("resolved", 5), ("called_back", 8), ("closed", 76)]
FINISHED = {"resolved", "called_back", "closed"}


HISTORY_DAYS = 730
CALL_HOURS = (8 * 60 + 30, 21 * 60)  # the line is staffed from 8:30 to 21:00
LATE_SHARE = 0.08  # finished cases resolved after their deadline: an on-time rate of about 92%


def _during_hours(rng: random.Random, when: datetime.datetime) -> datetime.datetime:
    """The same day at a time the line is staffed, busier in office hours."""
    local = timezone.localtime(when)
    minute = rng.randint(CALL_HOURS[0], 18 * 60) if rng.random() < 0.85 else rng.randint(18 * 60, CALL_HOURS[1])
    return local.replace(hour=minute // 60, minute=minute % 60, second=rng.randint(0, 59), microsecond=0)


def _received_at(rng: random.Random, stage: str, now: datetime.datetime) -> datetime.datetime:
    """Finished cases over the last two years, a little more each year and most in the months before
    the Spring Festival (unpaid wages before the holiday); open ones recent and mostly within their
    deadline, as in a centre that keeps up, with one in eight left long enough to be overdue."""
    while True:
        if stage in FINISHED:
            days = rng.uniform(3, HISTORY_DAYS)
            local = timezone.localtime(now - datetime.timedelta(days=days))
            weight = (1 + 0.5 * (HISTORY_DAYS - days) / HISTORY_DAYS) * (1.5 if local.month in (11, 12, 1) else 1.0)
            if rng.random() * 1.5 * 1.5 > weight:
                continue
        elif rng.random() < 0.125:
            days = rng.uniform(8, 25)
        else:
            # Within a 难点 case's 5 working days whatever weekday the demo is built on, so the open
            # cases are not all escalated by the overdue sweep at the end.
            days = rng.uniform(0, 5)
        when = _during_hours(rng, now - datetime.timedelta(days=days))
        # Fewer calls at weekends; and nothing from the future, today's hours included.
        if when < now and (when.weekday() < 5 or rng.random() < 0.4):
            return when


def _handling_unions(province: TradeUnion) -> list[TradeUnion]:
    return list(TradeUnion.objects.active().filter(subtree_q("path", province.path))
                .filter(Q(level=Level.CITY) | Q(level=Level.COUNTY)).order_by("path"))


def _data(rng: random.Random, fake: Faker, employers: list[Employer], received_at: datetime.datetime
          ) -> dict[str, Any]:
    # Unpaid wages crowd the line in the weeks before the Spring Festival.
    wage_season = timezone.localtime(received_at).month in (11, 12, 1)
    category = Category.WAGES if wage_season and rng.random() < 0.35 else rng.choice(list(STORIES))
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


class _Timeline:
    """The moments of one case, each after the one before; a step whose moment has not come yet is
    not taken, so the case stays where it had got to by now."""

    def __init__(self, rng: random.Random, start: datetime.datetime, now: datetime.datetime):
        self.rng, self.at, self.now = rng, start, now

    def after(self, low_minutes: float, high_minutes: float, *, not_before: datetime.datetime | None = None) -> bool:
        moment = self.at + datetime.timedelta(minutes=self.rng.uniform(low_minutes, high_minutes))
        if not_before is not None:
            moment = max(moment, not_before)
        if moment >= self.now:
            return False
        self.at = moment
        return True


def _resolve_by(rng: random.Random, case: Case) -> datetime.datetime:
    """Most within the 办结时限, a few after it."""
    if case.due_at is None:
        return case.received_at + datetime.timedelta(days=rng.uniform(1, 5))
    if rng.random() < LATE_SHARE:
        return case.due_at + datetime.timedelta(hours=rng.uniform(2, 72))
    return case.received_at + (case.due_at - case.received_at) * rng.uniform(0.3, 0.9)


def _advance(rng: random.Random, case: Case, stage: str, province: TradeUnion, unions: list[TradeUnion],
             t: _Timeline, staff: Staff) -> None:
    """Take `case` through its steps up to `stage`, each at its own moment after the one before: the
    centre's agent classifies and dispatches, the handling union's cadre does the rest."""
    agent = staff.agent(province)
    if stage == "received":
        return
    # 一般 questions are answered the same day, so the ones still open are mostly the harder kinds.
    weights = [55, 35, 10] if stage in FINISHED else [10, 65, 25]
    difficulty = rng.choices(Difficulty.values, weights=weights)[0]
    if not t.after(2, 30):
        return
    with clock_at(t.at):
        case = case_classify(actor=agent, case=case, category=case.category or Category.OTHER, difficulty=difficulty)
    if stage == "classified" or not t.after(5, 90):
        return
    with clock_at(t.at):
        case = case_dispatch(actor=agent, case=case, union=rng.choice(unions))
    if stage == "dispatched":
        return
    handler = staff.head(case.handling_union)
    if stage == "returned":
        if t.after(60, 600):
            with clock_at(t.at):
                case_return(actor=handler, case=case, reason="经核实不属于本辖区")
        return
    if not t.after(10, 240):  # 签收
        return
    with clock_at(t.at):
        case = case_accept(actor=handler, case=case)
    if stage == "accepted":
        return
    if stage == "escalated":
        if t.after(24 * 60, 3 * 24 * 60):
            with clock_at(t.at):
                case_escalate(actor=handler, case=case, reason="涉及多个部门，需上级协调")
        return
    if not t.after(5, 120):
        return
    with clock_at(t.at):
        case = case_start(actor=handler, case=case)
    if not t.after(20, 240):
        return
    with clock_at(t.at):
        case = case_add_note(actor=handler, case=case, note="已电话联系用人单位了解情况")
    if rng.random() < 0.1 and case.handling_union.path != province.path and t.after(60, 24 * 60):
        with clock_at(t.at):
            case_supervise(actor=staff.head(province), case=case, by_union=province, note="请加快办理，按时反馈")
        case.refresh_from_db()
    if stage == "in_progress" or not t.after(10, 60, not_before=_resolve_by(rng, case)):
        return
    money = rng.choice([0, 0, rng.randint(1, 200) * 500])
    with clock_at(t.at):
        case = case_resolve(actor=handler, case=case, outcome=rng.choice(OUTCOMES), money_recovered=money,
                            people_helped=rng.randint(1, 30))
    if stage == "resolved" or not t.after(24 * 60, 3 * 24 * 60):  # 回访 within three days
        return
    with clock_at(t.at):
        if case.anonymous:
            case = case_callback(actor=handler, case=case, reached=False, note="匿名来电，无法回访")
        else:
            case = case_callback(actor=handler, case=case, rating=rng.choices(Rating.values, weights=[75, 18, 7])[0])
    if stage == "closed" and t.after(30, 2 * 24 * 60):
        with clock_at(t.at):
            case_close(actor=handler, case=case)


# An employer in trouble over the last year: this many calls, all about unpaid wages but one about its
# contracts, the first two from the same worker calling again, mostly finished, the last still open.
TROUBLE_CALLS = 5
TROUBLE_DAYS = (20, 330)  # within the radar's twelve months, whatever day the demo is built


def _troubled_plan(rng: random.Random, troubled: Sequence[Employer], now: datetime.datetime
                   ) -> list[tuple[datetime.datetime, str, Employer, int]]:
    """(received_at, stage, employer, call) for each call about a troubled employer."""
    plan = []
    for employer in troubled:
        days = sorted((rng.uniform(*TROUBLE_DAYS) for _ in range(TROUBLE_CALLS)), reverse=True)
        days[-1] = rng.uniform(0, 4)  # the latest call is this week's, still being handled
        for call, ago in enumerate(days):
            stage = "in_progress" if call == len(days) - 1 else rng.choice(["closed", "closed", "called_back"])
            plan.append((_during_hours(rng, now - datetime.timedelta(days=ago)), stage, employer, call))
    return plan


def _troubled_data(rng: random.Random, fake: Faker, employer: Employer, call: int, received_at: datetime.datetime,
                   repeat: dict[int, dict[str, Any]]) -> dict[str, Any]:
    """A call to the hotline about `employer`'s unpaid wages (the next to last about its contracts);
    the second call comes from the worker who made the first."""
    data = _data(rng, fake, [employer], received_at)
    category = Category.CONTRACT if call == TROUBLE_CALLS - 2 else Category.WAGES
    data.update(line=Line.HOTLINE, channel=Channel.PHONE, category=category, employer=employer,
                employer_name=employer.name,
                region=employer.region_id, anonymous=False, kind=Kind.COMPLAINT,
                description=rng.choice(STORIES[category]).format(n=rng.randint(5, 40), m=rng.randint(20, 300) * 1000))
    data["caller_name"] = data["caller_name"] or fake.name()
    if call == 1 and employer.pk in repeat:
        data.update(repeat[employer.pk])
    repeat.setdefault(employer.pk, {k: data[k] for k in ("caller_name", "caller_phone")})
    return data


def demo_cases(province: TradeUnion, *, count: int = 300, seed: int = 2026, staff: Staff | None = None,
               troubled: Sequence[Employer] = ()) -> int:
    """Create `count` cases received at `province` over the last two years, and TROUBLE_CALLS more
    about each `troubled` employer over the last year, in the order they came in (so the numbers run
    with the dates); returns how many. A call is taken by the agent, a request made on the portal by
    the worker themselves."""
    staff = staff or SystemStaff()
    rng = random.Random(seed)
    fake = Faker("zh_CN")
    fake.seed_instance(seed)
    unions = _handling_unions(province) or [province]
    employers = list(Employer.objects.filter(subtree_q("org_path", province.path)).order_by("pk")[:500])
    now = timezone.now()
    stages, weights = zip(*STAGES, strict=True)
    plan: list[tuple[datetime.datetime, str, Employer | None, int]] = []
    for _ in range(count):
        stage = rng.choices(stages, weights=weights)[0]
        plan.append((_received_at(rng, stage, now), stage, None, 0))
    plan += _troubled_plan(random.Random(seed + 51), troubled, now)
    repeat: dict[int, dict[str, Any]] = {}
    for received_at, stage, about, call in sorted(plan, key=lambda p: p[0]):
        written = min(received_at + datetime.timedelta(seconds=rng.randint(30, 300)), now)  # as the call ends
        data = (_data(rng, fake, employers, received_at) if about is None
                else _troubled_data(rng, fake, about, call, received_at, repeat))
        if data["channel"] == Channel.PORTAL:
            # On the portal the worker signs in with their phone and gives their name: never anonymous.
            data["caller_name"] = data["caller_name"] or fake.name()
            with clock_at(received_at):  # the portal stamps the request when it is sent
                case = case_submit(worker=PortalWorker(phone=data["caller_phone"]), union=province, data=data)
            written = received_at
        else:
            with clock_at(written):
                case = case_intake(actor=staff.agent(province), union=province, data=data).case
        _advance(rng, case, stage, province, unions, _Timeline(rng, written, now), staff)
    case_sweep_overdue(actor=ACTOR)  # the sweep is the system's
    return len(plan)

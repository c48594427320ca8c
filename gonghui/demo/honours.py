"""Demo 荣誉评选: the province's 五一劳动奖章 call of this year in its 公示 (quotas per city, grassroots
nominations checked and passed up within quota, a few returned with the reason, one objection filed
on the portal and still open as a 12351 case), last year's call finished with its awards (decision
number, certificates), and the 劳模 register (demo/honours_register.py). Every step goes through the
services with the clock set to its moment (`demo.timeline`), taken by a cadre of the union that acts:
the nominating union's 经办 for its nominations, the city's for its review, the province's for its
own list, the 公示 and the awards.
"""

import datetime
import random
from dataclasses import dataclass, field
from typing import Any

from django.test.utils import override_settings
from django.utils import timezone

from gonghui.demo.honours_register import build_demo_register, province_abbr
from gonghui.demo.timeline import Moments, Story, play
from gonghui.honours.choices import CheckDecision, NominationStatus, Rank, WorkerCategory
from gonghui.honours.models import AwardKind, Call, HonourNomination
from gonghui.honours.services import (
    award_make,
    call_decide,
    call_issue,
    call_quota_set,
    level_list_submit,
    nomination_check_record,
    nomination_create,
    nomination_pass,
    nomination_return,
    notice_publish,
    objection_file,
)
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.choices import UnionStatus
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import subtree_q

QUOTA = 2  # a city's places: every fourth city puts forward a third, who goes back with the reason
RETURN_EVERY = 4
# Every city has its places; the demo plays the nominations of the first few (the persona's city
# among them): enough for the lists and the checks, at a bounded cost to the build.
NOMINATING = {"current": 8, "last": 6}
RETURNS = ["事迹材料中的主要业绩缺少量化数据和佐证材料，请补充后重新报送。",
           "所在单位意见未经单位党组织签署，请完善推荐程序。",
           "推荐对象近五年已获同级同类荣誉，请核实后重新推荐。"]
DEEDS = [
    ("扎根生产一线二十余年，带领班组攻克关键工序难题，年节约成本{n}万元。", "带领班组攻克关键工序难题"),
    ("主持技术革新{n}项，获国家专利多项，培养高级工和技师三十余名。", "主持技术革新，培养技能人才"),
    ("坚守服务岗位，连续多年零差错零投诉，所在班组获评工人先锋号。", "坚守服务岗位零差错零投诉"),
    ("在重点工程建设中带头攻坚，提前{n}天完成关键节点任务。", "重点工程建设中带头攻坚"),
    ("推广先进操作法，所带班组产品合格率提升至99.8%，创效{n}万元。", "推广先进操作法，提升产品质量"),
]
POSTS = ["车间主任", "班组长", "高级技师", "技术员", "主任工程师", "一线操作工", "质检班长", "维修电工"]
OBJECTION = "反映该同志所在单位长期拖欠部分职工加班工资，推荐其为先进典型不妥，请核实。"


@dataclass
class History:
    rng: random.Random
    staff: Any
    now: datetime.datetime
    today: datetime.date
    province: TradeUnion
    kind: AwardKind
    tally: dict[str, int] = field(default_factory=lambda: {"nominations": 0, "awards": 0, "returned": 0})
    taken: set[int] = field(default_factory=set)  # a member nominated once is not nominated again

    def clerk(self, union: TradeUnion) -> Any:
        return self.staff.clerk(union)

    def day(self, days_ago: int) -> datetime.date:
        return self.today - datetime.timedelta(days=days_ago)


def build_demo_honours(province: TradeUnion, *, staff: Any, seed: int = 2026) -> dict[str, int]:
    now = timezone.now()
    h = History(random.Random(seed + 13), staff, now, timezone.localdate(), province,
                AwardKind.objects.get(code="province_labour_medal"))
    register = build_demo_register(province, staff=staff, seed=seed)
    cities = list(TradeUnion.objects.filter(parent=province, status=UnionStatus.ACTIVE).order_by("path"))
    year = h.today.year
    # Last year's call, from its notice in the spring to the awards; this year's, in its 公示 today.
    play([_call_story(h, cities, year=year - 1, issued=h.day(h.today.timetuple().tm_yday + 300), finished=True),
          _call_story(h, cities, year=year, issued=h.day(75), finished=False)])
    return {**h.tally, **register}


def _candidates(h: History, city: TradeUnion, count: int) -> list[Member]:
    """`count` members of the city's grassroots unions, a woman first so the city's list of two keeps
    the women's share; none where the city has no woman to put forward."""
    rows = list(Member.objects.filter(subtree_q("org_path", city.path), status="active", employer__isnull=False,
                                      union__isnull=False).exclude(pk__in=h.taken)
                .select_related("union", "employer").order_by("pk")[:400])
    h.rng.shuffle(rows)
    women = [m for m in rows if m.gender == "F"]
    men = [m for m in rows if m.gender != "F"]
    if not women:
        return []
    picked = (women[:1] + men[:1] + women[1:2] + men[1:2])[:count]
    h.taken.update(m.pk for m in picked)
    return picked


def _nominate(h: History, call: Call, member: Member) -> HonourNomination:
    text, summary = h.rng.choice(DEEDS)
    category = WorkerCategory.TECHNICAL if h.rng.random() < 0.3 else WorkerCategory.FRONT_LINE
    union = member.union
    assert union is not None
    data = {"member": member, "post": member.job or h.rng.choice(POSTS), "category": category, "rank": Rank.NONE,
            "deeds": text.format(n=h.rng.randint(20, 300)), "deeds_summary": summary,
            "employer_opinion": "经单位党政联席会议研究，同意推荐。"}
    h.tally["nominations"] += 1
    return nomination_create(actor=h.clerk(union), call=call, union=union, data=data)


def _check_and_pass(actor: Any, nomination: HonourNomination, *, accepted: bool = False) -> None:
    nomination.refresh_from_db()
    if accepted:
        nomination_check_record(actor=actor, nomination=nomination, decision=CheckDecision.ACCEPTED,
                                note="经核实，所涉情况已整改到位，同意推荐。")
    else:
        nomination_check_record(actor=actor, nomination=nomination, decision=CheckDecision.CLEAR)
    nomination.refresh_from_db()
    nomination_pass(actor=actor, nomination=nomination)


def _call_story(h: History, cities: list[TradeUnion], *, year: int, issued: datetime.date, finished: bool) -> Story:
    moments = Moments(h.rng, h.now)
    abbr = province_abbr(h.province)
    # This year's 公示 opened three working days or so ago and runs seven, so it is open today.
    notice_on = h.day(4) if not finished else issued + datetime.timedelta(days=60)
    nominations_due = issued + datetime.timedelta(days=30)
    reviews_due = nominations_due + datetime.timedelta(days=21)
    yield moments.on(issued)
    clerk = h.clerk(h.province)
    call = call_issue(actor=clerk, union=h.province, kind=h.kind, year=year, places=QUOTA * len(cities),
                      title=f"关于评选表彰{year}年{h.province.name.removesuffix('总工会')}五一劳动奖章的通知",
                      nominations_due=nominations_due, reviews_due=reviews_due, front_line_min_pct=50,
                      women_min_pct=30, excluded_ranks=[Rank.DIVISION, Rank.BUREAU], notice_working_days=7,
                      document_number=f"{abbr}工发〔{year}〕{h.rng.randint(5, 30)}号",
                      rules_note="推荐对象应为一线职工和专业技术人员为主，处级及以上领导干部不得推荐。")
    for city in cities:
        call_quota_set(actor=clerk, call=call, union=city, places=QUOTA)
    by_city: dict[int, list[HonourNomination]] = {}
    cities = cities[:NOMINATING["last" if finished else "current"]]
    for i, city in enumerate(cities):
        people = _candidates(h, city, QUOTA + (i % RETURN_EVERY == 0))
        yield moments.on(issued + datetime.timedelta(days=h.rng.randint(10, 25)))
        nominations = []
        for member in people:
            nomination = _nominate(h, call, member)
            actor = h.clerk(nomination.union)
            _check_and_pass(actor, nomination)
            level_list_submit(actor=actor, call=call, union=nomination.union)
            nominations.append(nomination)
        by_city[city.pk] = nominations
    for city in cities:
        nominations = by_city[city.pk]
        if not nominations:
            continue
        yield moments.on(nominations_due + datetime.timedelta(days=h.rng.randint(2, 12)))
        actor = h.clerk(city)
        # The city passes its women first so its list keeps the women's share, and returns the third.
        for i, nomination in enumerate(nominations):
            nomination.refresh_from_db()
            if i < QUOTA:
                _check_and_pass(actor, nomination, accepted=i == 1)
            else:
                nomination_check_record(actor=actor, nomination=nomination, decision=CheckDecision.CONCERN,
                                        note="材料不完整")
                nomination.refresh_from_db()
                nomination_return(actor=actor, nomination=nomination, reason=RETURNS[h.tally["returned"] % 3])
                h.tally["returned"] += 1
        if any(n.status == NominationStatus.SELECTED for n in _fresh(nominations)):
            level_list_submit(actor=actor, call=call, union=city)
    yield moments.on(reviews_due + datetime.timedelta(days=h.rng.randint(3, 8)))
    at_province = list(call.nominations.filter(at_union=h.province, status=NominationStatus.PENDING).order_by("pk"))
    if not at_province:
        return
    for nomination in at_province:
        _check_and_pass(clerk, nomination)
    level_list_submit(actor=clerk, call=call, union=h.province)
    yield moments.on(notice_on)
    call.refresh_from_db()
    notice = notice_publish(actor=clerk, call=call, starts_on=notice_on, contact="12351职工服务热线")
    if not finished:
        yield moments.on(h.day(1))
        target = call.nominations.filter(status=NominationStatus.NOTICE).order_by("pk").first()
        if target is not None:
            with override_settings(GONGHUI_SMS_BACKEND="gonghui.accounts.sms_backends.LocmemBackend"):
                objection_file(worker=PortalWorker(phone=f"139{h.rng.randint(10000000, 99999999)}"),
                               nomination_pk=target.pk, text=OBJECTION, objector_name="知情职工")
        return
    decided = notice.ends_on + datetime.timedelta(days=h.rng.randint(5, 12))
    yield moments.on(decided)
    number = f"{abbr}工发〔{year}〕{h.rng.randint(31, 60)}号"
    for seq, nomination in enumerate(call.nominations.filter(status=NominationStatus.NOTICE).order_by("pk"), 1):
        award_make(actor=clerk, nomination=nomination, decision_number=number, decided_on=decided,
                   certificate_number=f"{abbr}五一{year}{seq:04d}")
        h.tally["awards"] += 1
    call.refresh_from_db()
    call_decide(actor=clerk, call=call)


def _fresh(nominations: list[HonourNomination]) -> list[HonourNomination]:
    return list(HonourNomination.objects.filter(pk__in=[n.pk for n in nominations]))

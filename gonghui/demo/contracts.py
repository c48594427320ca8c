"""Demo 集体合同 across the province: the large unionised employers with a wage contract each at every
stage (offers awaiting an answer, some overdue; in negotiation; drafts; adopted; signed and awaiting
filing, some late; under review; in force; expiring in the next 90 days; expired; renewed), a
three-year 综合性 contract at every third of them with its yearly supervision checks, 区域性 and
行业性 wage contracts covering the small employers of a county or a city's industry, and the local
minimum wages (demo figures). Everything goes through the services with the clock set to each step
(`demo.timeline`), and a daily sweep makes reviewed contracts effective, reminds and expires.
"""

import datetime
import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.utils import timezone
from faker import Faker

from gonghui.contracts.choices import Reach, Side, Status
from gonghui.contracts.models import CollectiveContract, ContractKind
from gonghui.contracts.selectors import minimum_wage_for
from gonghui.contracts.services import (
    CoverageIn,
    contract_answer,
    contract_check,
    contract_draft,
    contract_file,
    contract_meet,
    contract_offer,
    contract_publish,
    contract_renew,
    contract_sign,
    contract_sweep,
    contract_vote,
    minimum_wage_set,
)
from gonghui.contracts.tasks import SWEEP_ACTOR
from gonghui.demo import contract_terms as terms
from gonghui.demo.timeline import Moments, Story, play
from gonghui.orgs.choices import EmployerStatus, Industry, Level
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.scope import SystemActor, subtree_q

SYSTEM = SystemActor("demo")
HISTORY_DAYS = 730
LARGE = 20  # workers: the employers the demo gives a contract of their own
LARGE_SHARE = 0.85  # "most": the others stay on the figures page's "no wage contract" list
# Each large employer's wage contract, in turn: the stage it has reached today.
STAGES = ["in_force", "offered", "in_force", "negotiating", "expiring", "in_force", "drafted", "renewed",
          "in_force", "adopted", "signed", "in_force", "filed", "expired", "offered_overdue", "in_force",
          "signed_late", "expiring", "in_force", "renewed"]
# A 区域性 contract in every township or county with enough small employers (they are most of the
# employers, and this is how unions reach them), a few 行业性 ones in the cities.
REGIONAL_MIN, REGIONAL_MAX = 20, 200
REGIONAL_CONTRACTS, INDUSTRY_CONTRACTS = 500, 4


class History:
    def __init__(self, seed: int, staff: Any = None):
        self.staff = staff  # the named cadres who take the steps (demo/staff.py); the system when absent
        self.rng = random.Random(seed + 12)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed + 12)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.first = self.today - datetime.timedelta(days=HISTORY_DAYS)
        self.kinds = {k.code: k for k in ContractKind.objects.all()}
        self.tally = {"contracts": 0, "checks": 0}

    def by(self, side: TradeUnion | CollectiveContract) -> Any:
        """The 经办 of the union (or the contract's union) who negotiates and files its contracts."""
        union = side.union if isinstance(side, CollectiveContract) else side
        return self.staff.clerk(union) if self.staff is not None else SYSTEM

    def day(self, start: datetime.date, low: int, high: int) -> datetime.date:
        return start + datetime.timedelta(days=self.rng.randint(low, high))

    def minimum(self, region: Region | None, on: datetime.date) -> Decimal | None:
        row = minimum_wage_for(region=region, on=on)
        return row.monthly if row else None


def build_demo_contracts(province: TradeUnion, *, staff: Any = None, seed: int = 2026) -> dict[str, int]:
    h = History(seed, staff)
    set_minimum_wages()
    large = _large_employers(h, province)
    stories: list[Story] = []
    for i, employer in enumerate(large):
        stories.append(_employer_story(h, employer, STAGES[i % len(STAGES)]))
        if i % 3 == 0:
            stories.append(_comprehensive_story(h, employer))
    taken = {e.pk for e in large}
    for union, employers, reach, label in _regional_groups(province, taken):
        stories.append(_regional_story(h, union, employers, reach, label))
    stories.append(_daily_sweep(h))
    play(stories)
    return {**h.tally, "in_force": CollectiveContract.objects.filter(status__in=[Status.EFFECTIVE,
                                                                                 Status.PUBLISHED]).count()}


def set_minimum_wages() -> None:
    for adcode, tier in terms.TIER_BY_REGION.items():
        region = Region.objects.filter(adcode=adcode).first()
        if region is not None:
            monthly, hourly = terms.TIERS[tier]
            minimum_wage_set(actor=SYSTEM, region=region, monthly=monthly, hourly=hourly,
                             effective_from=terms.WAGE_FROM, source=terms.WAGE_SOURCE)


def _unionised(province: TradeUnion) -> Any:
    return Employer.objects.filter(subtree_q("org_path", province.path), unionized=True,
                                   status=EmployerStatus.ACTIVE, union__isnull=False)


def _large_employers(h: History, province: TradeUnion) -> list[Employer]:
    """Most of the employers of LARGE workers or more; in a demo too small to have enough of them for
    every stage, the largest ones."""
    qs = _unionised(province).select_related("union", "region").order_by("-employee_count", "pk")
    large = [e for e in qs.filter(employee_count__gte=LARGE) if h.rng.random() < LARGE_SHARE]
    if len(large) < len(STAGES):
        large = list(qs[:len(STAGES)])
    return large


def _regional_groups(province: TradeUnion, taken: set[int]) -> list[tuple[TradeUnion, list[Employer], str, str]]:
    """区域性: a township's or county's small employers (a city's in a small demo); 行业性: a city's
    small employers of one industry. Each covers REGIONAL_MIN to REGIONAL_MAX employers, none covered twice."""
    small = list(_unionised(province).exclude(pk__in=taken).filter(employee_count__lt=LARGE)
                 .order_by("org_path", "pk"))
    groups: list[tuple[TradeUnion, list[Employer], str, str]] = []
    used: set[int] = set()
    # 区域性 in a township or county, in a city only when no smaller place has enough small employers.
    for level, reach, limit in ((Level.TOWNSHIP, Reach.REGIONAL, REGIONAL_CONTRACTS),
                                (Level.CITY, Reach.INDUSTRY, INDUSTRY_CONTRACTS),
                                (Level.COUNTY, Reach.REGIONAL, REGIONAL_CONTRACTS), (Level.CITY, Reach.REGIONAL, 1)):
        if level == Level.CITY and reach == Reach.REGIONAL and any(g[2] == reach for g in groups):
            continue
        limit -= sum(1 for g in groups if g[2] == reach)
        unions = TradeUnion.objects.filter(subtree_q("path", province.path), level=level).order_by("path")
        candidates = []
        for union in unions:
            mine = [e for e in small if e.org_path.startswith(union.path) and e.pk not in used]
            if reach == Reach.REGIONAL:
                candidates.append((union, mine, "工业园区" if level != Level.TOWNSHIP else ""))
                continue
            by_industry: dict[str, list[Employer]] = {}
            for e in mine:
                by_industry.setdefault(e.industry, []).append(e)
            candidates += [(union, rows, str(Industry(code).label)) for code, rows in by_industry.items()]
        candidates = [c for c in candidates if len(c[1]) >= REGIONAL_MIN]
        candidates.sort(key=lambda c: (-len(c[1]), c[0].path))
        for union, rows, label in candidates[:limit]:
            rows = [e for e in rows if e.pk not in used][:REGIONAL_MAX]
            if len(rows) >= REGIONAL_MIN:
                used.update(e.pk for e in rows)
                groups.append((union, rows, reach, label))
    return groups


# Days from one step to the next: answer, two meetings, draft, vote, signature, filing (a late one
# reaches the labour administration after its 10 days).
STEP_DAYS = [("answer", 8, 12), ("meet", 7, 9), ("meet", 7, 9), ("draft", 5, 7), ("vote", 5, 7), ("sign", 2, 3)]
FILE_DAYS, LATE_FILE_DAYS = (3, 6), (12, 15)
LEAD_DAYS = (60, 75)  # from the offer to the term's start


def _plan(h: History, *, on: datetime.date, step: str = "") -> list[tuple[str, datetime.date]]:
    """The steps' days, with the offer on `on`, or `step` (its first time) on `on`."""
    steps, days = [("offer", 0)], 0
    for name, low, high in STEP_DAYS:
        days += h.rng.randint(low, high)
        steps.append((name, days))
    low, high = LATE_FILE_DAYS if h.rng.random() < 0.1 else FILE_DAYS
    steps.append(("file", days + h.rng.randint(low, high)))
    shift = next((d for name, d in steps if name == step), 0)
    return [(name, on + datetime.timedelta(days=d - shift)) for name, d in steps]


def _negotiate(h: History, moments: Moments, contract: CollectiveContract, plan: list[tuple[str, datetime.date]],
               *, stop: str, start: datetime.date, years: int, workers: int, coverage: list[CoverageIn] | None = None,
               party: str = "") -> Iterator[datetime.datetime]:
    """From the offer onwards, each step on its day, up to the step `stop` or today."""
    end = _term_end(start, years)
    topics = iter(terms.MEETING_TOPICS)
    for step, day in plan[1:]:
        if day > h.today or stop == "offered":
            return
        yield moments.on(day)
        contract.refresh_from_db()  # the sweep and the other stories move contracts meanwhile
        if step == "answer":
            contract = contract_answer(actor=h.by(contract), contract=contract, answered_on=day,
                                       note="同意就所提事项进行集体协商")
        elif step == "meet":
            contract_meet(actor=h.by(contract), contract=contract, held_on=day, place="会议室", minutes=next(topics))
        elif step == "draft":
            region = contract.employer.region if contract.employer else contract.union.region
            coded = (terms.wage_terms if contract.kind.is_wage else terms.comprehensive_terms)(
                h.rng, h.minimum(region, start))
            contract = contract_draft(actor=h.by(contract), contract=contract, start_on=start, end_on=end,
                                      coverage=coverage,
                                      text=terms.contract_text(party, contract.kind.name, start, end),
                                      negotiators=terms.negotiators(h.fake, h.rng), terms=coded)
        elif step == "vote":
            contract_vote(actor=h.by(contract), contract=contract, held_on=day, **terms.ballot(h.rng, workers))
        elif step == "sign":
            contract = contract_sign(actor=h.by(contract), contract=contract, signed_on=day)
        else:
            contract = contract_file(actor=h.by(contract), contract=contract, filed_on=day)
        if step == stop:
            return
    if contract.takes_effect_on is None:
        return
    # The daily sweep makes it effective when the review period has run out; it is published after.
    day = h.day(contract.takes_effect_on, 1, 6)
    if day > h.today:
        return
    yield moments.on(day)
    contract.refresh_from_db()
    if contract.status == Status.EFFECTIVE:
        contract_publish(actor=h.by(contract), contract=contract, published_on=day, note="在厂务公开栏和职工群张贴全文")


def _first_of_next_month(day: datetime.date) -> datetime.date:
    return datetime.date(day.year + day.month // 12, day.month % 12 + 1, 1)


def _term_end(start: datetime.date, years: int) -> datetime.date:
    return start.replace(year=start.year + years) - datetime.timedelta(days=1)


def _offer(h: History, employer: Employer, kind: str, day: datetime.date,
           renewed: CollectiveContract | None = None) -> CollectiveContract:
    h.tally["contracts"] += 1
    if renewed is not None:
        return contract_renew(actor=h.by(renewed), contract=renewed, received_on=day,
                              offer_text="合同期满前提出续签协商")
    union = employer.union
    assert union is not None
    return contract_offer(actor=h.by(union), union=union, kind=h.kinds[kind], reach=Reach.EMPLOYER, employer=employer,
                          offered_by=Side.UNION if h.rng.random() < 0.85 else Side.EMPLOYER, received_on=day,
                          offer_text="提出就劳动报酬、工资增长等事项进行集体协商的要约")


# Where each wage contract has got to today: (the last step taken, the step its days are counted
# from, and how many days before today that step was).
OPEN_STAGES = {"offered": ("offered", "offer", (1, 7)), "offered_overdue": ("offered", "offer", (25, 45)),
               "negotiating": ("meet", "meet", (0, 15)), "drafted": ("draft", "draft", (0, 20)),
               "adopted": ("vote", "vote", (0, 15)), "signed": ("sign", "sign", (0, 7)),
               "signed_late": ("sign", "sign", (14, 30)), "filed": ("file", "file", (0, 10))}
# A one-year term in force: its start, days before today (expiring: ends within 90 days; expired:
# ended without renewal; renewed: renewed before it ended).
TERM_STARTS = {"in_force": (20, 250), "expiring": (280, 360), "expired": (375, 500), "renewed": (300, 420)}


def _days_ago(h: History, span: tuple[int, int]) -> datetime.date:
    return h.today - datetime.timedelta(days=h.rng.randint(*span))


def _employer_story(h: History, employer: Employer, stage: str) -> Story:
    moments = Moments(h.rng, h.now)
    workers = employer.employee_count
    if stage in OPEN_STAGES:
        stop, step, span = OPEN_STAGES[stage]
        plan = _plan(h, on=_days_ago(h, span), step=step)
        start = _first_of_next_month(plan[0][1] + datetime.timedelta(days=LEAD_DAYS[1]))
    else:
        stop, start = "", _days_ago(h, TERM_STARTS[stage])
        plan = _plan(h, on=start - datetime.timedelta(days=h.rng.randint(*LEAD_DAYS)))
    yield moments.on(plan[0][1])
    contract = _offer(h, employer, "wage", plan[0][1])
    yield from _negotiate(h, moments, contract, plan, stop=stop, start=start, years=1, workers=workers,
                          party=employer.name)
    if stage != "renewed":
        return
    contract.refresh_from_db()
    if contract.end_on is None:
        return
    # 到期前三个月内 the union offers to renew; the renewal in force ends the old one (已续签).
    offer = contract.end_on - datetime.timedelta(days=h.rng.randint(80, 88))
    if offer > h.today:
        return
    yield moments.on(offer)
    contract.refresh_from_db()
    renewal = _offer(h, employer, "wage", offer, renewed=contract)
    yield from _negotiate(h, moments, renewal, _plan(h, on=offer), stop="", start=contract.end_on
                          + datetime.timedelta(days=1), years=1, workers=workers, party=employer.name)


def _comprehensive_story(h: History, employer: Employer) -> Story:
    """A three-year 综合性 contract in force, checked once a year after its first (履约检查)."""
    moments = Moments(h.rng, h.now)
    start = _first_of_next_month(_days_ago(h, (60, HISTORY_DAYS - 110)))
    plan = _plan(h, on=start - datetime.timedelta(days=h.rng.randint(*LEAD_DAYS)))
    yield moments.on(plan[0][1])
    contract = _offer(h, employer, "comprehensive", plan[0][1])
    yield from _negotiate(h, moments, contract, plan, stop="", start=start, years=3,
                          workers=employer.employee_count, party=employer.name)
    contract.refresh_from_db()
    if contract.effective_on is None or contract.start_on is None:
        return
    for year in range(contract.start_on.year, h.today.year + 1):
        day = datetime.date(year, 12, h.rng.randint(1, 20))
        if day > h.today:
            return
        if day < contract.effective_on:
            continue
        yield moments.on(day)
        contract.refresh_from_db()
        codes = sorted(contract.terms.values_list("variable__code", flat=True))
        broken = [c for c in codes if c.startswith(("hours.overtime", "rest.")) and h.rng.random() < 0.3]
        contract_check(actor=h.by(contract), contract=contract, year=year, checked_on=day,
                       kept=[c for c in codes if c not in broken], broken=broken,
                       note="年度履约检查" + ("，督促企业整改加班和休假条款" if broken else "，各项条款均已履行"))
        h.tally["checks"] += 1


def _regional_story(h: History, union: TradeUnion, employers: list[Employer], reach: str, label: str) -> Story:
    moments = Moments(h.rng, h.now)
    start = _first_of_next_month(_days_ago(h, (60, 300)))
    plan = _plan(h, on=start - datetime.timedelta(days=h.rng.randint(*LEAD_DAYS)))
    day = plan[0][1]
    place = union.name.removesuffix("总工会").removesuffix("工会")
    title = f"{place}{label}{'区域性' if reach == Reach.REGIONAL else '行业'}工资专项集体合同"
    side = f"{place}{label}{'企业联合会' if reach == Reach.REGIONAL else '行业协会'}"
    yield moments.on(day)
    contract = contract_offer(actor=h.by(union), union=union, kind=h.kinds["wage"], reach=reach, offered_by=Side.UNION,
                              received_on=day, employer_side=side, title=title,
                              offer_text="就区域内（行业内）中小企业职工工资增长进行集体协商")
    h.tally["contracts"] += 1
    coverage = [CoverageIn(e, max(1, e.employee_count)) for e in employers]
    yield from _negotiate(h, moments, contract, plan, stop="", start=start, years=1, coverage=coverage,
                          party=place + label,
                          workers=sum(e.employee_count for e in employers))


def _daily_sweep(h: History) -> Story:
    """The periodic sweep, early every morning of the two years."""
    actor = SystemActor(SWEEP_ACTOR)
    day = h.first
    while day <= h.today:
        moment = timezone.make_aware(datetime.datetime.combine(day, datetime.time(6, 0)))
        if moment >= h.now:
            return
        yield moment
        contract_sweep(actor=actor, today=day)
        day += datetime.timedelta(days=1)



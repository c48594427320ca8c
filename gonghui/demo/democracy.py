"""Demo 民主管理 across the province: most unionised employers of 100 or more workers hold a 职代会
(a few smaller ones a 全体职工大会), each with its current term and a roster that meets the composition
rules, a session a year with its votes (a contract draft at every third, a few items not passed) and
the delegates' 提案 at every stage, 厂务公开 items in every category with some reads, the workers'
yearly assessment, and 职工董事/监事 at most of the companies the rule names. Two congresses a dozen
have not met for more than a year and one company in four the rule names has no 职工董事, so the
work lists have content. Every step goes through the services with the clock set to its moment
(`demo.timeline`).
"""

import datetime
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone
from faker import Faker

from gonghui.demo import democracy_text as text
from gonghui.demo.timeline import Moments, Story, play
from gonghui.democracy.choices import (
    AgendaKind,
    CongressForm,
    DelegateCategory,
    DisclosureChannel,
    ProposalAction,
    RuleCode,
    SeatKind,
)
from gonghui.democracy.choices import ProposalStatus as S
from gonghui.democracy.models import CongressSession, CongressTerm, Delegate, WorkersCongress
from gonghui.democracy.rules import current_rules, required_delegates
from gonghui.democracy.services import (
    DelegateInput,
    agenda_item_add,
    agenda_resolve,
    agenda_vote_record,
    congress_establish,
    delegates_elect,
    disclosure_create,
    disclosure_mark_read,
    entitled_for,
    openness_assess,
    proposal_submit,
    proposal_transition,
    seat_elect,
    session_hold,
    term_open,
)
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.choices import EmployerStatus
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import SystemActor, subtree_q

SYSTEM = SystemActor("demo")
HISTORY_DAYS = 730
WITHOUT_CONGRESS = 7  # one large unionised employer in seven has not set one up yet
OVERDUE = 12  # one congress in twelve last met more than a year ago
CONTRACT_EVERY = 3  # a congress in three puts a wage contract draft to the vote
# Where the proposals of a congress's latest session stop, in turn, so every stage is on the lists.
LATEST_STOPS: list[str] = [S.SUBMITTED, S.ASSIGNED, S.ACCEPTED, S.ANSWERED, S.RATED, S.CONVERTED, S.PUBLISHED, S.RATED]
STEPS: list[tuple[str, str]] = [(ProposalAction.ACCEPT, S.ACCEPTED), (ProposalAction.ASSIGN, S.ASSIGNED),
                                 (ProposalAction.ANSWER, S.ANSWERED), (ProposalAction.RATE, S.RATED),
                                 (ProposalAction.PUBLISH, S.PUBLISHED)]
ORDER: list[str] = [S.SUBMITTED, S.ACCEPTED, S.ASSIGNED, S.ANSWERED, S.RATED, S.PUBLISHED]


@dataclass
class History:
    rng: random.Random
    fake: Faker
    now: datetime.datetime
    today: datetime.date
    first: datetime.date
    stops: Iterator[str]
    staff: Any = None  # the named cadres who take the steps (demo/staff.py); the system when absent
    unions: dict[str, TradeUnion] = field(default_factory=dict)
    tally: dict[str, int] = field(default_factory=lambda: {"congresses": 0, "sessions": 0, "proposals": 0,
                                                            "disclosures": 0, "seats": 0, "failed_votes": 0})

    def moments(self) -> Moments:
        return Moments(self.rng, self.now)

    def actor(self, org_path: str) -> Any:
        """The 经办 of the union holding the record (the employer's own union): a union above only
        supervises 民主管理 (democracy/standing.py)."""
        if self.staff is None:
            return SYSTEM
        if org_path not in self.unions:
            self.unions[org_path] = TradeUnion.objects.get(path=org_path)
        return self.staff.clerk(self.unions[org_path])

    def days(self, day: datetime.date, low: int, high: int) -> datetime.date:
        return day + datetime.timedelta(days=self.rng.randint(low, high))


def _cycle(items: list[str]) -> Iterator[str]:
    while True:
        yield from items


def build_demo_democracy(province: TradeUnion, *, staff: Any = None, seed: int = 2026) -> dict[str, int]:
    fake = Faker("zh_CN")
    fake.seed_instance(seed + 12)
    today = timezone.localdate()
    h = History(random.Random(seed + 12), fake, timezone.now(), today, today - datetime.timedelta(days=HISTORY_DAYS),
                _cycle(LATEST_STOPS), staff=staff)
    unionised = list(Employer.objects.filter(subtree_q("org_path", province.path), unionized=True,
                                             status=EmployerStatus.ACTIVE).order_by("org_path", "pk"))
    below = current_rules().whole(RuleCode.ASSEMBLY_BELOW)
    large = [e for i, e in enumerate(e for e in unionised if e.employee_count >= below)
             if i % WITHOUT_CONGRESS != WITHOUT_CONGRESS - 1]
    small = [e for e in unionised if 20 <= e.employee_count < below and e.ownership != "public"]
    assemblies = small[:: max(1, len(small) // max(3, len(large) // 5))]
    rules = current_rules()
    director_kinds = set(rules.codes(RuleCode.DIRECTOR_OWNERSHIPS))
    needs_director = [e for e in large if e.ownership in director_kinds
                      and e.employee_count >= rules.whole(RuleCode.DIRECTOR_MIN_WORKERS)]
    lacking = {e.pk for i, e in enumerate(needs_director) if i % 4 == 1}
    stories: list[Story] = []
    for i, employer in enumerate(large):
        stories.append(_congress(h, employer, CongressForm.REPRESENTATIVE, overdue=i % OVERDUE == 1,
                                 contract=i % CONTRACT_EVERY == 0,
                                 seats=employer in needs_director and employer.pk not in lacking))
        stories.append(_publicity(h, employer))
    for employer in assemblies:
        stories.append(_congress(h, employer, CongressForm.ASSEMBLY, overdue=False, contract=False, seats=False))
        stories.append(_publicity(h, employer))
    play(stories)
    return h.tally


def _session_days(h: History, *, overdue: bool) -> list[datetime.date]:
    """A session a year in the congress's own month; one that stopped meeting did so over a year ago."""
    if overdue:
        return [h.today - datetime.timedelta(days=h.rng.randint(400, 560))]
    month, day = h.rng.randint(3, 11), h.rng.randint(8, 26)
    days = [datetime.date(year, month, day) for year in range(h.first.year, h.today.year + 1)]
    return [d for d in days if h.first + datetime.timedelta(days=60) <= d < h.today]


def _term_dates(h: History, first_session: datetime.date) -> tuple[datetime.date, datetime.date]:
    starts = first_session - datetime.timedelta(days=h.rng.randint(90, 700))
    for years in (3, 4, 5):
        ends = _years_on(starts, years) - datetime.timedelta(days=1)
        if ends > h.today + datetime.timedelta(days=60):
            break
    return starts, ends


def _years_on(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _roster(h: History, term: CongressTerm) -> list[DelegateInput]:
    """A roster that meets the rules: a little above the quota, middle managers and leaders at about
    15%, women and dispatched workers in the proportion of the workforce."""
    total = min(term.workforce, required_delegates(term.workforce, current_rules()) + h.rng.randint(0, 6))
    leaders = math.floor(total * 0.15)
    women = min(total, math.ceil(total * term.women_workforce / term.workforce))
    dispatched = min(total, math.ceil(total * term.dispatched_workforce / term.workforce))
    seats = max(2, min(len(text.CONSTITUENCIES), total // 4))
    # Women and dispatched workers spread over the categories, not bunched in the first rows.
    women_rows, dispatched_rows = set(h.rng.sample(range(total), women)), set(h.rng.sample(range(total), dispatched))
    rows = []
    for i in range(total):
        category = (DelegateCategory.LEADER if i < leaders else
                    h.rng.choices([DelegateCategory.FRONTLINE, DelegateCategory.TECHNICAL, DelegateCategory.MANAGER],
                                  [6, 3, 1])[0])
        woman = i in women_rows
        rows.append(DelegateInput(name=h.fake.name_female() if woman else h.fake.name_male(),
                                  constituency=text.CONSTITUENCIES[i % seats], category=category, is_woman=woman,
                                  is_dispatched=i in dispatched_rows))
    return rows


def _congress(h: History, employer: Employer, form: str, *, overdue: bool, contract: bool, seats: bool) -> Story:
    days = _session_days(h, overdue=overdue)
    if not days:
        return
    moments, act = h.moments(), h.actor(employer.org_path)
    entered = h.days(h.first, 5, 55)  # carried over from the paper records in the first weeks
    starts, ends = _term_dates(h, days[0])
    yield moments.on(entered)
    congress = congress_establish(actor=act, employer=employer, form=form,
                                  established_on=starts - datetime.timedelta(days=h.rng.randint(0, 2000)))
    women = min(employer.women_count, employer.employee_count)
    term = term_open(actor=act, congress=congress, starts_on=starts, ends_on=ends,
                     workforce=employer.employee_count, women_workforce=women,
                     dispatched_workforce=int(employer.employee_count * h.rng.uniform(0.0, 0.12)))
    if form == CongressForm.REPRESENTATIVE:
        delegates_elect(actor=act, term=term, delegates=_roster(h, term))
    h.tally["congresses"] += 1
    for n, day in enumerate(days):
        latest = n == len(days) - 1 and not overdue  # a congress that stopped meeting finished its work
        yield moments.on(day)
        session = session_hold(actor=act, term=term, held_on=day,
                               title=f"第{term.number}届职工代表大会第{n + 1}次会议"
                               if form == CongressForm.REPRESENTATIVE else f"{day.year}年全体职工大会")
        h.tally["sessions"] += 1
        items: list[tuple[str, str]] = [(k, t.format(year=day.year)) for k, t in text.YEARLY_ITEMS]
        if n % 2:
            items.append((AgendaKind.WORKER_RULES, h.rng.choice(text.OTHER_RULES)))
        if contract and (latest or n == 0):
            items.append((text.CONTRACT_DRAFT[0], text.CONTRACT_DRAFT[1].format(year=day.year)))
        if seats and n == 0:
            items.append(text.BOARD_ELECTION)
        passed = _votes(h, session, items)
        if seats and n == 0 and AgendaKind.BOARD_ELECTION in passed:
            _seats(h, employer, session)
        if form == CongressForm.REPRESENTATIVE:
            yield from _proposals(h, congress, session, moments, latest=latest)


def _votes(h: History, session: CongressSession, items: list[tuple[str, str]]) -> set[str]:
    """Counts of a secret ballot; about one item in nine falls short of its majority."""
    entitled, act = entitled_for(session), h.actor(session.org_path)
    passed: set[str] = set()
    for kind, title in items:
        item = agenda_item_add(actor=act, session=session, kind=kind, title=title)
        present = max(math.ceil(entitled * 2 / 3), round(entitled * h.rng.uniform(0.82, 0.98)))
        fails = kind != AgendaKind.BOARD_ELECTION and h.rng.random() < 0.11
        abstained = h.rng.randint(0, max(0, present // 15))
        if fails:
            in_favour = max(0, entitled // 2 - h.rng.randint(1, 3))
            abstained = min(abstained, present - in_favour)
        else:
            in_favour = present - abstained - h.rng.randint(0, max(0, present // 12))
        against = present - in_favour - abstained
        outcome = agenda_vote_record(actor=act, item=item, present=present, in_favour=in_favour,
                                     against=against, abstained=abstained)
        if outcome.passed:
            passed.add(kind)
            agenda_resolve(actor=act, item=item, resolution=text.RESOLUTIONS.get(kind, "大会表决通过。"))
        else:
            h.tally["failed_votes"] += 1
    return passed


def _seats(h: History, employer: Employer, session: CongressSession) -> None:
    starts = session.held_on
    ends = _years_on(starts, 3)
    act = h.actor(employer.org_path)
    kinds = [SeatKind.DIRECTOR] + ([SeatKind.SUPERVISOR] if h.rng.random() < 0.8 else [])
    for kind in kinds:
        seat_elect(actor=act, employer=employer, kind=kind, holder_name=h.fake.name(), elected_by=session,
                   starts_on=starts, ends_on=ends)
        h.tally["seats"] += 1


def _proposals(h: History, congress: WorkersCongress, session: CongressSession, moments: Moments, *,
               latest: bool) -> Iterator[datetime.datetime]:
    """The session's proposals: handed in at the meeting, then reviewed, assigned, answered, rated and
    published over the weeks after it; the latest session's stop at the stages LATEST_STOPS names."""
    delegates, act = list(Delegate.objects.filter(term=session.term).order_by("pk")), h.actor(congress.org_path)
    chosen = h.rng.sample(range(len(text.PROPOSALS)), h.rng.randint(2, 4))
    made = []
    for k in chosen:
        title, content, _dept, _answer = text.PROPOSALS[k]
        submitter, *cosigners = h.rng.sample(delegates, 4)
        made.append((k, proposal_submit(actor=act, congress=congress, submitter=submitter, title=title,
                                        content=content, cosigners=cosigners, session=session)))
        h.tally["proposals"] += 1
    plans = []
    for k, proposal in made:
        stop = next(h.stops) if latest else (S.CONVERTED if h.rng.random() < 0.15 else S.PUBLISHED)
        plans.append((k, proposal, stop))
    # Each proposal's steps, all of them in day order across the session's proposals.
    steps: list[tuple[datetime.date, int, str]] = []
    for j, (_k, _proposal, stop) in enumerate(plans):
        actions: list[str]
        if stop == S.CONVERTED:
            actions = [str(ProposalAction.CONVERT)] + ([] if latest else [str(ProposalAction.PUBLISH)])
        else:
            actions = [action for action, reached in STEPS if ORDER.index(reached) <= ORDER.index(stop)]
        day = h.days(session.held_on, 2, 10)
        for action in actions:
            steps.append((day, j, action))
            day = h.days(day, *((8, 34) if action == ProposalAction.ASSIGN else (2, 14)))
    for day, j, action in sorted(steps):
        if day >= h.today:  # not yet: this proposal waits at the stage it has reached
            continue
        k, proposal, _stop = plans[j]
        yield moments.on(day)
        rating = h.rng.choices(["satisfied", "basic", "dissatisfied"], [6, 3, 1])[0]
        note = (h.rng.choice(text.OPINION_REASONS) if action == ProposalAction.CONVERT else
                text.RATING_NOTES[rating] if action == ProposalAction.RATE else "")
        # A submitter linked to a member (the roster named them) rates the answer on the portal themself.
        member = proposal.submitter.member if action == ProposalAction.RATE else None
        who = PortalWorker(phone=member.phone) if member is not None and member.phone else act
        proposal_transition(actor=who, proposal=proposal, action=action, department=text.PROPOSALS[k][2],
                            answer=text.PROPOSALS[k][3], rating=rating, note=note)


def _publicity(h: History, employer: Employer) -> Story:
    """厂务公开 a quarter, through the categories in turn, read by some of the employer's members; and
    the workers' assessment of each year, in December."""
    moments, act = h.moments(), h.actor(employer.org_path)
    # Admission records the employer of a 单位工会 on its members (members.workplace), and a worker
    # reads only their own employer's 厂务公开.
    readers = list(Member.objects.filter(employer=employer, status="active").order_by("pk")[:12])
    categories = list(text.DISCLOSURES)
    offset = h.rng.randrange(len(categories))
    day = h.days(h.first, 20, 80)
    n = 0
    while day < h.today:
        yield moments.on(day)
        category = categories[(offset + n) % len(categories)]
        title, content = text.DISCLOSURES[category][n % len(text.DISCLOSURES[category])]
        channel = h.rng.choice(DisclosureChannel.values)
        item = disclosure_create(actor=act, employer=employer, category=category,
                                 title=title.format(year=day.year), content=content, channel=channel,
                                 period_start=day, period_end=h.days(day, 10, 30), publish=True)
        h.tally["disclosures"] += 1
        for member in h.rng.sample(readers, min(len(readers), h.rng.randint(0, 5))):
            yield moments.on(min(h.days(day, 0, 6), h.today))
            disclosure_mark_read(member=member, disclosure=item)
        december = datetime.date(day.year, 12, 20)
        following = h.days(day, 75, 110)
        if day < december <= following and december < h.today:
            yield moments.on(december)
            voters = round(employer.employee_count * h.rng.uniform(0.6, 0.9))
            satisfied = round(voters * h.rng.uniform(0.6, 0.85))
            basic = round((voters - satisfied) * h.rng.uniform(0.6, 0.9))
            openness_assess(actor=act, employer=employer, year=december.year, satisfied=satisfied, basic=basic,
                            dissatisfied=voters - satisfied - basic)
        day, n = following, n + 1

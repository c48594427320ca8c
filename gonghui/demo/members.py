"""Demo members for the demo province: real-looking people in every grassroots union, with
new-form workers, migrant workers, card holders, pending applications and open transfers.

The history runs in the order it happened: each union loaded the roster of its existing members
when the platform went live two years ago (over its first months), the co-branded cards were issued
city by city after that, newcomers joined at their own dates since, and this fortnight's
applications and transfers are still waiting. Each step goes through the service with the
services' clock set to its time (`core.clock`).
"""

import datetime
import random
from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Sum
from django.utils import timezone
from faker import Faker

from gonghui.core.clock import clock_at
from gonghui.core.idnumbers import resident_check_character
from gonghui.demo.timeline import at_work
from gonghui.members.choices import (
    Education,
    EmploymentForm,
    Household,
    JoinChannel,
    NewFormGroup,
    PoliticalStatus,
    SkillLevel,
)
from gonghui.members.cleaning import CleanMember, require_clean
from gonghui.members.models import Member, Transfer
from gonghui.members.services.applications import PortalWorker, application_submit
from gonghui.members.services.bulk import members_bulk_admit
from gonghui.members.services.cards import cards_bulk_issue
from gonghui.members.services.transfers import create_transfer
from gonghui.orgs.choices import Level
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import SystemActor

EDUCATION_WEIGHTS = [(Education.JUNIOR, 20), (Education.SENIOR, 30), (Education.COLLEGE, 25),
                     (Education.BACHELOR, 20), (Education.MASTER, 5)]
POLITICAL_WEIGHTS = [(PoliticalStatus.NONE, 70), (PoliticalStatus.CPC, 15), (PoliticalStatus.CYL, 15)]
JOBS = ["操作工", "焊工", "电工", "装配工", "质检员", "仓管员", "司机", "营业员", "会计", "文员", "护士", "教师",
        "厨师", "保洁员", "维修工", "技术员", "工程师", "销售代表", "客服专员", "数控车工"]


GO_LIVE_DAYS = 730  # the platform went live two years ago
ROSTER_SPREAD_DAYS = 150  # the unions loaded their rosters over its first five months
# Growth is uneven: three unions in ten (drawn at random) recruited since go-live, some 45% of
# their members over the two years; the others kept their roster. That is some 7% a year over the
# province, and one or two admissions a growing union, not one a person.
GROWING_SHARE = 0.3
NEW_MEMBER_SHARE = 0.45
MEMBERSHIP_RATE = (0.84, 0.98)  # of a union's headcount; see province.py for the figures reported
EARLIEST_JOIN = datetime.date(1995, 1, 1)
CARD_SHARE = 0.7  # of the members at the time of each city's card batch: 办卡率 ~60% with the newcomers


class MemberFactory:
    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()

    def identity(self, region: str, *, male: bool) -> str:
        while True:
            born = datetime.date(1965, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 39 * 365))
            # GB 11643: the 17th digit is odd for men, even for women.
            sequence = self.rng.randint(0, 499) * 2 + (1 if male else 0)
            body = f"{region}{born:%Y%m%d}{sequence:03d}"
            number = body + resident_check_character(body)
            if number not in self.used_ids:
                self.used_ids.add(number)
                return number

    def phone(self) -> str:
        while True:
            number = self.rng.choice(["138", "139", "150", "151", "158", "177", "181", "186", "199"]) + \
                f"{self.rng.randint(0, 99_999_999):08d}"
            if number not in self.used_phones:
                self.used_phones.add(number)
                return number

    def person(self, region: str) -> dict:
        new_form = self.rng.random() < 0.15
        male = self.rng.random() < 0.55
        pick = self.rng.choices
        data = {
            # Faker's name_male() mixes in women's given names; the given-name lists themselves are sound.
            "name": self.fake.last_name() + (self.fake.first_name_male() if male else self.fake.first_name_female()),
            "id_number": self.identity(region, male=male), "phone": self.phone(),
            "ethnicity": "01" if self.rng.random() < 0.93 else self.rng.choice(["03", "04", "07", "15"]),
            "education": pick([e for e, _ in EDUCATION_WEIGHTS], [w for _, w in EDUCATION_WEIGHTS])[0],
            "political_status": pick([p for p, _ in POLITICAL_WEIGHTS], [w for _, w in POLITICAL_WEIGHTS])[0],
            "household": Household.RURAL if self.rng.random() < 0.3 else Household.URBAN,
            "employment_form": EmploymentForm.REGULAR if self.rng.random() < 0.85 else EmploymentForm.DISPATCHED,
            "job": self.rng.choice(JOBS),
            "skill_level": self.rng.choice([SkillLevel.NONE, SkillLevel.GRADE5, SkillLevel.GRADE4, SkillLevel.GRADE3]),
        }
        if new_form:
            data.update(employment_form=EmploymentForm.NEW_FORM, new_form_group=self.rng.choice(NewFormGroup.values))
        return data

    def join_date(self, clean: CleanMember, founded: datetime.date | None, go_live: datetime.date,
                  today: datetime.date, *, growing: bool) -> datetime.date:
        """After the union was founded and the worker turned 18; newcomers since go-live, rising a little
        year on year, the rest over the years before."""
        adult = (clean.birth_date or datetime.date(1985, 1, 1)) + datetime.timedelta(days=18 * 365 + 5)
        earliest = max(founded or EARLIEST_JOIN, adult, EARLIEST_JOIN)
        if earliest >= go_live or (growing and self.rng.random() < NEW_MEMBER_SHARE):
            start = max(earliest, go_live)
            span = max(1, (today - start).days)
            return start + datetime.timedelta(days=int(span * self.rng.random() ** 0.9))
        return earliest + datetime.timedelta(days=self.rng.randint(0, (go_live - earliest).days - 1))

    def rows_for(self, union: TradeUnion, count: int, go_live: datetime.date, today: datetime.date
                 ) -> Iterator[tuple[CleanMember, datetime.date]]:
        growing = self.rng.random() < GROWING_SHARE
        region = union.region_id or "510104"
        founded = union.founded_on if isinstance(union.founded_on, datetime.date) else None
        for _ in range(count):
            clean = require_clean(self.person(region))
            yield clean, self.join_date(clean, founded, go_live, today, growing=growing)


def grassroots_unions() -> list[TradeUnion]:
    return list(TradeUnion.objects.filter(level=Level.GRASSROOTS).order_by("path"))


def headcounts() -> dict[int, int]:
    return dict(Employer.objects.filter(union__level=Level.GRASSROOTS, status="active").values("union_id")
                .annotate(n=Sum("employee_count")).values_list("union_id", "n"))


NEWCOMER_CHANNELS = [JoinChannel.ONLINE, JoinChannel.QR, JoinChannel.STALL, JoinChannel.ROSTER]


def build_demo_members(*, seed: int = 2026) -> dict[str, int]:
    """Members in every grassroots union, card holders, a few pending applications and transfers."""
    system = SystemActor("demo")
    factory = MemberFactory(seed)
    rng = factory.rng
    now = timezone.now()
    today = timezone.localdate()
    go_live = today - datetime.timedelta(days=GO_LIVE_DAYS)
    unions = grassroots_unions()
    staff = headcounts()
    newcomers: list[tuple[datetime.date, TradeUnion, list]] = []
    admitted = 0
    for union in unions:
        count = max(1, round(staff.get(union.pk, 0) * rng.uniform(*MEMBERSHIP_RATE)))
        roster_day = go_live + datetime.timedelta(days=rng.randint(0, ROSTER_SPREAD_DAYS))
        rows = list(factory.rows_for(union, count, go_live, today))
        veterans = [r for r in rows if r[1] < roster_day]
        if veterans:
            with clock_at(at_work(roster_day, rng)):
                admitted += members_bulk_admit(actor=system, union=union, rows=veterans,
                                               channel=JoinChannel.ROSTER).total
        # A year's newcomers are admitted together (the union's yearly return), on the day the last of
        # them joined: one write a year, as a person-by-person history would cost minutes to build.
        by_year: dict[int, list] = defaultdict(list)
        for row in rows:
            if row[1] >= roster_day:
                by_year[(row[1] - go_live).days // 365].append(row)
        newcomers += [(max(d for _c, d in group), union, group) for group in by_year.values()]
    cards = _card_batches(system, rng, go_live)
    for day, union, group in sorted(newcomers, key=lambda item: (item[0], item[1].pk)):
        with clock_at(min(at_work(day, rng), now)):
            admitted += members_bulk_admit(actor=system, union=union, rows=group,
                                           channel=rng.choice(NEWCOMER_CHANNELS)).total
    applications = _pending_applications(factory, unions, now)
    transfers = _open_transfers(system, rng, unions, admitted, now)
    return {"members": admitted, "cards": cards, "applications": applications, "transfers": transfers}


def _card_batches(system: SystemActor, rng: random.Random, go_live: datetime.date) -> int:
    """The co-branded bank cards, one batch a county in the months after the rosters were in."""
    cards = 0
    for county in TradeUnion.objects.filter(level=Level.COUNTY).order_by("path"):
        day = go_live + datetime.timedelta(days=ROSTER_SPREAD_DAYS + rng.randint(10, 240))
        with clock_at(at_work(day, rng)):
            cards += cards_bulk_issue(actor=system, union=county, limit=int(county.subtree_members * CARD_SHARE))
    return cards


def _pending_applications(factory: MemberFactory, unions: list[TradeUnion], now: datetime.datetime) -> int:
    """This week's applications, not yet reviewed."""
    applications = 0
    for union in unions[:: max(1, len(unions) // 40)]:
        data = factory.person(union.region_id or "510104")
        with clock_at(now - datetime.timedelta(minutes=factory.rng.randint(30, 6 * 24 * 60))):
            application_submit(worker=PortalWorker(phone=data.pop("phone")), union=union, data=data)
        applications += 1
    return applications


def _open_transfers(system: SystemActor, rng: random.Random, unions: list[TradeUnion], admitted: int,
                    now: datetime.datetime) -> int:
    """Transfers asked for within the release period, so they are still open."""
    transfers = 0
    movers = list(Member.objects.filter(status="active").order_by("pk")[:: max(1, admitted // 25)][:25])
    for member in movers:
        target = rng.choice(unions)
        if target.pk != member.union_id:
            with clock_at(now - datetime.timedelta(minutes=rng.randint(60, 12 * 24 * 60))):
                create_transfer(actor=system, member=member, to_union=target, origin=Transfer.Origin.RECEIVING,
                                reason="工作调动", confirmed=True)  # as if the workers had confirmed by SMS
            transfers += 1
    return transfers

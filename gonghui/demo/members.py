"""Demo members for the demo province: real-looking people in every grassroots union, with
new-form workers, migrant workers, card holders, pending applications and open transfers."""

import datetime
import random
from collections.abc import Iterator

from faker import Faker

from gonghui.core.idnumbers import resident_check_character
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
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor

EDUCATION_WEIGHTS = [(Education.JUNIOR, 20), (Education.SENIOR, 30), (Education.COLLEGE, 25),
                     (Education.BACHELOR, 20), (Education.MASTER, 5)]
POLITICAL_WEIGHTS = [(PoliticalStatus.NONE, 70), (PoliticalStatus.CPC, 15), (PoliticalStatus.CYL, 15)]
JOBS = ["操作工", "焊工", "电工", "装配工", "质检员", "仓管员", "司机", "营业员", "会计", "文员", "护士", "教师",
        "厨师", "保洁员", "维修工", "技术员", "工程师", "销售代表", "客服专员", "数控车工"]


class MemberFactory:
    def __init__(self, seed: int = 2026):
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.used_ids: set[str] = set()
        self.used_phones: set[str] = set()

    def identity(self, region: str) -> str:
        while True:
            born = datetime.date(1965, 1, 1) + datetime.timedelta(days=self.rng.randint(0, 39 * 365))
            body = f"{region}{born:%Y%m%d}{self.rng.randint(0, 999):03d}"
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
        pick = self.rng.choices
        data = {
            "name": self.fake.name(), "id_number": self.identity(region), "phone": self.phone(),
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

    def join_date(self) -> datetime.date:
        today = datetime.date.today()
        return today - datetime.timedelta(days=int(self.rng.expovariate(1 / 900)) % 9000)

    def rows_for(self, union: TradeUnion, count: int) -> Iterator[tuple[CleanMember, datetime.date]]:
        region = union.region_id or "510104"
        for _ in range(count):
            yield require_clean(self.person(region)), self.join_date()


def grassroots_unions() -> list[TradeUnion]:
    return list(TradeUnion.objects.filter(level=Level.GRASSROOTS).order_by("path"))


DEMO_CHANNELS = [JoinChannel.ROSTER, JoinChannel.ONLINE, JoinChannel.QR, JoinChannel.STALL]


def build_demo_members(*, per_union: tuple[int, int] = (4, 14), seed: int = 2026) -> dict[str, int]:
    """Members in every grassroots union, card holders, a few pending applications and transfers."""
    system = SystemActor("demo")
    factory = MemberFactory(seed)
    unions = grassroots_unions()
    admitted = 0
    for union in unions:
        count = factory.rng.randint(*per_union)
        channel = factory.rng.choice(DEMO_CHANNELS)
        admitted += members_bulk_admit(actor=system, union=union, rows=list(factory.rows_for(union, count)),
                                       channel=channel).total
    root = TradeUnion.objects.filter(parent__isnull=True).order_by("path").first()
    cards = cards_bulk_issue(actor=system, union=root, limit=int(admitted * 0.62)) if root else 0
    applications = 0
    for union in unions[:: max(1, len(unions) // 40)]:
        data = factory.person(union.region_id or "510104")
        application_submit(worker=PortalWorker(phone=data.pop("phone")), union=union, data=data)
        applications += 1
    transfers = 0
    movers = list(Member.objects.filter(status="active").order_by("pk")[:: max(1, admitted // 25)][:25])
    for member in movers:
        target = factory.rng.choice(unions)
        if target.pk != member.union_id:
            create_transfer(actor=system, member=member, to_union=target, origin=Transfer.Origin.RECEIVING,
                            reason="工作调动", confirmed=True)  # as if the workers had confirmed by SMS
            transfers += 1
    return {"members": admitted, "cards": cards, "applications": applications, "transfers": transfers}

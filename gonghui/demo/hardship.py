"""Demo 困难帮扶 over the last two years: households of the demo county surveyed, applied, reviewed
and filed at their own dates and re-checked every half year, two winters of 送温暖 paid before the
Spring Festival, 夏送清凉 visits to outdoor workers in July, 金秋助学 in late August, the coming
winter's 送温暖 being prepared, and two years of a mutual-aid plan with claims after enrolment.
Everything goes through the services, each step with the services' clock set to its moment
(`demo.timeline`), so the pages, the figures and the audit trail agree and run in causal order.
"""

import datetime
import random
from collections.abc import Callable, Iterator

from django.utils import timezone
from faker import Faker

from gonghui.accounts.models import User
from gonghui.aid.models import AidBatch, AidProgramme
from gonghui.aid.recipients import clean_worker
from gonghui.aid.services import (
    batch_add_recipients,
    batch_approve,
    batch_create,
    batch_mark_paid,
    batch_remove_grants,
    batch_select_eligible,
    batch_submit,
    campaign_create,
    grant_adjust,
    programme_create,
)
from gonghui.assistance.demo import DEMO_LINES
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services import (
    hardship_apply,
    hardship_approve,
    hardship_exit,
    hardship_file_open,
    hardship_recheck,
    hardship_review,
    hardship_survey,
)
from gonghui.core.idnumbers import resident_check_character
from gonghui.demo.names import other_surname, relative_name
from gonghui.demo.staff import DemoStaff
from gonghui.demo.timeline import Moments, Story, play
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member, Membership
from gonghui.mutualaid.models import MutualAidEnrolment, MutualAidPlan
from gonghui.mutualaid.services.claims import claim_approve, claim_pay, claim_review, claim_submit
from gonghui.mutualaid.services.enrolment import enrolment_bulk_create
from gonghui.mutualaid.services.plans import plan_create, plan_open
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import subtree_q

CONSENT_VERSION = "2026-01"
# (causes, yearly incomes of the household: the worker first) — from deep to accidental hardship.
HOUSEHOLDS: list[tuple[list[str], list[int]]] = [
    (["illness"], [18000, 6000, 0]),
    (["illness", "education"], [24000, 0, 0, 0]),
    (["disability"], [14000, 8000]),
    (["single_parent", "education"], [22000, 0]),
    (["unemployment"], [9000, 21000, 0]),
    (["disaster"], [30000, 20000, 0]),
    (["illness", "disability"], [12000, 0, 0]),
    (["other"], [28000, 12000, 0, 0]),
]
# How far along the registry each demo household is (21 filed, 3 in each queue, 2 exited), mixed so
# that a county with few members still has households in file, and every third (the `grassroots`
# login's own union) covers the queues too.
_MIXED = ["filed", "surveyed", "filed", "applied", "filed", "exited", "reviewed", "filed"]
STAGES = _MIXED * 2 + ["filed", "surveyed", "filed", "applied", "filed", "reviewed"] + ["filed"] * 10


HISTORY_DAYS = 730  # the platform went live two years ago (members.GO_LIVE_DAYS)
DIGITISED = 5  # files carried over from the paper registry in the first weeks
# 春节 of the years the demo covers: 送温暖 is handed over in the fortnight before it.
SPRING_FESTIVAL = {2025: datetime.date(2025, 1, 29), 2026: datetime.date(2026, 2, 17),
                   2027: datetime.date(2027, 2, 6)}
CLAIMS = [("肺炎住院治疗", "3200.00"), ("腰椎间盘突出手术", "7600.00"), ("急性阑尾炎手术", "4100.00"),
          ("骨折住院治疗", "5800.00"), ("冠心病住院治疗", "6900.00")]


class History:
    def __init__(self, seed: int, staff: DemoStaff):
        self.staff = staff
        self.rng = random.Random(seed)
        self.fake = Faker("zh_CN")
        self.fake.seed_instance(seed)
        self.now = timezone.now()
        self.today = timezone.localdate()
        self.first = self.today - datetime.timedelta(days=HISTORY_DAYS)
        self.tally = {"grants": 0, "claims": 0}

    def moments(self) -> Moments:
        return Moments(self.rng, self.now)

    def later(self, day: datetime.date, low: int, high: int) -> datetime.date:
        return min(day + datetime.timedelta(days=self.rng.randint(low, high)), self.today)


def build_demo_hardship(province: TradeUnion, *, staff: DemoStaff, seed: int = 2026) -> dict[str, int]:
    """Each step by the cadre whose step it is: the holding union's surveys, applies for the worker,
    reviews and re-checks; the county's head approves and files, its 经办 prepares the aid batches
    and the mutual-aid plan; the province's cadre sets up the province-wide programmes."""
    h = History(seed, staff)
    county = county_of_demo_cadre(province)
    files: list[HardshipFile] = []
    stories = [*_households(h, county, files), *_campaigns(h, province, county), *_mutual_aid(h, county)]
    play(stories)
    return {"files": len(files), "grants": h.tally["grants"], "claims": h.tally["claims"]}


def county_of_demo_cadre(province: TradeUnion) -> TradeUnion:
    """The union the `county` demo login is granted on, so what it sees has content."""
    user = User.objects.filter(username="county").first()
    grant = user.grants.select_related("org").first() if user else None  # type: ignore[attr-defined]
    if grant is not None:
        return grant.org  # type: ignore[no-any-return]
    return TradeUnion.objects.filter(subtree_q("path", province.path), level=Level.COUNTY).order_by("path")[0]


def _survey_days(h: History) -> list[datetime.date]:
    """Per entry of STAGES: the files now in the registry were surveyed over the two years (the first
    few carried over from paper in the first weeks), the ones still in the queues in the last weeks."""
    filed = sum(1 for s in STAGES if s in ("filed", "exited"))
    spread = sorted([h.first + datetime.timedelta(days=h.rng.randint(0, 10)) for _ in range(DIGITISED)]
                    + [h.today - datetime.timedelta(days=h.rng.randint(60, HISTORY_DAYS - 20))
                       for _ in range(filed - DIGITISED)])
    recent = iter(sorted(h.today - datetime.timedelta(days=h.rng.randint(3, 45)) for _ in STAGES))
    older = iter(spread)
    return [next(older) if s in ("filed", "exited") else next(recent) for s in STAGES]


def _households(h: History, county: TradeUnion, files: list[HardshipFile]) -> list[Story]:
    live = Member.objects.filter(subtree_q("org_path", county.path), status__in=LIVE_STATUSES).select_related("union")
    # Every third household from the `grassroots` login's own union, so it has one at each stage too.
    user = User.objects.filter(username="grassroots").first()
    own = user.org_id if user is not None else None
    mine = list(live.filter(union_id=own).order_by("pk")[:8]) if own else []
    others = iter(live.exclude(pk__in=[m.pk for m in mine]).order_by("pk")[: len(STAGES) - len(mine)])
    members = [mine[i // 3] if i % 3 == 0 and i // 3 < len(mine) else next(others, None)
               for i in range(len(STAGES))]
    joined = dict(Membership.objects.filter(member__in=[m for m in members if m], status__in=LIVE_STATUSES)
                  .values_list("member_id", "join_date"))
    stories = []
    for i, (member, stage, surveyed) in enumerate(zip(members, STAGES, _survey_days(h), strict=True)):
        if member is None:
            break
        # A worker is surveyed as a member only once they are one.
        surveyed = min(max(surveyed, joined.get(member.pk, surveyed)), h.today)
        stories.append(_file_story(h, member, HOUSEHOLDS[i % len(HOUSEHOLDS)], stage, surveyed, county, files))
    return stories


def _file_story(h: History, member: Member, household: tuple[list[str], list[int]], stage: str,
                day: datetime.date, county: TradeUnion, files: list[HardshipFile]) -> Story:
    """摸底 → 申请 → 基层审核 → 县级审批 → 建档, each some days after the one before; then the re-checks
    due since (回头看), and for some the exit."""
    moments = h.moments()
    causes, incomes = household
    union = member.union or county
    yield moments.on(day)
    # The holding union's cadre surveys, applies and reviews; the county's head approves and files. A
    # file the county holds itself is prepared by its 经办 and reviewed by its 审核, never its approver.
    if union.pk == county.pk:
        holder, reviewer = h.staff.clerk(county), h.staff.reviewer(county)
    else:
        holder = reviewer = h.staff.head(union)
    approver = h.staff.head(county)
    by = {hardship_review: reviewer, hardship_approve: approver, hardship_file_open: approver}
    file = hardship_survey(actor=holder, union=union, member=member,
                           worker={"name": member.name, "id_number": member.id_number, "phone": member.phone},
                           household=_household(h, member, incomes), causes=causes,
                           # Signed by the worker by name: a fixed word here would reach English pages as data.
                           consent={"signer": member.name, "text_version": CONSENT_VERSION},
                           adcode=union.region_id or county.region_id or DEMO_LINES[0][0],
                           survey_note="年度摸底排查")
    files.append(file)
    if stage == "surveyed":
        return
    steps: list[tuple[Callable[..., HardshipFile], int, int]] = [
        (hardship_apply, 1, 7), (hardship_review, 2, 10), (hardship_approve, 2, 8), (hardship_file_open, 0, 2)]
    for service, low, high in steps:
        day = h.later(day, low, high)
        yield moments.on(day)
        file.refresh_from_db()  # the other stories (a campaign paying it) move the file meanwhile
        file = service(actor=by.get(service, holder), file=file)
        if (stage, service) in (("applied", hardship_apply), ("reviewed", hardship_review)):
            return
    exit_on = h.later(day, 150, 300) if stage == "exited" else None
    while file.next_recheck_on is not None and file.status in ("filed", "aided"):
        # 回头看 mostly in the weeks before it is due, one in seven a little late.
        late = h.rng.random() < 0.15
        done = max(file.next_recheck_on + datetime.timedelta(days=h.rng.randint(3, 20) if late
                                                             else -h.rng.randint(0, 25)), day)
        if done >= h.today or (exit_on is not None and done >= exit_on):
            break
        day = done
        yield moments.on(day)
        file.refresh_from_db()
        file = hardship_recheck(actor=holder, file=file, result="continue", note="入户回访，情况无明显变化")
    if exit_on is not None and exit_on < h.today:
        yield moments.on(max(exit_on, day))
        file.refresh_from_db()
        hardship_exit(actor=holder, file=file, reason="employed", note="家属实现稳定就业")


def _household(h: History, member: Member, incomes: list[int]) -> list[dict[str, str]]:
    """The worker, a spouse with a surname of their own, and children under the father's surname."""
    female = int(member.id_number[16]) % 2 == 0
    own = member.name[0]
    spouse_surname = other_surname(h.fake, own)
    children_surname = spouse_surname if female else own
    people = [{"relation": "self", "name": member.name, "id_number": member.id_number,
               "annual_income": str(incomes[0])}]
    for relation, income in zip(["spouse", "child", "child"], incomes[1:], strict=False):
        if relation == "spouse":
            name = relative_name(h.fake, family_surname=spouse_surname, female=not female)
        else:
            name = relative_name(h.fake, family_surname=children_surname, female=h.rng.random() < 0.5)
        people.append({"relation": relation, "name": name,
                       "id_number": _relative_id(h.rng, adult=relation == "spouse"), "annual_income": str(income)})
    return people


def _relative_id(rng: random.Random, *, adult: bool) -> str:
    year = rng.randint(1975, 1990) if adult else rng.randint(2008, 2018)
    body = f"510104{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + resident_check_character(body)


def _hand_over(h: History, moments: Moments, batch: AidBatch, prepared: datetime.date,
               granted_on: datetime.date) -> Iterator[datetime.datetime]:
    """Submitted and approved between its preparation and the hand-over, marked paid on the day."""
    span = max(2, (granted_on - prepared).days)
    clerk = h.staff.clerk(batch.union)
    yield moments.on(prepared + datetime.timedelta(days=span // 3))
    batch = batch_submit(actor=clerk, batch=batch)
    yield moments.on(prepared + datetime.timedelta(days=2 * span // 3))
    batch = batch_approve(actor=h.staff.head(batch.union), batch=batch)
    yield moments.on(granted_on)
    batch_mark_paid(actor=clerk, batch=batch)
    h.tally["grants"] += batch.grants.filter(status="paid").count()  # type: ignore[attr-defined]


def _campaigns(h: History, province: TradeUnion, county: TradeUnion) -> list[Story]:
    programmes: dict[str, AidProgramme] = {}

    def setup() -> Story:
        yield h.moments().on(h.first)
        head = h.staff.head(province)
        programmes["warmth"] = programme_create(
            actor=head, union=province, kind="winter_warmth", name="送温暖", fund_source="warmth_fund",
            budget="3000000", standard_amount="800", standard_goods_value="200")
        programmes["study"] = programme_create(
            actor=head, union=province, kind="autumn_study_aid", name="金秋助学", fund_source="union_funds",
            budget="1500000", standard_amount="3000")
        programmes["cooling"] = programme_create(
            actor=h.staff.head(county), union=county, kind="summer_cooling", name="夏送清凉", fund_source="union_funds",
            budget="60000", standard_amount="0", standard_goods_value="80")

    stories = [setup()]
    for year in range(h.first.year + 1, h.today.year + 2):
        stories.append(_winter(h, programmes, county, year))
        if datetime.date(year, 8, 31) < h.today:
            stories += [_summer(h, programmes, county, year), _study(h, programmes, county, year)]
    return stories


def _winter(h: History, programmes: dict[str, AidProgramme], county: TradeUnion, year: int) -> Story:
    """元旦春节送温暖: the households in file selected before the new year (or as soon as the registry
    was in), handed over in the fortnight before 春节; next winter's is being prepared now."""
    moments = h.moments()
    festival = SPRING_FESTIVAL.get(year, datetime.date(year, 2, 1))
    prepared = min(max(datetime.date(year - 1, 12, 20), h.first + datetime.timedelta(days=40)),
                   h.today - datetime.timedelta(days=1))
    yield moments.on(prepared - datetime.timedelta(days=10))
    campaign = campaign_create(actor=h.staff.head(programmes["warmth"].union), programme=programmes["warmth"],
                               year=year,
                               starts_on=datetime.date(year, 1, 1), ends_on=festival + datetime.timedelta(days=15),
                               name=f"{year}年元旦春节送温暖")
    granted_on = max(festival - datetime.timedelta(days=h.rng.randint(8, 12)), prepared + datetime.timedelta(days=3))
    yield moments.on(prepared)
    batch = batch_create(actor=h.staff.clerk(county), campaign=campaign, union=county, granted_on=granted_on)
    yield moments.on(prepared)
    added = batch_select_eligible(actor=h.staff.clerk(county), batch=batch).added
    if granted_on < h.today and added:
        yield from _hand_over(h, moments, batch, prepared, granted_on)


def _summer(h: History, programmes: dict[str, AidProgramme], county: TradeUnion, year: int) -> Story:
    """夏送清凉: goods handed to outdoor and new-form workers on a July visit, members or not."""
    moments = h.moments()
    yield moments.on(datetime.date(year, 6, 15))
    summer = campaign_create(actor=h.staff.head(programmes["cooling"].union), programme=programmes["cooling"],
                             year=year,
                             starts_on=datetime.date(year, 7, 1), ends_on=datetime.date(year, 8, 31),
                             name=f"{year}年夏送清凉")
    granted_on = datetime.date(year, 7, h.rng.randint(10, 25))
    prepared = granted_on - datetime.timedelta(days=10)
    groups = ["outdoor", "outdoor", "outdoor", "new_form", "new_form", "migrant"]
    workers = [clean_worker({"name": h.fake.name(), "phone": f"139{year % 100:02d}{h.rng.randint(0, 999999):06d}",
                             "group": h.rng.choice(groups), "cash": "0", "goods_value": "80",
                             "goods": "防暑降温用品（藿香正气水、毛巾、绿豆）"})
               for _ in range(h.rng.randint(6, 9))]
    yield moments.on(prepared)
    visit = batch_create(actor=h.staff.clerk(county), campaign=summer, union=county, granted_on=granted_on)
    yield moments.on(prepared)
    batch_add_recipients(actor=h.staff.clerk(county), batch=visit, recipients=workers)
    yield from _hand_over(h, moments, visit, prepared, granted_on)


def _study(h: History, programmes: dict[str, AidProgramme], county: TradeUnion, year: int) -> Story:
    """金秋助学: the households in file with children in school, before the autumn term."""
    moments = h.moments()
    yield moments.on(datetime.date(year, 7, 20))
    campaign = campaign_create(actor=h.staff.head(programmes["study"].union), programme=programmes["study"],
                               year=year,
                               starts_on=datetime.date(year, 8, 1), ends_on=datetime.date(year, 9, 30),
                               name=f"{year}年金秋助学")
    granted_on = datetime.date(year, 8, h.rng.randint(22, 28))
    prepared = granted_on - datetime.timedelta(days=12)
    yield moments.on(prepared)
    batch = batch_create(actor=h.staff.clerk(county), campaign=campaign, union=county, granted_on=granted_on)
    yield moments.on(prepared)
    batch_select_eligible(actor=h.staff.clerk(county), batch=batch)
    no_pupil = [g.pk for g in batch.grants.select_related("hardship_file")  # type: ignore[attr-defined]
                if g.hardship_file is None or not g.hardship_file.causes.filter(cause="education").exists()]
    if no_pupil:
        yield moments.on(prepared)
        batch_remove_grants(actor=h.staff.clerk(county), batch=batch, grant_ids=no_pupil, reason="家中无在读子女")
    pending = list(batch.grants.filter(status="pending").select_related("hardship_file"))  # type: ignore[attr-defined]
    if pending:
        yield moments.on(prepared)
        for grant in pending:
            grant_adjust(actor=h.staff.clerk(county), grant=grant, **_pupil(grant.hardship_file, county, year))
        yield from _hand_over(h, moments, batch, prepared, granted_on)


def _pupil(file: HardshipFile, county: TradeUnion, year: int) -> dict[str, str]:
    """The household's eldest child, in the school year starting that autumn."""
    child = file.household.filter(relation="child").order_by("position").first()  # type: ignore[attr-defined]
    if child is None:
        return {"student_name": file.worker_name, "school": "四川开放大学", "grade": "一年级"}
    age = year - int(child.id_number[6:10])
    place = county.name.replace("总工会", "")
    if age >= 18:
        school, grade = "四川职业技术学院", "一年级"
    elif age >= 15:
        school, grade = f"{place}第一中学", ["高一", "高二", "高三"][min(age - 15, 2)]
    elif age >= 12:
        school, grade = f"{place}实验中学", ["初一", "初二", "初三"][age - 12]
    else:
        school, grade = f"{place}实验小学", f"{max(1, age - 5)}年级"
    return {"student_name": child.name, "school": school, "grade": grade}


def _mutual_aid(h: History, county: TradeUnion) -> list[Story]:
    """A yearly inpatient plan: opened in December, members enrolled in January, claims after the
    waiting period, each paid some weeks after the stay; this year's last claims still in review."""
    stories = []
    for year in (h.today.year - 1, h.today.year):
        plans: list[MutualAidPlan] = []
        stories.append(_plan(h, county, year, plans))
        for i in range(len(CLAIMS)):
            event = datetime.date(year, 1, 1) + datetime.timedelta(days=45 + i * 60 + h.rng.randint(0, 40))
            if event < h.today - datetime.timedelta(days=14):
                stories.append(_claim(h, plans, i, event))
    return stories


def _plan(h: History, county: TradeUnion, year: int, plans: list[MutualAidPlan]) -> Story:
    moments = h.moments()
    start = datetime.date(year, 1, 1)
    yield moments.on(datetime.date(year - 1, 12, 1))
    plan = plan_create(actor=h.staff.clerk(county), union=county, data={
        "name": "职工住院医疗互助保障计划", "kind": "inpatient", "year": year, "starts_on": start,
        "ends_on": datetime.date(year, 12, 31), "premium": "60", "per_claim_limit": "8000",
        "yearly_limit": "10000", "waiting_days": 30})
    yield moments.on(datetime.date(year - 1, 12, 1))
    plans.append(plan_open(actor=h.staff.head(county), plan=plan))
    yield moments.on(datetime.date(year, 1, 6))
    enrolment_bulk_create(actor=h.staff.clerk(county), plan=plans[0], union=county, enrolled_on=start, paid_on=start)


def _claim(h: History, plans: list[MutualAidPlan], index: int, event: datetime.date) -> Story:
    moments = h.moments()
    day = h.later(event, 10, 25)
    diagnosis, amount = CLAIMS[(index + event.year) % len(CLAIMS)]
    yield moments.on(day)
    enrolment = MutualAidEnrolment.objects.filter(plan=plans[0]).select_related("union").order_by("pk")[index]
    # The member's union submits and reviews; the plan's union (the county) decides and pays.
    own, county = h.staff.head(enrolment.union), plans[0].union
    claim = claim_submit(actor=own, enrolment=enrolment, data={
        "kind": "inpatient", "event_date": event, "amount_claimed": amount, "diagnosis": diagnosis})
    h.tally["claims"] += 1
    for step, low, high in [("review", 3, 7), ("approve", 2, 5), ("pay", 3, 10)]:
        day = day + datetime.timedelta(days=h.rng.randint(low, high))
        if day >= h.today:
            return
        yield moments.on(day)
        if step == "review":
            claim = claim_review(actor=own, claim=claim, note="材料齐全")
        elif step == "approve":
            claim = claim_approve(actor=h.staff.head(county), claim=claim, amount=amount, note="按计划规定核定")
        else:
            claim_pay(actor=h.staff.clerk(county), claim=claim, paid_on=day)

"""Demo 困难帮扶: households of the demo county at every stage of the registry, a 送温暖 campaign
paid out, a 夏送清凉 visit to outdoor workers, a 金秋助学 campaign being prepared, and a mutual-aid
plan with enrolled members and claims. Everything goes through the services, as the real work
does, so the pages, the figures and the audit trail agree.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from gonghui.accounts.models import User
from gonghui.aid.recipients import clean_worker
from gonghui.aid.services import (
    batch_add_recipients,
    batch_approve,
    batch_create,
    batch_mark_paid,
    batch_select_eligible,
    batch_submit,
    campaign_create,
    programme_create,
)
from gonghui.assistance.demo import DEMO_LINES
from gonghui.assistance.models import HardshipFile
from gonghui.assistance.services import (
    hardship_apply,
    hardship_approve,
    hardship_exit,
    hardship_file_open,
    hardship_review,
    hardship_survey,
)
from gonghui.core.idnumbers import resident_check_character
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member
from gonghui.mutualaid.models import MutualAidEnrolment
from gonghui.mutualaid.services.claims import claim_approve, claim_pay, claim_review, claim_submit
from gonghui.mutualaid.services.enrolment import enrolment_bulk_create
from gonghui.mutualaid.services.plans import plan_create, plan_open
from gonghui.orgs.choices import Level
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import SystemActor, subtree_q

SYSTEM = SystemActor("demo")
CONSENT = {"signer": "本人", "text_version": "2026-01"}
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
# How far along the registry each demo household is, in order: the queues are never empty.
STAGES = ["surveyed"] * 3 + ["applied"] * 3 + ["reviewed"] * 3 + ["exited"] * 2 + ["filed"] * 21


def build_demo_hardship(province: TradeUnion, *, seed: int = 2026) -> dict[str, int]:
    rng = random.Random(seed)
    county = _county_of_demo_cadre(province)
    files = _households(county, rng)
    grants = _campaigns(province, county, rng)
    claims = _mutual_aid(county)
    return {"files": len(files), "grants": grants, "claims": claims}


def _county_of_demo_cadre(province: TradeUnion) -> TradeUnion:
    """The union the `county` demo login is granted on, so what it sees has content."""
    user = User.objects.filter(username="county").first()
    grant = user.grants.select_related("org").first() if user else None  # type: ignore[attr-defined]
    if grant is not None:
        return grant.org  # type: ignore[no-any-return]
    return TradeUnion.objects.filter(subtree_q("path", province.path), level=Level.COUNTY).order_by("path")[0]


def _households(county: TradeUnion, rng: random.Random) -> list[HardshipFile]:
    # Every third household from the `grassroots` login's own union, so it has one at each stage too.
    user = User.objects.filter(username="grassroots").first()
    own = user.org_id if user is not None else None
    live = Member.objects.filter(subtree_q("org_path", county.path), status__in=LIVE_STATUSES).select_related("union")
    mine = list(live.filter(union_id=own).order_by("pk")[:8]) if own else []
    others = iter(live.exclude(pk__in=[m.pk for m in mine]).order_by("pk")[: len(STAGES) - len(mine)])
    members = [mine[i // 3] if i % 3 == 0 and i // 3 < len(mine) else next(others, None)
               for i in range(len(STAGES))]
    files = []
    for i, (member, stage) in enumerate(zip(members, STAGES, strict=True)):
        if member is None:
            break
        causes, incomes = HOUSEHOLDS[i % len(HOUSEHOLDS)]
        household = [{"relation": "self", "name": member.name, "id_number": member.id_number,
                      "annual_income": str(incomes[0])}]
        for relation, income in zip(["spouse", "child", "child"], incomes[1:], strict=False):
            label = "配偶" if relation == "spouse" else "子女"
            household.append({"relation": relation, "name": f"{member.name[0]}{label}{len(household)}",
                              "id_number": _relative_id(rng, adult=relation == "spouse"),
                              "annual_income": str(income)})
        file = hardship_survey(actor=SYSTEM, union=member.union, member=member,
                               worker={"name": member.name, "id_number": member.id_number, "phone": member.phone},
                               household=household, causes=causes, consent=CONSENT,
                               adcode=member.union.region_id or county.region_id or DEMO_LINES[0][0],
                               survey_note="年度摸底排查")
        if stage != "surveyed":
            file = hardship_apply(actor=SYSTEM, file=file)
        if stage not in ("surveyed", "applied"):
            file = hardship_review(actor=SYSTEM, file=file)
        if stage in ("filed", "exited"):
            file = hardship_approve(actor=SYSTEM, file=file)
            file = hardship_file_open(actor=SYSTEM, file=file)
        if stage == "exited":
            file = hardship_exit(actor=SYSTEM, file=file, reason="employed", note="家属实现稳定就业")
        files.append(file)
    return files


def _relative_id(rng: random.Random, *, adult: bool) -> str:
    year = rng.randint(1975, 1990) if adult else rng.randint(2008, 2018)
    body = f"510104{year}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}{rng.randint(0, 999):03d}"
    return body + resident_check_character(body)


def _campaigns(province: TradeUnion, county: TradeUnion, rng: random.Random) -> int:
    year = timezone.localdate().year
    warmth = programme_create(actor=SYSTEM, union=province, kind="winter_warmth", name="送温暖",
                              fund_source="warmth_fund", budget="3000000", standard_amount="800",
                              standard_goods_value="200")
    campaign = campaign_create(actor=SYSTEM, programme=warmth, year=year, starts_on=datetime.date(year, 1, 1),
                               ends_on=datetime.date(year, 2, 28), name=f"{year}年元旦春节送温暖")
    batch = batch_create(actor=SYSTEM, campaign=campaign, union=county, granted_on=datetime.date(year, 1, 20))
    granted = batch_select_eligible(actor=SYSTEM, batch=batch).added
    batch = batch_approve(actor=SYSTEM, batch=batch_submit(actor=SYSTEM, batch=batch))
    batch_mark_paid(actor=SYSTEM, batch=batch)

    cooling = programme_create(actor=SYSTEM, union=county, kind="summer_cooling", name="夏送清凉",
                               fund_source="union_funds", budget="60000", standard_amount="0",
                               standard_goods_value="80")
    summer = campaign_create(actor=SYSTEM, programme=cooling, year=year, starts_on=datetime.date(year, 7, 1),
                             ends_on=datetime.date(year, 8, 31), name=f"{year}年夏送清凉")
    visit = batch_create(actor=SYSTEM, campaign=summer, union=county, granted_on=datetime.date(year, 7, 18))
    visited = [("王建华", "outdoor"), ("李秀英", "outdoor"), ("张立军", "new_form"), ("刘海波", "new_form"),
               ("陈玉兰", "outdoor"), ("杨志刚", "migrant")]
    workers = [clean_worker({"name": name, "phone": f"1390000{7000 + i:04d}", "group": group, "cash": "0",
                             "goods": "防暑降温用品（藿香正气水、毛巾、绿豆）", "goods_value": "80"})
               for i, (name, group) in enumerate(visited)]
    granted += batch_add_recipients(actor=SYSTEM, batch=visit, recipients=workers).added
    batch_mark_paid(actor=SYSTEM, batch=batch_approve(actor=SYSTEM, batch=batch_submit(actor=SYSTEM, batch=visit)))

    study = programme_create(actor=SYSTEM, union=province, kind="autumn_study_aid", name="金秋助学",
                             fund_source="union_funds", budget="1500000", standard_amount="3000")
    campaign_create(actor=SYSTEM, programme=study, year=year, starts_on=datetime.date(year, 8, 1),
                    ends_on=datetime.date(year, 9, 30), name=f"{year}年金秋助学")
    return granted


def _mutual_aid(county: TradeUnion) -> int:
    today = timezone.localdate()
    start = today.replace(month=1, day=1)
    plan = plan_create(actor=SYSTEM, union=county, data={
        "name": "职工住院医疗互助保障计划", "kind": "inpatient", "year": start.year, "starts_on": start,
        "ends_on": start.replace(month=12, day=31), "premium": "60", "per_claim_limit": "8000",
        "yearly_limit": "10000", "waiting_days": 30})
    plan = plan_open(actor=SYSTEM, plan=plan)
    enrolment_bulk_create(actor=SYSTEM, plan=plan, union=county, enrolled_on=start, paid_on=start)
    enrolments = list(MutualAidEnrolment.objects.filter(plan=plan).order_by("pk")[:3])
    claims = 0
    for i, enrolment in enumerate(enrolments):
        claim = claim_submit(actor=SYSTEM, enrolment=enrolment, data={
            "kind": "inpatient", "event_date": today - datetime.timedelta(days=40 + 10 * i),
            "amount_claimed": str(Decimal("3200.00") + 900 * i), "diagnosis": "肺炎住院治疗"})
        if i < 2:
            claim = claim_review(actor=SYSTEM, claim=claim, note="材料齐全")
        if i == 0:
            claim = claim_approve(actor=SYSTEM, claim=claim, amount="3200.00", note="按计划规定核定")
            claim_pay(actor=SYSTEM, claim=claim, paid_on=today)
        claims += 1
    return claims

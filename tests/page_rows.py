"""Rows of the kinds the console and portal pages list, added through the services a few at a time,
so tests/test_query_counts.py can render every page at two sizes; and, once, the walk's member's own
rows the portal's detail pages show only to them (add_member_rows)."""

import datetime
from itertools import count

from django.utils import timezone

from gonghui.accounts.resets import reset_request
from gonghui.accounts.roles import RoleCode
from gonghui.activities.services import signup_create
from gonghui.cases.services import case_intake
from gonghui.jobs.services import application_recommend, fair_create, posting_create
from gonghui.members.services.applications import PortalWorker
from gonghui.members.services.cards import card_issue
from gonghui.orgs.choices import Level, UnionKind
from gonghui.testing.activities import make_activity, region_for_tests
from gonghui.testing.world import SYSTEM, World, make_employer, make_member, make_person_id, make_union, make_user

_serial = count(1)


def add_rows(world: World, n: int) -> None:
    """`n` more of each kind, in the province's branch, where the walk's personas see them."""
    region_for_tests()
    for _ in range(n):
        i = next(_serial)
        _org_rows(world, i)
        _case(world, i)
        _activity(world, i)
        _jobs(world, i)
    _positions(world, n)
    _benefits(world, n)
    _skills(world, n)
    for _ in range(n):
        i = next(_serial)
        _hardship_and_aid(world, i)
        _contracts_and_democracy(world, i)
        _honours(world, i)
        _innovation(world, i)
        _reports(world, i)
    add_member_rows(world)


def _org_rows(world: World, i: int) -> None:
    union = make_union(world.township, f"第{i}号示例公司工会委员会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    make_employer(union, f"第{i}号示例公司")
    membership = make_member(world.grassroots, name=f"会员{i}", phone=f"1380000{i:04d}")
    card_issue(actor=SYSTEM, member=membership.member)
    cadre = make_user(f"cadre{i}", world.county, RoleCode.CLERK)
    reset_request(actor=world.sysadmin, user=cadre, reason="忘记密码")


def _case(world: World, i: int) -> None:
    case_intake(actor=SYSTEM, union=world.county, data={
        "caller_name": f"来电人{i}", "caller_phone": f"1370000{i:04d}", "kind": "complaint",
        "employer_name": f"第{i}号示例公司", "description": "被拖欠三个月工资。"})


def _activity(world: World, i: int) -> None:
    activity = make_activity(world.county, title=f"职工羽毛球赛{i}", capacity=50)
    signup_create(worker=PortalWorker(phone=world.membership.member.phone), activity_pk=activity.pk, name="李四")


def _jobs(world: World, i: int) -> None:
    posting = posting_create(actor=SYSTEM, employer=world.employer, title=f"焊工{i}", places=2, pay_min=4000,
                             pay_max=6000, region="510104", contact_name="王", contact_phone="13900001111",
                             expires_on=timezone.localdate() + datetime.timedelta(days=10))
    application_recommend(actor=SYSTEM, posting=posting, member=world.membership.member)
    fair_create(actor=SYSTEM, union=world.county, title=f"专场{i}", mode="online", held_on=timezone.localdate(),
                place="线上")


def _positions(world: World, n: int) -> None:
    from gonghui.positions.tests.setup import station

    for _ in range(n):
        station(world, name=f"工会驿站{next(_serial)}")


def _benefits(world: World, n: int) -> None:
    from gonghui.benefits.services import voucher_issue
    from gonghui.benefits.tests.conftest import make_merchant, make_offer

    for _ in range(n):
        merchant, _partner, _key = make_merchant(world, union=world.county, name=f"书店{next(_serial)}")
        offer = make_offer(merchant, world.county)
        card = world.membership.member.cards.filter(status="active").first() or card_issue(
            actor=SYSTEM, member=world.membership.member)
        voucher_issue(actor=SYSTEM, offer=offer, card_numbers=[card.number])


def _skills(world: World, n: int) -> None:
    from gonghui.skills.tests.competition_helpers import approved, enter

    for _ in range(n):
        competition = approved(SYSTEM, world.county, SYSTEM, title=f"技能竞赛{next(_serial)}")
        enter(SYSTEM, competition)



def _hardship_and_aid(world: World, i: int) -> None:
    from gonghui.aid.services import batch_create, campaign_create, grant_add, programme_create
    from gonghui.assistance.services import hardship_survey
    from gonghui.mutualaid.models import MutualAidEnrolment
    from gonghui.mutualaid.services import claim_submit, enrolment_bulk_create, plan_create, plan_open

    hardship_survey(actor=SYSTEM, union=world.grassroots, causes=["illness"], adcode="510104",
                    worker={"name": f"张困难{i}", "id_number": make_person_id()})
    programme = programme_create(actor=SYSTEM, union=world.county, kind="winter_warmth", name=f"送温暖{i}",
                                 fund_source="warmth_fund", budget="1000", standard_amount="100")
    campaign = campaign_create(actor=SYSTEM, programme=programme, year=2026, starts_on=datetime.date(2026, 1, 1),
                               ends_on=datetime.date(2026, 2, 1))
    batch = batch_create(actor=SYSTEM, campaign=campaign, union=world.county)
    grant_add(actor=SYSTEM, batch=batch, data={"name": f"赵大{i}", "phone": f"1360000{i:04d}"})
    start = timezone.localdate() - datetime.timedelta(days=10)
    plan = plan_open(actor=SYSTEM, plan=plan_create(actor=SYSTEM, union=world.county, data={
        "name": f"住院医疗互助{i}", "kind": "inpatient", "year": start.year, "starts_on": start,
        "ends_on": start + datetime.timedelta(days=300), "premium": "50", "per_claim_limit": "5000",
        "yearly_limit": "10000"}))
    enrolment_bulk_create(actor=SYSTEM, plan=plan, union=world.grassroots)
    for enrolment in MutualAidEnrolment.objects.filter(plan=plan)[:2]:
        claim_submit(actor=SYSTEM, enrolment=enrolment, data={"kind": "inpatient", "event_date": start,
                                                              "amount_claimed": "800", "diagnosis": "肺炎"})


def _contracts_and_democracy(world: World, i: int) -> None:
    from gonghui.contracts.tests.conftest import in_force
    from gonghui.democracy.services import disclosure_create, proposal_submit
    from gonghui.democracy.tests.setup import make_congress

    c = make_congress(world.grassroots, name=f"第{i}号职代会公司")
    in_force(SYSTEM, world.grassroots, employer=c.employer)
    proposal_submit(actor=SYSTEM, congress=c.congress, submitter=c.delegates[0], title=f"提案{i}", content="c",
                    cosigners=c.delegates[1:3])
    disclosure_create(actor=SYSTEM, employer=c.employer, category="wages", title=f"公开{i}", content="c",
                      channel="board", period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 1, 31))


def _honours(world: World, i: int) -> None:
    """A call carried through to its 公示 and award, so the award and the 劳模 register have rows."""
    from gonghui.honours.services import (
        award_make,
        notice_publish,
    )
    from gonghui.honours.tests.conftest import D, carried_to_final, issue, nominate

    call = issue(world, kind_code="province_model_worker", year=2026 + i)
    nomination = nominate(SYSTEM, call, world.grassroots)
    carried_to_final(SYSTEM, call, nomination)
    notice_publish(actor=SYSTEM, call=call, starts_on=D(2027, 5, 10))
    nomination.refresh_from_db()
    award_make(actor=SYSTEM, nomination=nomination, decision_number=f"川工发〔2027〕{i}号", decided_on=D(2027, 5, 20),
               today=D(2027, 5, 20))


def _innovation(world: World, i: int) -> None:
    from gonghui.skills.tests.innovation_setup import pair, studio, suggestion, worker

    suggestion(world.employer)
    studio(world.employer, name=f"劳模创新工作室{i}")
    master, apprentice = worker(world.grassroots, world.employer)[0], worker(world.grassroots, world.employer)[0]
    pair(world.employer, master, apprentice)


def _reports(world: World, i: int) -> None:
    from gonghui.cases.choices import Category
    from gonghui.core.periods import Period
    from gonghui.orgs.scope import SystemActor
    from gonghui.reports.risk.services import risk_refresh
    from gonghui.reports.stats.services import return_open
    from gonghui.reports.tests.risk_helpers import case_about
    from gonghui.reports.workreport.services import work_report_generate

    employer = make_employer(world.grassroots, f"第{i}号风险公司")
    for _ in range(5):
        case_about(employer, category=Category.WAGES)
    risk_refresh(actor=SystemActor("test"))
    union = make_union(world.township, f"第{i}号统计公司工会委员会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    return_open(actor=SYSTEM, union=union, year=2026, today=datetime.date(2026, 12, 1))
    work_report_generate(actor=world.county_admin, union=union, period=Period.parse(str(2000 + i % 20)))


def add_member_rows(world: World) -> None:
    """Once per world, the rows the portal's detail pages show only to the member they belong to: the
    walk's member (world.membership) gets a join application, a seat in their employer's congress with a
    proposal, a disclosure and a contract of that employer, a hardship file, and an objection to a 公示
    that is running today. Made last, so each is the newest row of its kind the walk opens."""
    from gonghui.democracy.models import Delegate

    member = world.membership.member
    if Delegate.objects.filter(member=member).exists():  # made already, by an earlier call
        return
    worker = PortalWorker(phone=member.phone)
    _member_application(world, worker)
    _member_congress(world, member)
    _member_hardship_file(world, member)
    _running_notice(world, worker)
    _roster_and_export(world)


def _member_application(world: World, worker: PortalWorker) -> None:
    from gonghui.members.services.applications import application_submit
    from gonghui.testing.world import member_data

    union = make_union(world.township, "走访示例公司工会委员会", Level.GRASSROOTS, UnionKind.ENTERPRISE)
    data = member_data(name="李四")
    data.pop("phone")
    application_submit(worker=worker, union=union, data=data)


def _member_congress(world: World, member) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from gonghui.contracts.tests.conftest import in_force
    from gonghui.democracy.choices import CongressForm
    from gonghui.democracy.services import (
        congress_establish,
        delegates_elect,
        disclosure_create,
        disclosure_publish,
        proposal_submit,
        session_hold,
        term_open,
    )
    from gonghui.democracy.tests.setup import roster

    employer = member.employer
    today = timezone.localdate()
    congress = congress_establish(actor=SYSTEM, employer=employer, form=CongressForm.REPRESENTATIVE,
                                  established_on=datetime.date(2020, 3, 1))
    term = term_open(actor=SYSTEM, congress=congress, starts_on=datetime.date(today.year - 1, 1, 1),
                     ends_on=datetime.date(today.year + 2, 1, 1), workforce=400, women_workforce=160,
                     dispatched_workforce=20)
    seats = roster()
    seats[10] = replace(seats[10], name=member.name, member_id=member.pk)  # a front-line seat is the member's
    delegates = delegates_elect(actor=SYSTEM, term=term, delegates=seats)
    session_hold(actor=SYSTEM, term=term, held_on=term.starts_on + datetime.timedelta(days=60),
                 title="第一届第二次职工代表大会")
    mine = next(d for d in delegates if d.member_id == member.pk)
    others = [d for d in delegates if d.pk != mine.pk]
    proposal_submit(actor=SYSTEM, congress=congress, submitter=mine, title="关于改善职工食堂的提案", content="c",
                    cosigners=others[:2])
    disclosure_publish(actor=SYSTEM, disclosure=disclosure_create(
        actor=SYSTEM, employer=employer, category="wages", title="工资调整方案", content="c", channel="board",
        period_start=datetime.date(2025, 1, 1), period_end=datetime.date(2025, 1, 31)))
    in_force(SYSTEM, world.grassroots, employer=employer)


def _member_hardship_file(world: World, member) -> None:  # type: ignore[no-untyped-def]
    from gonghui.assistance.services import hardship_survey

    hardship_survey(actor=SYSTEM, union=world.grassroots, worker={}, member=member, causes=["illness"],
                    adcode="510104")


def _running_notice(world: World, worker: PortalWorker) -> None:
    """A call carried to its 公示, which starts today (the honours tests' calendar starts theirs in 2027),
    and an objection the member filed against it."""
    from gonghui.honours.services import (
        notice_publish,
        objection_file,
    )
    from gonghui.honours.tests.conftest import carried_to_final, issue, nominate

    call = issue(world, kind_code="province_model_worker", year=2026 + next(_serial))
    nomination = nominate(SYSTEM, call, world.grassroots)
    carried_to_final(SYSTEM, call, nomination)
    notice_publish(actor=SYSTEM, call=call, starts_on=timezone.localdate())
    objection_file(worker=worker, nomination_pk=nomination.pk, text="事迹与实际不符。", objector_name="李四")


def _roster_and_export(world: World) -> None:
    """A roster workbook uploaded and checked, and a list export queued as a job of the walk's first
    console persona (the province officer), too long to be written in the request."""
    import io

    from django.test.utils import override_settings

    from gonghui.members.services.roster import roster_upload, roster_validate
    from gonghui.members.tests.roster_files import person, upload, xlsx_bytes
    from gonghui.reports.services import export_start

    found = roster_upload(actor=SYSTEM, union=world.grassroots,
                          file=upload(xlsx_bytes([person("周杰"), person("吴敏", 身份证号="123")]), "名单.xlsx"))
    roster_validate(actor=SYSTEM, roster_import=found)
    with override_settings(GONGHUI_EXPORT_DIRECT_ROWS=0):
        export_start(actor=world.province_officer, name="cases.queue", filters={"queue": "all"}, out=io.BytesIO())

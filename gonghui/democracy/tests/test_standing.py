"""Whose 民主管理 record it is: the employer's own union records terms, delegates, votes, proposals,
disclosures and board seats; a union above reads them and records 指导意见 on the congress; a union
elsewhere does not find them."""

import datetime

import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.democracy.choices import AgendaKind, ProposalAction, SeatKind
from gonghui.democracy.models import CongressGuidance
from gonghui.democracy.selectors import employers_for_pick, employers_without_congress
from gonghui.democracy.services import (
    agenda_item_add,
    congress_establish,
    congress_guide,
    delegates_elect,
    disclosure_create,
    openness_assess,
    proposal_submit,
    proposal_transition,
    seat_elect,
    session_hold,
    term_open,
)
from gonghui.democracy.standing import may_act, may_guide
from gonghui.democracy.tests.setup import make_company, make_congress, roster

pytestmark = pytest.mark.django_db
D = datetime.date
ABOVE = ["county_clerk", "county_admin", "province_officer"]


@pytest.fixture
def held(world):
    return make_congress(world.grassroots, actor=world.grassroots_clerk)


def _each_step(actor, c):
    """Every 民主管理 step on the grassroots union's records, each refused alike."""
    yield lambda: term_open(actor=actor, congress=c.congress, starts_on=D(2027, 1, 2), ends_on=D(2030, 1, 1),
                            workforce=400)
    # The newest term: for the holder, the one just opened, so the roster in use is left alone.
    yield lambda: delegates_elect(actor=actor, term=c.congress.terms.order_by("-number").first(), delegates=roster())
    yield lambda: session_hold(actor=actor, term=c.term, held_on=D(2025, 9, 1), title="临时会议")
    yield lambda: agenda_item_add(actor=actor, session=c.session, kind=AgendaKind.WORKER_RULES, title="考勤制度")
    yield lambda: proposal_submit(actor=actor, congress=c.congress, submitter=c.delegates[10], title="夜班供餐",
                                  content="夜班没有热饭。", cosigners=c.delegates[11:13])
    yield lambda: disclosure_create(actor=actor, employer=c.employer, category="wages", title="工资调整",
                                    content="人均增长5%。", channel="board", period_start=D(2025, 3, 1),
                                    period_end=D(2025, 3, 31))
    yield lambda: openness_assess(actor=actor, employer=c.employer, year=2025, satisfied=50, basic=20,
                                  dissatisfied=5)
    yield lambda: seat_elect(actor=actor, employer=c.employer, kind=SeatKind.DIRECTOR, holder_name="周红",
                             elected_by=c.session, starts_on=D(2025, 3, 1), ends_on=D(2028, 3, 1))


@pytest.mark.parametrize("above", ABOVE)
def test_a_union_above_may_not_record_the_grassroots_unions_democracy(world, held, above):
    for step in _each_step(world.people[above], held):
        with pytest.raises(PermissionDenied) as err:
            step()
        assert err.value.code == "not_holder" and "示例科技有限公司工会委员会" in str(err.value.message)


def test_a_union_above_may_not_move_a_proposal_nor_set_up_a_congress(world, held):
    proposal = proposal_submit(actor=world.grassroots_clerk, congress=held.congress, submitter=held.delegates[10],
                               title="夜班供餐", content="夜班没有热饭。", cosigners=held.delegates[11:13])
    with pytest.raises(PermissionDenied):
        proposal_transition(actor=world.county_clerk, proposal=proposal, action=ProposalAction.ACCEPT)
    other = make_company(world.grassroots, name="新建会公司")
    with pytest.raises(PermissionDenied):
        congress_establish(actor=world.county_clerk, employer=other, form="representative",
                           established_on=D(2025, 1, 1))
    assert list(employers_without_congress(actor=world.county_clerk)) == []
    assert other in list(employers_without_congress(actor=world.grassroots_clerk))
    assert held.employer not in list(employers_for_pick(actor=world.county_clerk))


def test_the_holder_still_records_every_step(world, held):
    for step in _each_step(world.grassroots_clerk, held):
        step()


def test_a_union_above_records_guidance_on_the_congress(world, held):
    guidance = congress_guide(actor=world.county_clerk, congress=held.congress, note="请按期召开年度职代会。")
    assert "county_clerk" in guidance.actor_label and "锦江区总工会" in guidance.actor_label
    assert AuditEntry.objects.filter(action="democracy.guide", object_id=str(held.congress.pk)).count() == 1
    congress_guide(actor=world.county_clerk, congress=held.congress, note="请按期召开年度职代会。")
    assert CongressGuidance.objects.filter(congress=held.congress).count() == 1
    with pytest.raises(PermissionDenied) as err:
        congress_guide(actor=world.grassroots_clerk, congress=held.congress, note="自评")
    assert err.value.code == "not_above"
    with pytest.raises(ValidationFailed):
        congress_guide(actor=world.province_officer, congress=held.congress, note=" ")
    with pytest.raises(NotFound):
        congress_guide(actor=world.other_province_officer, congress=held.congress, note="越界")


def test_who_is_offered_what(world, held):
    path = held.congress.org_path
    assert may_act(world.grassroots_clerk, path) and not may_guide(world.grassroots_clerk, path)
    for above in ABOVE:
        assert may_guide(world.people[above], path) and not may_act(world.people[above], path)
    assert not may_act(world.other_province_officer, path) and not may_guide(world.other_province_officer, path)

"""The worker's own side of 民主管理: their delegate seat, their proposals and rating, reads counted
once, the yearly assessment once."""

import datetime

import pytest

from gonghui.core.errors import Conflict, InvalidFields, NotFound, PermissionDenied
from gonghui.democracy.choices import CongressForm, ProposalAction, ProposalStatus
from gonghui.democracy.models import OpennessAssessment
from gonghui.democracy.services import (
    DelegateInput,
    congress_establish,
    delegates_elect,
    disclosure_create,
    disclosure_mark_read,
    openness_assess,
    openness_vote,
    proposal_submit,
    proposal_transition,
    term_open,
)
from gonghui.democracy.tests.setup import make_company, make_congress, roster, worker_at
from gonghui.democracy.worker_selectors import worker_disclosures, worker_proposals, worker_seat
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


def _answered(world, c, submitter):
    p = proposal_submit(actor=world.grassroots_clerk, congress=c.congress, submitter=submitter, title="夜班供餐",
                        content="夜班没有热饭。", cosigners=c.delegates[11:13])
    proposal_transition(actor=world.grassroots_clerk, proposal=p, action=ProposalAction.ACCEPT)
    proposal_transition(actor=world.grassroots_clerk, proposal=p, action=ProposalAction.ASSIGN, department="后勤部")
    return proposal_transition(actor=world.grassroots_clerk, proposal=p, action=ProposalAction.ANSWER,
                               answer="已安排。")


def test_a_roster_links_a_row_to_the_only_member_of_the_employer_with_that_name(world):
    employer = make_company(world.grassroots)
    _worker, member = worker_at(employer, world.grassroots, name="代表5")
    worker_at(employer, world.grassroots, name="代表7")
    worker_at(employer, world.grassroots, name="代表7")  # two of a name: neither is linked
    congress = congress_establish(actor=SYSTEM, employer=employer, form=CongressForm.REPRESENTATIVE,
                                  established_on=datetime.date(2020, 1, 1))
    term = term_open(actor=SYSTEM, congress=congress, starts_on=datetime.date(2024, 1, 1),
                     ends_on=datetime.date(2027, 1, 1), workforce=400, women_workforce=160, dispatched_workforce=20)

    delegates_elect(actor=SYSTEM, term=term, delegates=roster())

    linked = {d.name: d.member_id for d in term.delegates.all()}
    assert linked["代表5"] == member.pk and linked["代表7"] is None and linked["代表1"] is None
    assert worker_seat(member=member).term == term


def test_a_roster_refuses_a_member_of_another_employer_naming_the_row(world):
    c = make_congress(world.grassroots)
    _worker, stranger = worker_at(make_company(world.grassroots), world.grassroots)
    rows = roster()
    rows[3] = DelegateInput(name="某人", constituency="一", category="frontline", member_id=stranger.pk)

    with pytest.raises(InvalidFields) as e:
        delegates_elect(actor=SYSTEM, term=c.term, delegates=rows)

    assert "第 4 行" in str(e.value.errors[0].message)


def test_a_delegate_submits_on_the_portal_and_another_worker_cannot(world):
    c = make_congress(world.grassroots)
    worker, member = worker_at(c.employer, world.grassroots, delegate=c.delegates[10])
    other, _member = worker_at(c.employer, world.grassroots)

    p = proposal_submit(actor=worker, congress=c.congress, submitter=c.delegates[10], title="夜班供餐",
                        content="夜班没有热饭。", cosigners=c.delegates[11:13])
    with pytest.raises(PermissionDenied):
        proposal_submit(actor=other, congress=c.congress, submitter=c.delegates[10], title="t", content="c",
                        cosigners=c.delegates[11:13])

    assert p.events.get().actor_label.startswith("portal:")
    assert list(worker_proposals(member=member)) == [p]


def test_only_the_submitter_rates_the_answer_once_the_seat_is_linked(world):
    c = make_congress(world.grassroots)
    worker, _member = worker_at(c.employer, world.grassroots, delegate=c.delegates[10])
    cosigner, _m = worker_at(c.employer, world.grassroots, delegate=c.delegates[11])
    p = _answered(world, c, c.delegates[10])

    for actor in (cosigner, world.grassroots_clerk):
        with pytest.raises(PermissionDenied):
            proposal_transition(actor=actor, proposal=p, action=ProposalAction.RATE, rating="satisfied")
    with pytest.raises(PermissionDenied):
        proposal_transition(actor=worker, proposal=p, action=ProposalAction.PUBLISH)
    p = proposal_transition(actor=worker, proposal=p, action=ProposalAction.RATE, rating="basic", version=p.version)

    assert p.status == ProposalStatus.RATED and p.rating == "basic"


def test_a_read_is_counted_once_and_only_for_the_members_own_employer(world):
    c = make_congress(world.grassroots)
    _worker, member = worker_at(c.employer, world.grassroots)
    _other, outsider = worker_at(make_company(world.grassroots), world.grassroots)
    item = disclosure_create(actor=SYSTEM, employer=c.employer, category="wages", title="2026年调资方案",
                             content="人均增长5%。", channel="online", period_start=datetime.date(2026, 1, 1),
                             period_end=datetime.date(2026, 12, 31), publish=True)

    assert [disclosure_mark_read(member=member, disclosure=item) for _ in range(2)] == [True, False]
    assert item.reads.count() == 1 and worker_disclosures(member=member).get().is_read
    assert not worker_disclosures(member=outsider).exists()
    with pytest.raises(NotFound):
        disclosure_mark_read(member=outsider, disclosure=item)


def test_a_member_assesses_the_year_once_and_the_count_grows(world):
    c = make_congress(world.grassroots)
    worker, member = worker_at(c.employer, world.grassroots)
    stranger, _m = worker_at(c.employer, world.grassroots)

    row = openness_vote(worker=worker, member=member, rating="satisfied", year=2026)
    with pytest.raises(Conflict):
        openness_vote(worker=worker, member=member, rating="dissatisfied", year=2026)
    with pytest.raises(NotFound):
        openness_vote(worker=stranger, member=member, rating="basic", year=2026)

    row = OpennessAssessment.objects.get(pk=row.pk)
    assert (row.satisfied, row.basic, row.dissatisfied) == (1, 0, 0)


def test_a_cadres_tally_may_not_drop_the_members_own_answers(world):
    c = make_congress(world.grassroots)
    worker, member = worker_at(c.employer, world.grassroots)
    openness_vote(worker=worker, member=member, rating="dissatisfied", year=2026)

    with pytest.raises(InvalidFields) as e:
        openness_assess(actor=SYSTEM, employer=c.employer, year=2026, satisfied=100, basic=20, dissatisfied=0)

    assert e.value.errors[0].field == "dissatisfied" and "1 人" in str(e.value.errors[0].message)
    assert openness_assess(actor=SYSTEM, employer=c.employer, year=2026, satisfied=100, basic=20,
                           dissatisfied=3).dissatisfied == 3

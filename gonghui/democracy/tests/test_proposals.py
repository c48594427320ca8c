import datetime
from zoneinfo import ZoneInfo

import pytest

from gonghui.core.errors import ValidationFailed
from gonghui.democracy.choices import ProposalAction, ProposalStatus, RuleCode
from gonghui.democracy.selectors import proposals_awaiting_committee, proposals_overdue
from gonghui.democracy.services import proposal_submit, proposal_transition, rule_set
from gonghui.democracy.tests.setup import make_congress
from gonghui.democracy.todos import democracy_todos
from gonghui.democracy.workflow import RULES, TRANSITIONS
from gonghui.orgs.scope import scope_for

pytestmark = pytest.mark.django_db
SHANGHAI = ZoneInfo("Asia/Shanghai")


def _submit(world, c, cosigners=2, **kw):
    return proposal_submit(actor=world.grassroots_clerk, congress=c.congress, submitter=c.delegates[10],
                           title="食堂增加夜班供餐", content="夜班职工没有热饭。",
                           cosigners=c.delegates[11:11 + cosigners], **kw)


def test_it_refuses_too_few_cosigners_naming_the_numbers(world):
    c = make_congress(world.grassroots)

    with pytest.raises(ValidationFailed) as e:
        proposal_submit(actor=world.grassroots_clerk, congress=c.congress, submitter=c.delegates[10], title="t",
                        content="c", cosigners=[c.delegates[10], c.delegates[11]])  # the submitter does not count

    assert e.value.field == "cosigners" and "至少 2 名" in str(e.value.message) and "现有 1 名" in str(e.value.message)


def test_a_proposal_goes_from_submission_to_publication(world):
    c = make_congress(world.grassroots)
    p = _submit(world, c)
    assert p.number.endswith("-001") and p.status == ProposalStatus.SUBMITTED

    for action, kw in ((ProposalAction.ACCEPT, {}), (ProposalAction.ASSIGN, {"department": "后勤保障部"}),
                       (ProposalAction.ANSWER, {"answer": "自下月起夜班供餐。"}),
                       (ProposalAction.RATE, {"rating": "satisfied"}), (ProposalAction.PUBLISH, {})):
        p = proposal_transition(actor=world.grassroots_clerk, proposal=p, action=action, **kw)

    assert p.status == ProposalStatus.PUBLISHED and p.rating == "satisfied" and p.published_at is not None
    assert [e.action for e in p.events.all()] == ["submit", "accept", "assign", "answer", "rate", "publish"]


def test_the_answer_deadline_counts_working_days_across_national_day(world):
    c = make_congress(world.grassroots)
    rule_set(actor=world.national_admin, code=RuleCode.ANSWER_WORKING_DAYS, value="3")
    p = proposal_transition(actor=world.grassroots_clerk, proposal=_submit(world, c), action=ProposalAction.ACCEPT)

    assigned_at = datetime.datetime(2025, 9, 30, 10, 0, tzinfo=SHANGHAI)
    p = proposal_transition(actor=world.grassroots_clerk, proposal=p, action=ProposalAction.ASSIGN,
                            department="人力资源部",
                            now=assigned_at)

    # 1–8 October are days off; 9 and 10 October are working days, and so is Saturday the 11th (调休).
    assert p.due_at.astimezone(SHANGHAI).date() == datetime.date(2025, 10, 11)
    assert proposals_overdue(scope=scope_for(world.grassroots_clerk, "democracy.view"),
                             now=datetime.datetime(2025, 10, 12, tzinfo=SHANGHAI)).get() == p


def test_turning_a_submission_into_an_opinion_needs_a_reason(world):
    c = make_congress(world.grassroots)
    p = _submit(world, c)

    with pytest.raises(ValidationFailed) as e:
        proposal_transition(actor=world.grassroots_clerk, proposal=p, action=ProposalAction.CONVERT, note=" ")
    assert e.value.field == "reason"
    p = proposal_transition(actor=world.grassroots_clerk, proposal=p, action=ProposalAction.CONVERT,
                            note="属日常管理事项")
    assert p.status == ProposalStatus.CONVERTED
    assert ProposalStatus.PUBLISHED in TRANSITIONS[ProposalStatus.CONVERTED]


def test_it_refuses_a_step_out_of_order(world):
    c = make_congress(world.grassroots)
    p = _submit(world, c)

    with pytest.raises(ValidationFailed) as e:
        proposal_transition(actor=world.grassroots_clerk, proposal=p, action=ProposalAction.ANSWER, answer="好")
    assert e.value.code == "bad_transition" and "待审查" in str(e.value.message)
    assert set(RULES) == set(ProposalAction.values) - {ProposalAction.SUBMIT}


def test_the_committee_and_overdue_answers_show_in_the_to_do_list(world):
    c = make_congress(world.grassroots)
    _submit(world, c)
    p = proposal_transition(actor=world.grassroots_clerk, proposal=_submit(world, c), action=ProposalAction.ACCEPT)
    proposal_transition(actor=world.grassroots_clerk, proposal=p, action=ProposalAction.ASSIGN, department="安全部",
                        now=datetime.datetime(2025, 1, 2, 9, 0, tzinfo=SHANGHAI))

    todos = {t.key: t.count for t in democracy_todos(user=world.grassroots_clerk)}

    assert todos["democracy.review"] == 1 and todos["democracy.overdue"] == 1
    assert proposals_awaiting_committee(scope=scope_for(world.grassroots_clerk, "democracy.view")).count() == 1
    assert democracy_todos(user=world.no_grants) == []

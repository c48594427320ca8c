
import pytest

from gonghui.contracts.choices import Action, Body, Reach, Status
from gonghui.contracts.models import ContractEvent, Meeting
from gonghui.contracts.services import (
    contract_answer,
    contract_approve,
    contract_check,
    contract_meet,
    contract_object,
    contract_publish,
    contract_renew,
    contract_sign,
    contract_sweep,
    contract_terminate,
    contract_vote,
)
from gonghui.contracts.tests.conftest import D, drafted, filed, in_force, offer
from gonghui.contracts.workflow import TRANSITIONS, allowed_actions
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import InvalidFields, ValidationFailed
from gonghui.testing.world import SYSTEM

pytestmark = pytest.mark.django_db


def test_an_offer_is_answered_within_20_days_and_shows_overdue_when_not(world):
    c = offer(world.grassroots_clerk, world.grassroots, employer=world.employer, received=D(2026, 3, 2))
    # 20 days after 2 March 2026 is Sunday 22 March: the period ends on Monday 23 March (第203条).
    assert (c.status, c.answer_due) == (Status.OFFERED, D(2026, 3, 23))
    from gonghui.contracts.selectors import contract_list
    from gonghui.core.permissions import Perm
    from gonghui.orgs.scope import scope_for

    scope = scope_for(world.grassroots_clerk, Perm.CONTRACT_VIEW)
    assert list(contract_list(scope=scope, show="overdue_answer", today=D(2026, 3, 23))) == []
    assert list(contract_list(scope=scope, show="overdue_answer", today=D(2026, 3, 24))) == [c]
    c = contract_answer(actor=world.grassroots_clerk, contract=c, answered_on=D(2026, 3, 10))
    assert (c.status, c.answered_on) == (Status.NEGOTIATING, D(2026, 3, 10))


def test_an_answer_due_on_national_day_moves_to_the_next_working_day(world):
    # 20 days after 15 Sept 2026 is 5 October, a holiday; 8 October is the next working day.
    c = offer(world.grassroots_clerk, world.grassroots, employer=world.employer, received=D(2026, 9, 15))
    assert c.answer_due == D(2026, 10, 8)


def test_each_step_from_offer_to_publication_leaves_its_event_and_audit_row(world):
    actor = world.grassroots_clerk
    c = drafted(actor, world.grassroots, employer=world.employer)
    assert c.status == Status.DRAFTED
    contract_vote(actor=actor, contract=c, body=Body.CONGRESS, held_on=D(2026, 3, 20), entitled=90, present=60,
                  in_favour=45)
    c.refresh_from_db()
    assert c.status == Status.ADOPTED
    c = contract_sign(actor=actor, contract=c, signed_on=D(2026, 3, 25))
    assert (c.status, c.filing_due) == (Status.SIGNED, D(2026, 4, 7))  # 4 April is 清明: moved past the holiday
    from gonghui.contracts.services import contract_file

    c = contract_file(actor=actor, contract=c, filed_on=D(2026, 4, 8))
    assert c.filed_late is True
    c = contract_approve(actor=actor, contract=c, effective_on=D(2026, 4, 15))
    assert (c.status, c.effective_on) == (Status.EFFECTIVE, D(2026, 4, 15))
    c = contract_publish(actor=actor, contract=c, published_on=D(2026, 4, 16))
    assert c.status == Status.PUBLISHED
    actions = list(ContractEvent.objects.filter(contract=c).values_list("action", flat=True))
    assert actions == [Action.OFFER, Action.ANSWER, Action.DRAFT, Action.VOTE, Action.SIGN, Action.FILE,
                       Action.APPROVE, Action.PUBLISH]
    assert AuditEntry.objects.filter(action__startswith="contract.", object_id=str(c.pk)).count() == len(actions)


def test_meetings_are_recorded_only_while_negotiating(world):
    c = offer(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(ValidationFailed) as err:
        contract_meet(actor=world.grassroots_clerk, contract=c, held_on=D(2026, 3, 12), minutes="纪要")
    assert err.value.code == "bad_transition"
    c = contract_answer(actor=world.grassroots_clerk, contract=c, answered_on=D(2026, 3, 10))
    contract_meet(actor=world.grassroots_clerk, contract=c, held_on=D(2026, 3, 12), minutes="纪要", place="会议室")
    with pytest.raises(ValidationFailed) as err:
        contract_meet(actor=world.grassroots_clerk, contract=c, held_on=D(2026, 3, 9), minutes="纪要")
    assert err.value.field == "held_on"
    assert Meeting.objects.filter(contract=c).count() == 1


def test_an_objection_sends_the_contract_back_to_negotiation(world):
    c = filed(world.grassroots_clerk, world.grassroots, employer=world.employer)
    c = contract_object(actor=world.grassroots_clerk, contract=c, objection="工资条款低于最低工资标准")
    assert (c.status, c.takes_effect_on) == (Status.NEGOTIATING, None)
    contract_sweep(actor=SYSTEM, today=D(2026, 5, 1))
    c.refresh_from_db()
    assert c.status == Status.NEGOTIATING


def test_a_term_of_three_years_inclusive_passes_and_a_day_more_is_refused(world):
    c = drafted(world.grassroots_clerk, world.grassroots, employer=world.employer, start=D(2026, 1, 1),
                end=D(2028, 12, 31))
    assert c.end_on == D(2028, 12, 31)
    with pytest.raises(InvalidFields) as err:
        drafted(world.grassroots_clerk, world.grassroots, employer=world.employer, start=D(2026, 1, 1),
                end=D(2029, 1, 1))
    assert [e.field for e in err.value.errors] == ["end_on"]
    assert "2028-12-31" in str(err.value.errors[0].message)


def test_backwards_dates_and_unequal_negotiators_are_named(world):
    from gonghui.contracts.choices import Side
    from gonghui.contracts.services import NegotiatorIn, contract_draft

    c = contract_answer(actor=world.grassroots_clerk, contract=offer(world.grassroots_clerk, world.grassroots,
                                                                 employer=world.employer), answered_on=D(2026, 3, 3))
    people = [NegotiatorIn(Side.UNION, f"甲{i}", "", i == 0) for i in range(4)]
    people += [NegotiatorIn(Side.EMPLOYER, f"乙{i}", "", i == 0) for i in range(3)] + [
        NegotiatorIn(Side.EMPLOYER, "甲1")]
    with pytest.raises(InvalidFields) as err:
        contract_draft(actor=world.grassroots_clerk, contract=c, start_on=D(2026, 5, 1), end_on=D(2026, 4, 1), text="x",
                       negotiators=people, terms={"wages.increase_rate": "abc"})
    codes = {e.code for e in err.value.errors}
    assert {"dates_backwards", "negotiator_both_sides", "term_number"} <= codes
    c.refresh_from_db()
    assert (c.status, c.negotiators.count()) == (Status.NEGOTIATING, 0)  # nothing half-written


def test_unequal_numbers_a_side_are_refused(world):
    from gonghui.contracts.choices import Side
    from gonghui.contracts.services import NegotiatorIn
    from gonghui.contracts.services.negotiation import clean_negotiators

    rows = [NegotiatorIn(Side.UNION, f"甲{i}", "", i == 0) for i in range(4)]
    rows += [NegotiatorIn(Side.EMPLOYER, f"乙{i}", "", i == 0) for i in range(3)]
    with pytest.raises(InvalidFields) as err:
        clean_negotiators(rows)
    assert err.value.errors[0].code == "negotiators_unequal"
    with pytest.raises(InvalidFields) as err:
        clean_negotiators(rows[:2] + rows[4:6])
    assert {e.code for e in err.value.errors} == {"negotiator_count"}


def _draft_with(world, people):
    from gonghui.contracts.services import contract_draft

    c = contract_answer(actor=world.grassroots_clerk, contract=offer(world.grassroots_clerk, world.grassroots,
                                                                 employer=world.employer), answered_on=D(2026, 3, 3))
    return c, lambda: contract_draft(actor=world.grassroots_clerk, contract=c, start_on=D(2026, 5, 1),
                                     end_on=D(2027, 4, 30), text="x", negotiators=people, terms={})


def _sides(union_extra, employer_extra):
    from gonghui.contracts.choices import Side
    from gonghui.contracts.services import NegotiatorIn

    return ([NegotiatorIn(Side.UNION, f"甲{i}", "", i == 0) for i in range(2)] + [union_extra]
            + [NegotiatorIn(Side.EMPLOYER, f"乙{i}", "", i == 0) for i in range(2)] + [employer_extra])


def test_one_person_on_both_sides_is_caught_by_a_spaced_name_and_named_with_both_sides(world):
    from gonghui.contracts.choices import Side
    from gonghui.contracts.services import NegotiatorIn

    _c, draft = _draft_with(world, _sides(NegotiatorIn(Side.UNION, "张三"), NegotiatorIn(Side.EMPLOYER, "张 三")))
    with pytest.raises(InvalidFields) as err:
        draft()
    [both] = [e for e in err.value.errors if e.code == "negotiator_both_sides"]
    assert str(both.message) == "张三同时列为职工方和用人单位方的协商代表，一人只能代表一方。"


def test_one_member_on_both_sides_under_two_names_is_caught_by_who_they_are(world):
    from gonghui.contracts.choices import Side
    from gonghui.contracts.services import NegotiatorIn
    from gonghui.members.models import Member

    member = world.membership.member
    Member.objects.filter(pk=member.pk).update(employer=world.employer)
    c, draft = _draft_with(world, _sides(NegotiatorIn(Side.UNION, "李四"),
                                         NegotiatorIn(Side.EMPLOYER, "李四（人事部）", member_id=member.pk)))
    with pytest.raises(InvalidFields) as err:
        draft()
    assert [str(e.message) for e in err.value.errors] == [
        "职工方协商代表李四与用人单位方协商代表李四（人事部）是同一会员，一人只能代表一方。"]
    c.refresh_from_db()
    assert c.negotiators.count() == 0


def test_a_negotiator_linked_to_a_member_of_another_employer_is_refused_and_a_unique_name_is_linked(world):
    from gonghui.contracts.choices import Side
    from gonghui.contracts.services import NegotiatorIn
    from gonghui.members.models import Member

    member = world.membership.member
    Member.objects.filter(pk=member.pk).update(employer=None)
    _c, draft = _draft_with(world, _sides(NegotiatorIn(Side.UNION, "李四", member_id=member.pk),
                                         NegotiatorIn(Side.EMPLOYER, "丙")))
    with pytest.raises(InvalidFields) as err:
        draft()
    assert [e.code for e in err.value.errors] == ["member_elsewhere"]
    Member.objects.filter(pk=member.pk).update(employer=world.employer)
    _c, draft = _draft_with(world, _sides(NegotiatorIn(Side.UNION, "李四"), NegotiatorIn(Side.EMPLOYER, "丙")))
    linked = draft()
    assert linked.negotiators.get(name="李四").member_id == member.pk


def test_a_supervision_check_records_which_terms_were_kept_once_a_year(world):
    c = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer,
                 terms={"wages.increase_rate": "5", "hours.weekly": "40"})
    check = contract_check(actor=world.grassroots_clerk, contract=c, year=2026, checked_on=D(2026, 12, 1),
                           kept=["wages.increase_rate"], broken=["hours.weekly"], note="超时加班")
    assert (check.kept, check.broken) == (["wages.increase_rate"], ["hours.weekly"])
    with pytest.raises(ValidationFailed) as err:
        contract_check(actor=world.grassroots_clerk, contract=c, year=2026, checked_on=D(2026, 12, 2), kept=[],
                       broken=[])
    assert err.value.code == "check_twice"


def test_termination_needs_a_reason_and_ends_the_coverage(world):
    c = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer)
    with pytest.raises(ValidationFailed) as err:
        contract_terminate(actor=world.grassroots_clerk, contract=c, ended_on=D(2026, 6, 1), reason=" ")
    assert err.value.field == "reason"
    c = contract_terminate(actor=world.grassroots_clerk, contract=c, ended_on=D(2026, 6, 1), reason="企业破产")
    assert c.status == Status.TERMINATED
    assert not c.coverage.filter(in_force=True).exists()
    assert allowed_actions(c.status) == []


def test_renewal_opens_three_months_before_the_end_and_the_new_contract_replaces_the_old(world):
    old = in_force(world.grassroots_clerk, world.grassroots, employer=world.employer, start=D(2026, 4, 1),
                   end=D(2027, 3, 31))
    with pytest.raises(ValidationFailed) as err:
        contract_renew(actor=world.grassroots_clerk, contract=old, received_on=D(2026, 12, 31), today=D(2026, 12, 31))
    assert err.value.code == "renewal_too_early"
    new = contract_renew(actor=world.grassroots_clerk, contract=old, received_on=D(2027, 1, 1), today=D(2027, 1, 1))
    assert new.renewed_from == old and new.status == Status.OFFERED
    with pytest.raises(ValidationFailed):
        contract_renew(actor=world.grassroots_clerk, contract=old, received_on=D(2027, 1, 2), today=D(2027, 1, 2))
    from gonghui.contracts.services import contract_draft, contract_file

    new = contract_answer(actor=world.grassroots_clerk, contract=new, answered_on=D(2027, 1, 5))
    from gonghui.contracts.tests.conftest import negotiators

    new = contract_draft(actor=world.grassroots_clerk, contract=new, start_on=D(2027, 4, 1), end_on=D(2030, 3, 31),
                         text="续签文本", negotiators=negotiators(), terms={})
    contract_vote(actor=world.grassroots_clerk, contract=new, body=Body.ALL_WORKERS, held_on=D(2027, 1, 20),
                  entitled=100, present=70, in_favour=60)
    new.refresh_from_db()
    new = contract_sign(actor=world.grassroots_clerk, contract=new, signed_on=D(2027, 1, 25))
    new = contract_file(actor=world.grassroots_clerk, contract=new, filed_on=D(2027, 1, 28))
    contract_sweep(actor=SYSTEM, today=new.takes_effect_on)
    new.refresh_from_db()
    old.refresh_from_db()
    assert (new.status, old.status) == (Status.EFFECTIVE, Status.RENEWED)


def test_the_transition_table_reaches_every_status_but_the_first():
    reached = set().union(*TRANSITIONS.values())
    assert reached == set(Status.values) - {Status.OFFERED}


def test_an_offer_for_a_regional_contract_needs_the_employer_side_and_no_single_employer(world):
    with pytest.raises(InvalidFields) as err:
        offer(world.township_clerk, world.township, reach=Reach.REGIONAL, employer=world.employer)
    assert {e.field for e in err.value.errors} == {"employer", "employer_side"}


def test_a_draft_kept_in_the_employers_own_reach_covers_only_that_employer(world, regional):
    from gonghui.contracts.tests.conftest import covering

    with pytest.raises(InvalidFields) as err:
        drafted(world.grassroots_clerk, world.grassroots, employer=world.employer, coverage=covering(regional))
    assert err.value.errors[0].code == "employer_reach_one"

import datetime
import itertools

import pytest
from django.utils import timezone

from gonghui.cases.choices import Action, Rating, Status
from gonghui.cases.models import Case, CaseEvent
from gonghui.cases.services import (
    case_accept,
    case_add_note,
    case_assign,
    case_callback,
    case_classify,
    case_close,
    case_dispatch,
    case_reopen,
    case_resolve,
    case_return,
    case_start,
)
from gonghui.cases.workflow import RULES, TRANSITIONS, allowed_actions, check_action
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import InvalidFields, ValidationFailed

S = Status

# The whole status graph, written out by hand so a change to the rules must change this too.
EXPECTED_TRANSITIONS = {
    S.RECEIVED: {S.CLASSIFIED},
    S.CLASSIFIED: {S.DISPATCHED, S.IN_PROGRESS},
    S.DISPATCHED: {S.ACCEPTED, S.RETURNED, S.DISPATCHED},
    S.ACCEPTED: {S.DISPATCHED, S.RETURNED, S.IN_PROGRESS},
    S.RETURNED: {S.DISPATCHED, S.IN_PROGRESS},
    S.IN_PROGRESS: {S.RESOLVED, S.DISPATCHED},
    S.RESOLVED: {S.CALLED_BACK},
    S.CALLED_BACK: {S.CLOSED, S.REOPENED},  # the caller's own request after rating 不满意
    S.CLOSED: {S.REOPENED},
    S.REOPENED: {S.DISPATCHED, S.IN_PROGRESS},
}


def test_the_status_graph_is_exactly_the_documented_one():
    assert {k: set(v) for k, v in TRANSITIONS.items()} == EXPECTED_TRANSITIONS


@pytest.mark.parametrize(("status", "action"), list(itertools.product(Status.values, RULES)))
def test_every_action_is_allowed_exactly_from_its_listed_statuses(status, action):
    if status in RULES[action].sources:
        assert check_action(status, action) is RULES[action]
        assert action in allowed_actions(status)
    else:
        with pytest.raises(ValidationFailed) as refused:
            check_action(status, action)
        assert refused.value.code == "bad_transition" and refused.value.field == "status"
        assert "不能" in str(refused.value.message)


def test_a_case_goes_from_the_call_to_the_archive_leaving_a_timeline(world, hotline, county2_admin, new_case):
    case = new_case()
    assert case.status == S.RECEIVED and case.number.startswith("12351-")
    case = case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
    case = case_dispatch(actor=hotline, case=case, union=world.county2, note="请涪城区办理")
    assert (case.status, case.handling_union, case.dispatched_from) == (S.DISPATCHED, world.county2, world.province)
    case = case_accept(actor=county2_admin, case=case)
    case = case_start(actor=county2_admin, case=case)
    assert case.handler == county2_admin
    case = case_add_note(actor=county2_admin, case=case, note="已电话联系用人单位")
    case = case_resolve(actor=county2_admin, case=case, outcome="协调单位补发工资", money_recovered="12,000元",
                        people_helped="3")
    case = case_callback(actor=county2_admin, case=case, rating="满意", note="诉求人表示满意")
    case = case_close(actor=county2_admin, case=case)
    assert case.status == S.CLOSED and str(case.money_recovered) == "12000.00" and case.people_helped == 3
    assert all([case.classified_at, case.dispatched_at, case.accepted_at, case.started_at, case.resolved_at,
                case.called_back_at, case.closed_at])
    actions = list(CaseEvent.objects.filter(case=case).values_list("action", flat=True))
    assert actions == ["intake", "classify", "dispatch", "accept", "start", "note", "resolve", "callback", "close"]
    assert AuditEntry.objects.filter(object_id=str(case.pk), action__startswith="case.").count() == len(actions)
    assert case.version == len(actions)


def test_a_refused_transition_changes_nothing(world, hotline, new_case):
    case = new_case()
    with pytest.raises(ValidationFailed) as refused:
        case_resolve(actor=hotline, case=case, outcome="已办")
    assert refused.value.code == "bad_transition"
    case.refresh_from_db()
    assert case.status == S.RECEIVED and case.version == 1
    assert CaseEvent.objects.filter(case=case).count() == 1


def test_a_return_needs_a_reason_and_goes_back_to_the_dispatcher(world, hotline, county2_admin, classified_case):
    case = case_dispatch(actor=hotline, case=classified_case(), union=world.county2)
    with pytest.raises(ValidationFailed) as no_reason:
        case_return(actor=county2_admin, case=case, reason="  ")
    assert no_reason.value.field == "reason"
    case = case_return(actor=county2_admin, case=case, reason="不属于本辖区，单位注册地在锦江区")
    assert (case.status, case.handling_union, case.dispatched_from) == (S.RETURNED, world.province, None)
    case = case_dispatch(actor=hotline, case=case, union=world.county)
    assert (case.status, case.handling_union) == (S.DISPATCHED, world.county)


def test_classification_names_every_wrong_field(world, hotline, new_case):
    with pytest.raises(InvalidFields) as wrong:
        case_classify(actor=hotline, case=new_case(), category="薪水", difficulty="")
    assert {e.field for e in wrong.value.errors} == {"category", "difficulty"}


def test_resolution_checks_the_outcome_money_and_people(world, hotline, classified_case):
    case = case_start(actor=hotline, case=classified_case())
    with pytest.raises(InvalidFields) as wrong:
        case_resolve(actor=hotline, case=case, outcome="", money_recovered="-5", people_helped="三")
    assert {e.field for e in wrong.value.errors} == {"outcome", "money_recovered", "people_helped"}


def _closed(world, hotline, classified_case, rating):
    case = case_start(actor=hotline, case=classified_case())
    case = case_resolve(actor=hotline, case=case, outcome="已答复")
    case = case_callback(actor=hotline, case=case, rating=rating)
    return case_close(actor=hotline, case=case)


def test_only_a_dissatisfied_caller_reopens_and_only_within_30_days(world, hotline, classified_case):
    satisfied = _closed(world, hotline, classified_case, Rating.SATISFIED)
    with pytest.raises(ValidationFailed) as refused:
        case_reopen(actor=hotline, case=satisfied, reason="再次来电")
    assert refused.value.code == "not_dissatisfied"
    unhappy = _closed(world, hotline, classified_case, Rating.DISSATISFIED)
    too_late = timezone.now() + datetime.timedelta(days=31)
    with pytest.raises(ValidationFailed) as late:
        case_reopen(actor=hotline, case=unhappy, reason="再次来电", now=too_late)
    assert late.value.code == "reopen_window"
    reopened = case_reopen(actor=hotline, case=unhappy, reason="诉求人对结果不满意")
    assert (reopened.status, reopened.rating) == (S.REOPENED, "")
    assert reopened.due_at > reopened.reopened_at  # a new period from the reopening


def test_an_unreachable_caller_is_called_back_without_a_rating_but_with_a_note(world, hotline, classified_case):
    case = case_resolve(actor=hotline, case=case_start(actor=hotline, case=classified_case()), outcome="已答复")
    with pytest.raises(ValidationFailed) as no_note:
        case_callback(actor=hotline, case=case, reached=False)
    assert no_note.value.field == "callback_note"
    case = case_callback(actor=hotline, case=case, reached=False, note="三次回访电话均未接通")
    assert (case.status, case.rating) == (S.CALLED_BACK, "")


def test_a_handler_must_be_able_to_handle_the_unions_cases(world, hotline, county2_admin, classified_case):
    case = classified_case()
    with pytest.raises(InvalidFields) as wrong:
        case_assign(actor=hotline, case=case, handler=county2_admin)
    assert wrong.value.errors[0].field == "handler"
    case = case_dispatch(actor=hotline, case=case, union=world.county2)
    case = case_assign(actor=county2_admin, case=case, handler=county2_admin)
    assert case.handler == county2_admin
    assert Case.objects.get(pk=case.pk).status == S.DISPATCHED
    assert CaseEvent.objects.filter(case=case, action=Action.ASSIGN).exists()

"""申请重新办理: the caller reopens their own closed case from the portal within 30 days."""

import datetime

import pytest

from gonghui.cases.models import CaseEvent, CaseNotification
from gonghui.cases.services import (
    case_accept,
    case_classify,
    case_close,
    case_dispatch,
    case_follow,
    case_rate,
    case_request_reopen,
    case_resolve,
    case_start,
    case_submit,
)
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.members.services.applications import PortalWorker

pytestmark = pytest.mark.django_db
PHONE = "13912340002"
WORKER = PortalWorker(phone=PHONE)


@pytest.fixture
def rated(world, hotline):
    """Filed on the portal, handled by the county, rated by the worker."""
    def make(rating: str = "satisfied"):
        case = case_submit(worker=WORKER, union=world.province, data={"caller_name": "王五", "description": "欠薪"})
        case = case_classify(actor=hotline, case=case, category="wages", difficulty="hard")
        case = case_dispatch(actor=hotline, case=case, union=world.county)
        case = case_start(actor=world.county_admin, case=case_accept(actor=world.county_admin, case=case))
        case = case_resolve(actor=world.county_admin, case=case, outcome="已补发")
        return case_rate(worker=WORKER, number=case.number, rating=rating)

    return make


def test_within_30_days_of_closing_the_worker_reopens_it_and_the_county_is_told(world, rated):
    case = case_close(actor=world.county_admin, case=rated())
    assert case_follow(number=case.number, phone=PHONE).can_reopen
    later = case.closed_at + datetime.timedelta(days=29)
    reopened = case_request_reopen(worker=WORKER, number=case.number, reason="工资又停发了", now=later)
    assert (reopened.status, reopened.rating, reopened.handling_union) == ("reopened", "", world.county)
    assert reopened.reopened_at == later and reopened.due_at > later
    event = CaseEvent.objects.get(case=case, action="caller_reopen")
    assert (event.old_status, event.new_status, event.note) == ("closed", "reopened", "工资又停发了")
    assert AuditEntry.objects.filter(action="case.caller_reopen", object_id=str(case.pk)).exists()
    notices = CaseNotification.objects.filter(case=case, action="caller_reopen").select_related("recipient__org")
    assert world.county_admin in {n.recipient for n in notices}
    assert {n.recipient.org for n in notices} == {world.county} and case.number in notices[0].text
    assert not case_follow(number=case.number, phone=PHONE).can_reopen


def test_a_case_rated_dissatisfied_may_be_reopened_before_it_is_closed(world, rated):
    case = rated("dissatisfied")
    assert case_follow(number=case.number, phone=PHONE).can_reopen
    assert case_request_reopen(worker=WORKER, number=case.number, reason="结果不满意").status == "reopened"


def test_after_30_days_the_worker_is_told_why_in_both_languages(world, rated):
    case = case_close(actor=world.county_admin, case=rated())
    with pytest.raises(ValidationFailed) as late:
        case_request_reopen(worker=WORKER, number=case.number, reason="又欠薪了",
                            now=case.closed_at + datetime.timedelta(days=31))
    body = late.value.as_dict()
    assert late.value.code == "reopen_refused" and "30天" in body["message_zh"] and body["message_en"]
    case.refresh_from_db()
    assert case.status == "closed"


def test_an_open_or_satisfied_unclosed_case_cannot_be_reopened(world, rated):
    case = rated("satisfied")
    assert not case_follow(number=case.number, phone=PHONE).can_reopen
    with pytest.raises(ValidationFailed):
        case_request_reopen(worker=WORKER, number=case.number, reason="再看看")


def test_another_phone_gets_the_same_answer_as_a_missing_case(world, rated):
    case = case_close(actor=world.county_admin, case=rated())
    with pytest.raises(NotFound):
        case_request_reopen(worker=PortalWorker(phone="13700000009"), number=case.number, reason="冒名")
    case.refresh_from_db()
    assert case.status == "closed"


import datetime
from decimal import Decimal

import pytest

from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import Conflict, PermissionDenied, ValidationFailed
from gonghui.members.services.applications import PortalWorker
from gonghui.skills.innovation_choices import SuggestionAction, SuggestionChannel, SuggestionStatus
from gonghui.skills.services.suggestions import (
    patent_register,
    suggestion_assess_benefit,
    suggestion_enter,
    suggestion_reward,
    suggestion_submit,
    suggestion_transition,
)
from gonghui.skills.suggestion_selectors import suggestion_events, suggestions_for_worker
from gonghui.skills.tests.innovation_setup import TODAY, employer_in, suggestion, worker

pytestmark = pytest.mark.django_db


def implemented(world, **kw):
    s = suggestion(world.employer, **kw)
    suggestion_transition(actor=world.county_clerk, suggestion=s, action="adopt", on=datetime.date(2025, 3, 10),
                          today=TODAY)
    return suggestion_transition(actor=world.county_clerk, suggestion=s, action="implement",
                                 on=datetime.date(2025, 4, 1), note="已在二车间推广", today=TODAY)


def test_a_suggestion_goes_from_review_to_implementation_with_its_timeline_and_audit(world):
    s = implemented(world)

    assert s.status == SuggestionStatus.IMPLEMENTED
    assert (s.decided_on, s.implemented_on) == (datetime.date(2025, 3, 10), datetime.date(2025, 4, 1))
    assert [e.action for e in suggestion_events(suggestion=s)] == ["submit", "adopt", "implement"]
    assert AuditEntry.objects.filter(action="skills.suggestion_implement", object_id=str(s.pk)).exists()


def test_it_refuses_a_rejection_without_a_reason(world):
    s = suggestion(world.employer)
    with pytest.raises(ValidationFailed) as e:
        suggestion_transition(actor=world.county_clerk, suggestion=s, action="reject", today=TODAY)
    assert e.value.field == "reason"

    s = suggestion_transition(actor=world.county_clerk, suggestion=s, action="reject", note="已有同类方案",
                              today=TODAY)
    assert (s.status, s.review_note) == (SuggestionStatus.REJECTED, "已有同类方案")


def test_it_refuses_to_implement_what_was_not_adopted(world):
    s = suggestion(world.employer)
    with pytest.raises(ValidationFailed) as e:
        suggestion_transition(actor=world.county_clerk, suggestion=s, action="implement", today=TODAY)
    assert (e.value.field, e.value.code) == ("status", "bad_transition")


def test_it_refuses_a_review_dated_before_the_submission_or_in_the_future(world):
    s = suggestion(world.employer)
    for day in (datetime.date(2025, 3, 1), datetime.date(2025, 7, 1)):
        with pytest.raises(ValidationFailed) as e:
            suggestion_transition(actor=world.county_clerk, suggestion=s, action="adopt", on=day, today=TODAY)
        assert e.value.field == "on"


def test_a_stale_version_is_refused(world):
    s = suggestion(world.employer)
    with pytest.raises(Conflict):
        suggestion_transition(actor=world.county_clerk, suggestion=s, action="adopt", version=s.version + 1,
                              today=TODAY)


def test_the_benefit_is_assessed_in_wan_yuan_only_once_implemented(world):
    s = suggestion(world.employer)
    with pytest.raises(ValidationFailed) as e:
        suggestion_assess_benefit(actor=world.county_clerk, suggestion=s, benefit="3", assessor="财务部",
                                  assessed_on=TODAY, today=TODAY)
    assert e.value.code == "not_implemented"

    s = implemented(world, title="另一项")
    for bad in ("-1", "1.234", "abc"):
        with pytest.raises(ValidationFailed) as e:
            suggestion_assess_benefit(actor=world.county_clerk, suggestion=s, benefit=bad, assessor="财务部",
                                      assessed_on=TODAY, today=TODAY)
        assert e.value.field == "benefit"
    with pytest.raises(ValidationFailed) as e:
        suggestion_assess_benefit(actor=world.county_clerk, suggestion=s, benefit="3", assessor=" ",
                                  assessed_on=TODAY, today=TODAY)
    assert e.value.field == "assessor"

    s = suggestion_assess_benefit(actor=world.county_clerk, suggestion=s, benefit="12.50", assessor="财务部 王会计",
                                  assessed_on=datetime.date(2025, 5, 6), today=TODAY)
    s = suggestion_assess_benefit(actor=world.county_clerk, suggestion=s, benefit=Decimal("15"),
                                  assessor="财务部 王会计", assessed_on=datetime.date(2025, 6, 6), today=TODAY)
    assert (s.benefit, s.benefit_assessed_on) == (Decimal("15.00"), datetime.date(2025, 6, 6))
    first = AuditEntry.objects.filter(action="skills.suggestion_assess", object_id=str(s.pk)).order_by("pk").last()
    assert first is not None and first.detail["before"] == "12.50"


def test_rewards_follow_adoption_and_are_positive(world):
    s = suggestion(world.employer)
    with pytest.raises(ValidationFailed) as e:
        suggestion_reward(actor=world.county_clerk, suggestion=s, amount="500", paid_on=TODAY, today=TODAY)
    assert e.value.code == "not_adopted"
    suggestion_transition(actor=world.county_clerk, suggestion=s, action="adopt", on=datetime.date(2025, 3, 10),
                          today=TODAY)
    with pytest.raises(ValidationFailed) as e:
        suggestion_reward(actor=world.county_clerk, suggestion=s, amount="0", paid_on=TODAY, today=TODAY)
    assert e.value.field == "amount"

    reward = suggestion_reward(actor=world.county_clerk, suggestion=s, amount="500", paid_on=TODAY, today=TODAY)
    assert reward.amount == Decimal("500.00") and reward.org_path == s.org_path


def test_a_patent_number_is_registered_once(world):
    s = implemented(world)
    patent_register(actor=world.county_clerk, number="ZL 2024 2 0123456.7", kind="utility", title="快速定位夹具",
                    granted_on=datetime.date(2025, 5, 1), suggestion=s, today=TODAY)
    with pytest.raises(Conflict) as e:
        patent_register(actor=world.county_clerk, number="ZL202420123456.7", kind="utility", title="快速定位夹具",
                        granted_on=datetime.date(2025, 5, 1), suggestion=s, today=TODAY)
    assert e.value.field == "number"
    with pytest.raises(ValidationFailed) as e:
        patent_register(actor=world.county_clerk, number="ZL1", kind="software", title="x", granted_on=TODAY,
                        suggestion=s, today=TODAY)
    assert e.value.field == "patent_kind"
    assert s.events.filter(action=SuggestionAction.PATENT).count() == 1


def test_a_worker_submits_on_the_portal_as_themself_and_sees_only_their_own(world):
    member, portal = worker(world.grassroots, world.employer)
    _, other = worker(world.grassroots, world.employer, name="赵六")
    mine = suggestion_submit(worker=portal, kind="renovation", title="改进料架", content="料架加装滚轮。", today=TODAY)
    suggestion(world.employer)

    assert (mine.proposer, mine.proposer_name, mine.channel) == (member, "王小明", SuggestionChannel.PORTAL)
    assert mine.employer == world.employer and mine.org_path == world.employer.org_path
    assert list(suggestions_for_worker(portal)) == [mine]
    assert list(suggestions_for_worker(other)) == []
    with pytest.raises(PermissionDenied):
        suggestion_submit(worker=PortalWorker(phone="13900000000"), kind="renovation", title="t", content="c")


def test_it_refuses_a_proposer_from_another_employer_and_names_the_bad_field(world):
    elsewhere = employer_in(world.grassroots, "另一家公司")
    member, _ = worker(world.grassroots, elsewhere)
    with pytest.raises(ValidationFailed) as e:
        suggestion_enter(actor=world.county_clerk, employer=world.employer, kind="design", title="t", content="c",
                         proposer=member, today=TODAY)
    assert e.value.field == "proposer"
    for field, kw in (("kind", {"kind": "big"}), ("title", {"title": ""}), ("proposer_name", {"proposer_name": ""})):
        args = {"kind": "design", "title": "t", "content": "c", "proposer_name": "张三", **kw}
        with pytest.raises(ValidationFailed) as e:
            suggestion_enter(actor=world.county_clerk, employer=world.employer, today=TODAY, **args)
        assert e.value.field == field

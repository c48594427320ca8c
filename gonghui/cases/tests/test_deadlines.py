import datetime

import pytest

from gonghui.cases.deadlines import DEFAULT_RULES, calendar_for_union, deadline_for, sla_rule_for
from gonghui.cases.services import case_dispatch, sla_policy_clear, sla_policy_set
from gonghui.cases.sla_models import SlaPolicy
from gonghui.cases.tests.conftest import local
from gonghui.core.audit_models import AuditEntry
from gonghui.core.errors import NotFound, ValidationFailed

pytestmark = pytest.mark.django_db

END = datetime.time.max


def test_a_hard_case_received_before_national_day_is_due_at_the_end_of_13_october(world, classified_case):
    # Five working days after 30 Sept 2026: 8, 9, 10 (a Saturday worked, 调休), 12 and 13 October.
    case = classified_case("hard", received_at=local(2026, 9, 30, 10, 0))
    assert case.due_at == local(2026, 10, 13, 23, 59, 59, 999999)
    assert (case.needs_review, case.overdue) == (False, False)  # flagged by the sweep, not here


def test_an_ordinary_case_is_due_the_same_working_day_or_the_next_when_received_after_hours(world, classified_case):
    assert classified_case("ordinary", received_at=local(2026, 9, 29, 9, 0)).due_at.date() == datetime.date(
        2026, 9, 29)
    after_hours = classified_case("ordinary", received_at=local(2026, 9, 30, 18, 0))
    assert after_hours.due_at.date() == datetime.date(2026, 10, 8)


def test_a_complex_case_has_15_calendar_days_moved_to_the_next_working_day(world, classified_case):
    # 15 days after 20 Sept 2026 is Monday 5 October, a holiday: the period ends on 8 October.
    assert classified_case("complex", received_at=local(2026, 9, 20, 9, 0)).due_at.date() == datetime.date(
        2026, 10, 8)


def test_a_period_past_the_calendars_years_is_flagged_for_review(world):
    deadline = deadline_for(org_path=world.county.path, difficulty="complex", counted_from=local(2031, 12, 25, 9))
    assert deadline.needs_review is True
    assert 2026 in calendar_for_union(world.county.path).covered_years


def test_the_deepest_setting_on_the_path_wins(world):
    assert sla_rule_for(world.county.path, "hard") == DEFAULT_RULES["hard"]
    sla_policy_set(actor=world.province_officer, union=world.province, difficulty="hard",
                   period_kind="working_days", amount=7)
    sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard", period_kind="working_days",
                   amount=3, workday_end=datetime.time(18, 0))
    assert sla_rule_for(world.grassroots.path, "hard").period.amount == 3
    assert sla_rule_for(world.county2.path, "hard").period.amount == 7
    assert sla_rule_for(world.other_city.path, "hard").period.amount == 5
    assert AuditEntry.objects.filter(action="case.sla_set").count() == 2
    sla_policy_clear(actor=world.county_admin, union=world.county, difficulty="hard")
    assert sla_rule_for(world.grassroots.path, "hard").period.amount == 7


def test_a_dispatch_recounts_the_deadline_under_the_receiving_unions_setting(world, hotline, classified_case):
    sla_policy_set(actor=world.province_officer, union=world.county2, difficulty="hard", period_kind="calendar_days",
                   amount=30)
    case = classified_case("hard", received_at=local(2026, 9, 1, 9, 0))
    assert case.due_at.date() == datetime.date(2026, 9, 8)
    case = case_dispatch(actor=hotline, case=case, union=world.county2)
    assert case.due_at.date() == datetime.date(2026, 10, 8)  # 1 Oct is a holiday, so the next working day


def test_a_setting_is_checked_and_only_for_ones_own_subtree(world):
    with pytest.raises(ValidationFailed) as wrong:
        sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard", period_kind="working_days",
                       amount=0)
    assert wrong.value.field == "amount"
    with pytest.raises(NotFound):
        sla_policy_set(actor=world.county_admin, union=world.county2, difficulty="hard",
                       period_kind="working_days", amount=3)
    assert not SlaPolicy.objects.exists()

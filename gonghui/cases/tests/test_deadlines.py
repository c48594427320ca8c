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
    # The national level may loosen its own rule (特别复杂 first, so that 难点 stays within it).
    sla_policy_set(actor=world.national_admin, union=world.national, difficulty="complex",
                   period_kind="calendar_days", amount=30)
    sla_policy_set(actor=world.national_admin, union=world.national, difficulty="hard",
                   period_kind="working_days", amount=7)
    sla_policy_set(actor=world.province_officer, union=world.province, difficulty="hard",
                   period_kind="working_days", amount=6)
    sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard", period_kind="working_days",
                   amount=3, workday_end=datetime.time(18, 0))
    assert sla_rule_for(world.grassroots.path, "hard").period.amount == 3
    assert sla_rule_for(world.county2.path, "hard").period.amount == 6
    assert sla_rule_for(world.other_city.path, "hard").period.amount == 7
    assert AuditEntry.objects.filter(action="case.sla_set").count() == 4
    sla_policy_clear(actor=world.county_admin, union=world.county, difficulty="hard")
    assert sla_rule_for(world.grassroots.path, "hard").period.amount == 6


def test_a_dispatch_recounts_the_deadline_under_the_receiving_unions_setting(world, hotline, classified_case):
    sla_policy_set(actor=world.province_officer, union=world.county2, difficulty="hard", period_kind="calendar_days",
                   amount=4)
    case = classified_case("hard", received_at=local(2026, 9, 1, 9, 0))
    assert case.due_at.date() == datetime.date(2026, 9, 8)
    case = case_dispatch(actor=hotline, case=case, union=world.county2)
    assert case.due_at.date() == datetime.date(2026, 9, 7)  # 5 Sep is a Saturday, so the next working day


def test_a_setting_is_checked_and_only_for_ones_own_subtree(world):
    with pytest.raises(ValidationFailed) as wrong:
        sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard", period_kind="working_days",
                       amount=0)
    assert wrong.value.field == "amount"
    with pytest.raises(NotFound):
        sla_policy_set(actor=world.county_admin, union=world.county2, difficulty="hard",
                       period_kind="working_days", amount=3)
    assert not SlaPolicy.objects.exists()


def test_a_lower_level_may_not_loosen_what_the_level_above_set(world):
    # The national rule: 一般 the same day. A grassroots union once set 60 calendar days unchecked.
    with pytest.raises(ValidationFailed) as looser:
        sla_policy_set(actor=world.county_admin, union=world.grassroots, difficulty="ordinary",
                       period_kind="calendar_days", amount=60)
    assert looser.value.field == "period_kind" and "一般案件期限不能长于上级规定的当天" in str(looser.value.message)
    sla_policy_set(actor=world.province_officer, union=world.city, difficulty="hard", period_kind="working_days",
                   amount=3)
    with pytest.raises(ValidationFailed) as above:
        sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard",
                       period_kind="working_days", amount=4)
    assert above.value.field == "amount" and "上级规定的3 个工作日" in str(above.value.message)
    # Tightening is the lower level's to do.
    sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard", period_kind="working_days",
                   amount=2)
    assert not SlaPolicy.objects.filter(union=world.grassroots).exists()


def test_the_three_periods_stay_in_order_at_every_union(world):
    sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard", period_kind="working_days",
                   amount=2)
    sla_policy_set(actor=world.county_admin, union=world.county, difficulty="complex", period_kind="calendar_days",
                   amount=12)
    # 3 working days across a weekend and the Spring Festival can take 13 calendar days.
    with pytest.raises(ValidationFailed) as order:
        sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard",
                       period_kind="working_days", amount=3)
    assert "难点案件期限不能长于本单位特别复杂案件的期限（12 个自然日）" in str(order.value.message)
    with pytest.raises(ValidationFailed) as shorter:
        sla_policy_set(actor=world.county_admin, union=world.county, difficulty="complex",
                       period_kind="calendar_days", amount=1)
    assert "特别复杂案件期限不能短于本单位难点案件的期限" in str(shorter.value.message)
    # Inheriting 难点 again (5 working days) would outlast the county's 12 calendar days.
    with pytest.raises(ValidationFailed):
        sla_policy_clear(actor=world.county_admin, union=world.county, difficulty="hard")
    assert sla_rule_for(world.county.path, "hard").period.amount == 2


def test_a_level_above_may_not_tighten_below_what_a_branch_already_set(world):
    sla_policy_set(actor=world.county_admin, union=world.county, difficulty="hard", period_kind="working_days",
                   amount=4)
    with pytest.raises(ValidationFailed) as branch:
        sla_policy_set(actor=world.province_officer, union=world.city, difficulty="hard",
                       period_kind="working_days", amount=3)
    assert world.county.name in str(branch.value.message)

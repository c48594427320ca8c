import datetime
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from gonghui.mutualaid.rules import Cap, PlanRules, payable_amount, waiting_ends_on

START = datetime.date(2026, 1, 1)
RULES = PlanRules(starts_on=START, ends_on=datetime.date(2026, 12, 31), waiting_days=30,
                  per_claim_limit=Decimal("8000.00"), yearly_limit=Decimal("10000.00"))
D = Decimal


def pay(event: datetime.date, claimed: str, already: str = "0", covered_from: datetime.date = START):
    return payable_amount(rules=RULES, covered_from=covered_from, event_date=event, claimed=D(claimed),
                          already_approved=D(already))


def test_the_last_day_of_the_waiting_period_is_not_covered_and_the_next_one_is():
    first_covered = waiting_ends_on(covered_from=START, waiting_days=30)
    assert first_covered == datetime.date(2026, 1, 31)
    inside = pay(first_covered - datetime.timedelta(days=1), "1000")
    assert inside.amount == 0 and inside.caps == (Cap.WAITING_PERIOD,) and inside.nothing
    assert pay(first_covered, "1000").amount == D("1000")


def test_the_waiting_period_counts_from_a_late_enrolment_not_from_the_plan_start():
    late = datetime.date(2026, 6, 1)
    assert pay(datetime.date(2026, 6, 30), "1000", covered_from=late).caps == (Cap.WAITING_PERIOD,)
    assert pay(datetime.date(2026, 7, 1), "1000", covered_from=late).amount == D("1000")


def test_without_a_waiting_period_the_first_day_is_covered():
    rules = PlanRules(START, datetime.date(2026, 12, 31), 0, D("8000"), D("10000"))
    assert payable_amount(rules=rules, covered_from=START, event_date=START, claimed=D("5"),
                          already_approved=D("0")).amount == D("5")


def test_events_outside_the_term_are_not_covered_but_its_first_and_last_days_are():
    assert pay(datetime.date(2025, 12, 31), "100").caps == (Cap.OUTSIDE_TERM,)
    assert pay(datetime.date(2027, 1, 1), "100").caps == (Cap.OUTSIDE_TERM,)
    assert pay(datetime.date(2026, 12, 31), "100").amount == D("100")
    no_wait = PlanRules(START, datetime.date(2026, 12, 31), 0, D("8000"), D("10000"))
    assert payable_amount(rules=no_wait, covered_from=START, event_date=START, claimed=D("100"),
                          already_approved=D("0")).amount == D("100")


def test_the_per_claim_limit_caps_a_claim_at_exactly_the_limit():
    day = datetime.date(2026, 3, 1)
    exact = pay(day, "8000.00")
    assert exact.amount == D("8000.00") and exact.caps == ()
    over = pay(day, "8000.01")
    assert over.amount == D("8000.00") and over.caps == (Cap.PER_CLAIM,)


def test_the_yearly_remainder_caps_a_second_claim():
    day = datetime.date(2026, 3, 1)
    assert pay(day, "2000", already="8000").caps == ()  # exactly the remainder
    second = pay(day, "3000", already="8000")
    assert second.amount == D("2000") and second.caps == (Cap.YEARLY,)
    both = pay(day, "9000", already="5000")
    assert both.amount == D("5000") and both.caps == (Cap.PER_CLAIM, Cap.YEARLY)
    spent = pay(day, "1", already="10000")
    assert spent.nothing and spent.caps == (Cap.YEARLY,)


@given(claimed=st.decimals(min_value=D("0.01"), max_value=D("50000"), places=2),
       already=st.decimals(min_value=D("0"), max_value=D("12000"), places=2),
       offset=st.integers(min_value=-10, max_value=400))
def test_the_payable_amount_never_exceeds_any_limit(claimed, already, offset):
    result = pay(START + datetime.timedelta(days=offset), str(claimed), already=str(already))
    assert D("0") <= result.amount <= min(claimed, RULES.per_claim_limit)
    assert result.amount + already <= max(RULES.yearly_limit, already)

"""How much a claim may be paid: pure arithmetic over the plan's rules, tested at every boundary.

A waiting period of N days starting on the day cover starts means the first N days are not covered
(N = 0: covered from the first day); the per-claim limit caps each claim, and the yearly limit caps
the sum of every approved claim of the member in the plan year.
"""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum

ZERO = Decimal("0.00")


class Cap(StrEnum):
    """Why the payable amount is less than the amount claimed."""

    WAITING_PERIOD = "waiting_period"
    OUTSIDE_TERM = "outside_term"
    PER_CLAIM = "per_claim"
    YEARLY = "yearly"


@dataclass(frozen=True)
class PlanRules:
    starts_on: datetime.date
    ends_on: datetime.date
    waiting_days: int
    per_claim_limit: Decimal
    yearly_limit: Decimal


@dataclass(frozen=True)
class Payable:
    amount: Decimal
    caps: tuple[Cap, ...]  # every rule that cut the amount, in the order applied

    @property
    def nothing(self) -> bool:
        return self.amount <= ZERO


def waiting_ends_on(*, covered_from: datetime.date, waiting_days: int) -> datetime.date:
    """The first day an event is covered."""
    return covered_from + datetime.timedelta(days=waiting_days)


def payable_amount(*, rules: PlanRules, covered_from: datetime.date, event_date: datetime.date,
                   claimed: Decimal, already_approved: Decimal) -> Payable:
    if not rules.starts_on <= event_date <= rules.ends_on:
        return Payable(ZERO, (Cap.OUTSIDE_TERM,))
    if event_date < waiting_ends_on(covered_from=covered_from, waiting_days=rules.waiting_days):
        return Payable(ZERO, (Cap.WAITING_PERIOD,))
    caps: list[Cap] = []
    amount = claimed
    if amount > rules.per_claim_limit:
        amount = rules.per_claim_limit
        caps.append(Cap.PER_CLAIM)
    remainder = max(rules.yearly_limit - already_approved, ZERO)
    if amount > remainder:
        amount = remainder
        caps.append(Cap.YEARLY)
    return Payable(max(amount, ZERO), tuple(caps))

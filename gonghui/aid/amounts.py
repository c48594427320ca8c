"""The aid money figures, each defined once; every page, panel and endpoint showing one uses these.

- 已发放 (paid): cash plus goods valued in 元 of the grants whose status is 已发放, whatever the
  batch's status (a partly paid batch's paid rows are paid). 发放失败 and 已取消 rows count nowhere.
- 已审批未发放 (approved, not yet paid): the 待发放 grants of an 已审批 batch: committed against the
  budget, not yet with the recipient. 待发放 rows of a 草稿 or 待审批 batch are not committed at all.
- 预算 (budgeted): a programme's budget, set by the union that runs it; it belongs to that union's
  figures, not to the unions below that pay it out.
- 余额 (available): budget less 已发放 less 已审批未发放.
- 预算使用率: 已发放 over 预算, cumulative (a programme's budget is not split by period); a missing
  budget is missing, not 0% (DOMAIN §6).

A programme keeps the first two as a ledger under a row lock (`committed` = 已发放 + 已审批未发放,
`paid`), which guards the budget; the ledger and the grants agree (gonghui/aid/tests/test_amounts.py
builds a grant in every status and checks every page against these definitions).
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import F, QuerySet, Sum

from gonghui.aid.choices import BatchStatus, GrantStatus
from gonghui.aid.models import AidGrant

RATE = Decimal("0.1")


def paid_grants(grants: "QuerySet[AidGrant]") -> "QuerySet[AidGrant]":
    """已发放: the grants whose money or goods reached the recipient."""
    return grants.filter(status=GrantStatus.PAID)


def is_paid(grant: AidGrant) -> bool:
    """已发放, for a grant already loaded (one household's or one worker's history)."""
    return grant.status == GrantStatus.PAID


def approved_unpaid_grants(grants: "QuerySet[AidGrant]") -> "QuerySet[AidGrant]":
    """已审批未发放: 待发放 grants of an approved batch (committed against the budget)."""
    return grants.filter(status=GrantStatus.PENDING, batch__status=BatchStatus.APPROVED)


def amount_of(grants: "QuerySet[AidGrant]") -> Decimal:
    """Cash plus goods valued, in 元."""
    total = grants.order_by().aggregate(s=Sum(F("cash") + F("goods_value")))["s"]
    return Decimal(total or 0)


def budget_used_rate(*, paid: Decimal, budget: Decimal) -> Decimal | None:
    """预算使用率 in percent to one decimal; None without a budget."""
    return (paid / budget * 100).quantize(RATE) if budget else None


@dataclass(frozen=True)
class BudgetFigures:
    """A programme's (or a sum of programmes') budget figures, cumulative, in 元."""

    budget: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)
    approved_unpaid: Decimal = Decimal(0)

    @property
    def available(self) -> Decimal:
        return self.budget - self.paid - self.approved_unpaid

    @property
    def used_rate(self) -> Decimal | None:
        return budget_used_rate(paid=self.paid, budget=self.budget)

    def __add__(self, other: "BudgetFigures") -> "BudgetFigures":
        return BudgetFigures(self.budget + other.budget, self.paid + other.paid,
                             self.approved_unpaid + other.approved_unpaid)


def budget_figures(programme: Any) -> BudgetFigures:
    """Read from the programme's ledger (no query): committed holds paid and approved-unpaid together."""
    return BudgetFigures(budget=Decimal(programme.budget), paid=Decimal(programme.paid),
                         approved_unpaid=Decimal(programme.committed) - Decimal(programme.paid))


__all__ = ["BudgetFigures", "amount_of", "approved_unpaid_grants", "budget_figures", "budget_used_rate",
           "is_paid", "paid_grants"]

"""The assessment of a household under one rule version: a pure function, no database, no clock.

The worker's self-check on the portal and the cadre's review both call `assess`, so a worker who
checks at home gets the answer the union will give. Income per head is monthly, after the
household's rigid expenses (medical, schooling) are taken off the year's income, and is compared
with the local minimum-living line times the factor of each class, boundaries included ("不高于").
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Protocol

from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Cause, HardshipClass
from gonghui.core.errors import msg
from gonghui.core.money import yuan

CENT = Decimal("0.01")
# 意外致困: a sudden event (a disaster, an accident) that leaves the household in temporary hardship.
SUDDEN_CAUSES = frozenset({Cause.DISASTER})


class RuleTerms(Protocol):
    min_living_monthly: Decimal
    deep_factor: Decimal
    relative_factor: Decimal
    accident_factor: Decimal


@dataclass(frozen=True)
class Household:
    incomes: tuple[Decimal, ...]  # each member's yearly income, 元
    causes: frozenset[str]
    rigid_expenses: Decimal = Decimal(0)  # yearly, 元

    @classmethod
    def of(cls, incomes: Iterable[Any], causes: Iterable[str], rigid_expenses: Any = 0) -> "Household":
        return cls(tuple(Decimal(str(i)) for i in incomes), frozenset(causes), Decimal(str(rigid_expenses or 0)))

    @property
    def size(self) -> int:
        return len(self.incomes)

    @property
    def total_income(self) -> Decimal:
        return sum(self.incomes, Decimal(0)).quantize(CENT)

    @property
    def income_per_head(self) -> Decimal:
        """Monthly, per person, after rigid expenses; never below zero."""
        if not self.incomes:
            return Decimal(0).quantize(CENT)
        net = max(self.total_income - self.rigid_expenses, Decimal(0))
        return (net / self.size / 12).quantize(CENT, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Assessment:
    hardship_class: str | None
    income_per_head: Decimal
    line: Decimal
    reasons: list[Any] = field(default_factory=list)

    @property
    def eligible(self) -> bool:
        return self.hardship_class is not None


def _threshold(line: Decimal, factor: Decimal) -> Decimal:
    return (line * factor).quantize(CENT, rounding=ROUND_HALF_UP)


def assess(household: Household, rule: RuleTerms) -> Assessment:
    line = Decimal(rule.min_living_monthly).quantize(CENT)
    per_head = household.income_per_head
    reasons: list[Any] = [msg(_("家庭月人均收入%(income)s元，当地最低生活保障标准%(line)s元。"),
                              {"income": yuan(per_head), "line": yuan(line)})]
    if household.size == 0:
        return Assessment(None, per_head, line, [_("尚未登记家庭成员。")])
    if not household.causes:
        return Assessment(None, per_head, line, [*reasons, _("未选择致困原因。")])
    deep = _threshold(line, rule.deep_factor)
    relative = _threshold(line, rule.relative_factor)
    accident = _threshold(line, rule.accident_factor)
    if per_head <= deep:
        reasons.append(msg(_("不高于深度困难标准%(limit)s元（最低生活保障标准的%(factor)s倍）。"),
                           {"limit": yuan(deep), "factor": rule.deep_factor}))
        return Assessment(HardshipClass.DEEP, per_head, line, reasons)
    if per_head <= relative:
        reasons.append(msg(_("高于深度困难标准%(deep)s元，不高于相对困难标准%(limit)s元（%(factor)s倍）。"),
                           {"deep": yuan(deep), "limit": yuan(relative), "factor": rule.relative_factor}))
        return Assessment(HardshipClass.RELATIVE, per_head, line, reasons)
    if household.causes & SUDDEN_CAUSES and per_head <= accident:
        reasons.append(msg(_("因突发事件致困，不高于意外致困标准%(limit)s元（%(factor)s倍）。"),
                           {"limit": yuan(accident), "factor": rule.accident_factor}))
        return Assessment(HardshipClass.ACCIDENT, per_head, line, reasons)
    reasons.append(msg(_("高于相对困难标准%(limit)s元，不符合建档条件。"), {"limit": yuan(relative)}))
    return Assessment(None, per_head, line, reasons)

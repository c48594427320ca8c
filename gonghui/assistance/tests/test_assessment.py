"""The assessment is a pure function: the self-check and the review give the same answer."""

from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.utils import translation

from gonghui.assistance.assessment import Household, assess
from gonghui.assistance.choices import HardshipClass


@dataclass(frozen=True)
class Terms:
    min_living_monthly: Decimal = Decimal("1000")
    deep_factor: Decimal = Decimal("1.0")
    relative_factor: Decimal = Decimal("1.5")
    accident_factor: Decimal = Decimal("2.0")


def per_head(monthly: str, causes: tuple[str, ...] = ("illness",), size: int = 2) -> Household:
    """A household of `size` whose income per head and month is exactly `monthly`: one earner."""
    return Household.of([Decimal(monthly) * 12 * size] + [0] * (size - 1), causes)


@pytest.mark.parametrize(("monthly", "expected"), [
    ("0", HardshipClass.DEEP),
    ("1000.00", HardshipClass.DEEP),  # at the line: 不高于, so deep
    ("1000.01", HardshipClass.RELATIVE),
    ("1500.00", HardshipClass.RELATIVE),
    ("1500.01", None),
])
def test_income_per_head_is_compared_with_the_line_times_each_factor_boundaries_included(monthly, expected):
    result = assess(per_head(monthly), Terms())
    assert result.income_per_head == Decimal(monthly)
    assert result.hardship_class == expected
    assert result.line == Decimal("1000.00")


@pytest.mark.parametrize(("monthly", "expected"), [("1500.01", HardshipClass.ACCIDENT),
                                                   ("2000.00", HardshipClass.ACCIDENT), ("2000.01", None)])
def test_a_sudden_disaster_qualifies_up_to_the_accident_factor(monthly, expected):
    assert assess(per_head(monthly, ("disaster",)), Terms()).hardship_class == expected


def test_a_deeper_class_wins_over_the_accident_class():
    assert assess(per_head("900", ("disaster",)), Terms()).hardship_class == HardshipClass.DEEP


def test_without_a_cause_no_household_qualifies_whatever_its_income():
    result = assess(per_head("100", ()), Terms())
    assert result.hardship_class is None and not result.eligible
    with translation.override("zh-hans"):
        assert "致困原因" in str(result.reasons[-1])


def test_rigid_expenses_come_off_the_year_before_dividing():
    # 3 people, 60,000 a year, 12,000 of medical bills: (60,000 - 12,000) / 3 / 12 = 1,333.33
    household = Household.of([40000, 20000, 0], ["illness"], rigid_expenses=12000)
    assert household.income_per_head == Decimal("1333.33")
    assert assess(household, Terms()).hardship_class == HardshipClass.RELATIVE


def test_rigid_expenses_above_the_income_give_zero_not_a_negative_income():
    assert Household.of([1000], ["illness"], rigid_expenses=5000).income_per_head == Decimal("0.00")


def test_an_empty_household_is_not_assessed():
    result = assess(Household.of([], ["illness"]), Terms())
    assert result.hardship_class is None and result.income_per_head == Decimal("0.00")


def test_income_per_head_rounds_half_up_to_the_fen():
    # 10,000 / 3 / 12 = 277.777… → 277.78
    assert Household.of([10000, 0, 0], ["illness"]).income_per_head == Decimal("277.78")


def test_reasons_are_translatable_messages_naming_the_figures():
    reasons = assess(per_head("1200"), Terms()).reasons
    with translation.override("zh-hans"):
        zh = " ".join(str(r) for r in reasons)
    # Money as people read it, the thousands grouped (core.money.yuan), never a raw Decimal.
    assert "1,200.00元" in zh and "1,500.00元" in zh and "1,000.00元" in zh

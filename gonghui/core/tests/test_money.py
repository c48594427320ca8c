from decimal import Decimal

import pytest
from django.template import Context, Template

from gonghui.core.money import wan_yuan, yuan


@pytest.mark.parametrize(("value", "shown"), [
    (0, "0.00"),
    (Decimal("1000"), "1,000.00"),
    (Decimal("12345678.9"), "12,345,678.90"),
    (Decimal("0.005"), "0.01"),  # half-up, not the banker's 0.00
    (Decimal("0.015"), "0.02"),
    (Decimal("2.675"), "2.68"),  # a float would print 2.67
    (Decimal("-1234.5"), "-1,234.50"),
    (Decimal("-0.001"), "0.00"),  # never "-0.00"
    ("480", "480.00"),
])
def test_yuan_writes_two_decimals_grouped_and_rounded_half_up(value, shown):
    assert yuan(value) == shown


@pytest.mark.parametrize(("value", "shown"), [
    (0, "0.00"),
    (Decimal("21000"), "2.10"),
    (Decimal("12345678.9"), "1,234.57"),
    (Decimal("50"), "0.01"),  # 0.005 万元, half-up
    (Decimal("49.99"), "0.00"),
    (Decimal("-21000"), "-2.10"),
])
def test_wan_yuan_writes_an_amount_in_yuan_as_wan_with_two_decimals(value, shown):
    assert wan_yuan(value) == shown


@pytest.mark.parametrize("value", [None, "", "not a number", Decimal("NaN")])
def test_a_missing_amount_is_a_dash_not_zero(value):
    assert yuan(value) == "—"
    assert wan_yuan(value) == "—"


def test_the_filters_are_the_functions_in_a_template():
    out = Template("{% load money %}{{ a|yuan }} 元 / {{ a|wan_yuan }} 万元 / {{ b|yuan }}").render(
        Context({"a": Decimal("21000"), "b": None}))
    assert out == "21,000.00 元 / 2.10 万元 / —"

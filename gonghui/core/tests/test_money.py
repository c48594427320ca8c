"""Money as people read it: on screen (1,000.00 元, 万元) and on signed paper (大写)."""

from decimal import Decimal

import pytest
from django.template import Context, Template

from gonghui.core.money import uppercase_amount, wan_yuan, yuan


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


@pytest.mark.parametrize(("amount", "words"), [
    ("0.00", "零元整"),
    ("10.05", "壹拾元零伍分"),
    ("1000000.00", "壹佰万元整"),
    ("1200", "壹仟贰佰元整"),
    ("16.00", "壹拾陆元整"),
    ("0.50", "伍角整"),
    ("0.05", "伍分"),
    ("10.50", "壹拾元伍角整"),
    # The examples of 《正确填写票据和结算凭证的基本规定》.
    ("1409.50", "壹仟肆佰零玖元伍角整"),
    ("6007.14", "陆仟零柒元壹角肆分"),
    ("325.04", "叁佰贰拾伍元零肆分"),
    ("107000.53", "壹拾万柒仟元伍角叁分"),
    ("1680.32", "壹仟陆佰捌拾元叁角贰分"),
])
def test_it_writes_amounts_as_the_payment_rules_do(amount, words):
    assert uppercase_amount(Decimal(amount)) == words


@pytest.mark.parametrize(("amount", "words"), [
    (1001, "壹仟零壹元整"),
    (10100, "壹万零壹佰元整"),
    (1000001, "壹佰万零壹元整"),
    (100000000, "壹亿元整"),
    (100010000, "壹亿零壹万元整"),
    (100001000, "壹亿零壹仟元整"),
    (101000000, "壹亿零壹佰万元整"),
    (123456789, "壹亿贰仟叁佰肆拾伍万陆仟柒佰捌拾玖元整"),
])
def test_it_writes_one_zero_for_each_gap_inside_the_number(amount, words):
    assert uppercase_amount(amount) == words


def test_it_rounds_to_the_fen_and_marks_a_negative_amount():
    assert uppercase_amount("2.005") == "贰元零壹分"
    assert uppercase_amount("-3") == "负叁元整"


@pytest.mark.parametrize("amount", ["abc", "NaN", "1e20"])
def test_it_refuses_what_is_not_an_amount_it_can_write(amount):
    with pytest.raises(ValueError):
        uppercase_amount(amount)

"""What a cadre types for a worker outside the registry, and amounts as people write them."""

from decimal import Decimal

import pytest

from gonghui.aid.cleaning import clean_money
from gonghui.aid.recipients import clean_worker, mask_account
from gonghui.core.errors import InvalidFields, ValidationFailed
from gonghui.core.idnumbers import mask_id, resident_check_character


def test_every_wrong_field_is_named_at_once():
    with pytest.raises(InvalidFields) as wrong:
        clean_worker({"name": "", "id_number": "51010419900101123", "phone": "12345", "cash": "abc"})
    assert {e.field for e in wrong.value.errors} == {"name", "id_number", "phone", "cash"}


def test_a_worker_needs_an_identity_number_or_a_phone_to_be_guarded_against_duplicates():
    with pytest.raises(InvalidFields) as missing:
        clean_worker({"name": "赵大"})
    assert missing.value.errors[0].field == "id_number"


def test_the_identity_number_keys_the_person_whatever_the_phone():
    body = "11010119800101001"
    number = body + resident_check_character(body)
    one = clean_worker({"name": "赵大", "id_number": number.lower(), "phone": "13600001111"})
    two = clean_worker({"name": "赵大", "id_number": f"{number[:9]} {number[9:]}", "phone": "13900002222"})
    assert one.person_index == two.person_index and one.person_index.startswith("id:")
    assert one.id_masked == mask_id(number) and one.household_key == one.person_index


@pytest.mark.parametrize(("raw", "expected"), [("1,200", "1200.00"), (" １２００．５ ", "1200.50"), (800.0, "800.00"),
                                               ("300元", "300.00"), ("", "0.00")])
def test_amounts_are_read_as_people_write_them(raw, expected):
    assert clean_money(raw, field="cash") == Decimal(expected)


@pytest.mark.parametrize("raw", ["-1", "1.234", "1e9", "NaN", "两百"])
def test_wrong_amounts_are_refused(raw):
    with pytest.raises(ValidationFailed):
        clean_money(raw, field="cash")


def test_an_amount_out_of_range_names_the_limit_as_money_is_written():
    with pytest.raises(ValidationFailed) as refused:
        clean_money("1000001", field="cash")
    assert "0至1,000,000.00元" in str(refused.value.message)


def test_accounts_are_masked():
    assert mask_account("6222021234567890123") == "6222***********0123"

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gonghui.core.errors import ValidationFailed
from gonghui.core.idnumbers import (
    IdType,
    mask_id,
    mask_phone,
    parse_date,
    parse_identity,
    parse_mobile,
    parse_resident_id,
    resident_check_character,
    shown_id_cell,
)

REGIONS = ["110101", "510104", "110103", "440305", "810000", "654301"]  # 110103 崇文区 was abolished in 2010
FULL_WIDTH = str.maketrans("0123456789X", "０１２３４５６７８９Ｘ")


@st.composite
def resident_ids(draw):
    region = draw(st.sampled_from(REGIONS))
    born = draw(st.dates(min_value=datetime.date(1930, 1, 1), max_value=datetime.date(2008, 12, 31)))
    seq = draw(st.integers(min_value=0, max_value=999))
    body = f"{region}{born:%Y%m%d}{seq:03d}"
    return body + resident_check_character(body), born, seq


@given(resident_ids())
def test_every_well_formed_resident_id_is_accepted_with_its_birth_date_and_gender(case):
    number, born, seq = case
    parsed = parse_resident_id(number)
    assert parsed.number == number and parsed.birth_date == born
    assert parsed.gender == ("M" if seq % 2 else "F")


@given(resident_ids(), st.sampled_from(["lower", "full", "spaced"]))
def test_what_people_paste_is_normalised(case, style):
    number = case[0]
    typed = {"lower": number.lower(), "full": number.translate(FULL_WIDTH),
             "spaced": f" {number[:6]} {number[6:14]} {number[14:]} "}[style]
    assert parse_resident_id(typed).number == number


@given(resident_ids(), st.integers(min_value=0, max_value=16), st.integers(min_value=1, max_value=9))
def test_any_single_digit_error_is_caught(case, position, delta):
    number = case[0]
    changed = number[:position] + str((int(number[position]) + delta) % 10) + number[position + 1:]
    with pytest.raises(ValidationFailed):
        parse_resident_id(changed)


def test_a_legacy_15_digit_number_is_upgraded():
    assert parse_resident_id("360426910101007").number == "360426199101010071"


@pytest.mark.parametrize(("raw", "code"), [
    ("36042619910101007", "length"),
    ("3604261991010100A1", "format"),
    ("360426199113010071", "birth_date"),
    ("999999199101010071", "region"),
    ("360426199101010072", "check_digit"),
    (3.60426199101010e17, "excel_number"),
    ("3.60426E+17", "excel_number"),
])
def test_each_kind_of_bad_number_has_its_own_reason(raw, code):
    with pytest.raises(ValidationFailed) as exc:
        parse_resident_id(raw)
    assert exc.value.code == code and exc.value.field == "id_number"


def test_an_excel_integer_cell_is_read_as_text():
    assert parse_resident_id(360426199101010071).number == "360426199101010071"


@pytest.mark.parametrize(("id_type", "number"), [
    (IdType.PASSPORT, "E12345678"), (IdType.HK_MACAO, "H12345678"), (IdType.TAIWAN, "12345678"),
])
def test_other_documents_are_checked_for_shape(id_type, number):
    assert parse_identity(id_type, number.lower()).number == number
    with pytest.raises(ValidationFailed):
        parse_identity(id_type, "!!")


def test_masking_never_shows_the_birth_date():
    assert mask_id("510104199001011234") == "510104********1234"
    assert mask_phone("13800138000") == "138****8000"


@given(st.sampled_from("3456789"), st.text(alphabet="0123456789", min_size=9, max_size=9),
       st.sampled_from(["", "+86 ", "0086", "+86-"]))
def test_mainland_mobiles_are_accepted_in_any_common_writing(second, rest, prefix):
    number = "1" + second + rest
    assert parse_mobile(prefix + number[:3] + " " + number[3:]) == number


@pytest.mark.parametrize("raw", ["12345678901", "1380013800", "23800138000", "138001380001"])
def test_other_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationFailed):
        parse_mobile(raw)


@pytest.mark.parametrize("raw", ["2023-05-01", "2023.5.1", "2023/05/01", "2023年5月1日", "20230501", 45047,
                                 "45047", datetime.datetime(2023, 5, 1, 8, 30)])
def test_dates_in_every_common_form(raw):
    assert parse_date(raw, field="join_date") == datetime.date(2023, 5, 1)


@pytest.mark.parametrize("raw", ["2023-02-30", "五月一日", "2023-13-01"])
def test_impossible_dates_are_refused(raw):
    with pytest.raises(ValidationFailed) as exc:
        parse_date(raw, field="join_date")
    assert exc.value.field == "join_date"


@pytest.mark.parametrize("cell, shown", [
    (440301199001011234.0, "4.40301E+17"),       # what Excel shows in a number cell
    (4.4e17, "4.4E+17"),
    ("4.40301E+17", "4.40301E+17"),              # the same, saved to CSV by Excel
    ("51010419850505 001x", "510104********001X"),  # as the validator reads it: compact, an upper X
    (510104860606123.0, "510104*****6123"),       # a 15-digit number Excel kept whole
    ("", ""),
])
def test_an_id_cell_is_shown_as_its_author_would_recognise_it_and_masked(cell, shown):
    assert shown_id_cell(cell) == shown

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gonghui.core.errors import ValidationFailed
from gonghui.core.validators import CREDIT_CODE_ALPHABET, credit_code_check_character, normalize_credit_code

# Published codes: the third begins its organisation code with a letter, which some libraries reject.
REAL_CODES = ["91440300708461136T", "91110108551385082Q", "91310000MA1FL1MMXL"]


@pytest.mark.parametrize("code", REAL_CODES)
def test_it_accepts_real_credit_codes(code):
    assert normalize_credit_code(code) == code


def test_it_accepts_full_width_lower_case_and_spaces():
    assert normalize_credit_code("　９１３１００００ｍａ１ｆｌ１ｍｍｘｌ ") == "91310000MA1FL1MMXL"


@pytest.mark.parametrize(
    ("code", "fragment"),
    [
        ("91440300708461136X", "校验位"),
        ("91440300708461136", "18位"),
        ("9144030070846113OT", "无效字符"),
        ("X1440300708461136T", "登记管理部门"),
        ("9144A300708461136T", "行政区划"),
    ],
)
def test_it_names_what_is_wrong(code, fragment):
    with pytest.raises(ValidationFailed) as exc:
        normalize_credit_code(code)
    assert fragment in str(exc.value)
    assert exc.value.field == "credit_code"
    assert exc.value.as_dict()["message_en"] != exc.value.as_dict()["message_zh"]


@given(st.text(alphabet=CREDIT_CODE_ALPHABET[:10], min_size=9, max_size=9),
       st.sampled_from("0123456789ABCDEFGHJKLMNPQRTUWXY"))
def test_exactly_one_check_character_is_accepted(org_code, wrong):
    body = "91510104" + org_code
    good = body + credit_code_check_character(body)
    assert normalize_credit_code(good) == good
    if wrong != good[-1]:
        with pytest.raises(ValidationFailed):
            normalize_credit_code(body + wrong)

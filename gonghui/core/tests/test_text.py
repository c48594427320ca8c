import random
import re
import sys
import unicodedata

from hypothesis import given
from hypothesis import strategies as st
from pypinyin import Style, lazy_pinyin

from gonghui.core.text import INVISIBLE_RANGES, normalize_name, normalize_text, pinyin_initials, unreadable_characters


def _by_the_library(name: str) -> str:
    letters = lazy_pinyin(normalize_text(name), style=Style.FIRST_LETTER, errors="ignore")
    return "".join(ch for ch in "".join(letters).lower() if ch.isalnum())[:60]


def test_initials_are_what_pypinyin_says_for_names_phrases_and_mixed_text():
    rng = random.Random(7)
    common = "王李张刘陈单解曾查仇朴伟芳明长重行乐银庆都会"
    every = [chr(c) for c in range(0x4E00, 0x9FA5)]
    names = ["锦江区总工会", "重庆市总工会", "中国银行四川省分行工会", "Li Lei", "张Ａ三", "单于长乐"]
    names += ["".join(rng.choice(common if i % 2 else every) for _ in range(rng.choice((2, 3, 4))))
              for i in range(20_000)]
    for name in names:
        assert pinyin_initials(name) == _by_the_library(name), name
    assert pinyin_initials("锦江区总工会") == "jjqzgh"


def test_full_width_digits_and_spaces_become_ascii_but_chinese_punctuation_stays():
    from gonghui.core.text import normalize_text

    assert normalize_text("　５１０１０４　") == "510104"
    assert normalize_text("老板拖欠工资，共计１２０００元（三个月）！") == "老板拖欠工资，共计12000元（三个月）！"
    assert normalize_text("２０２３．５．１") == "2023.5.1"


# What must never survive normalisation: bidi controls, zero-width and other format characters,
# surrogates, and control characters other than newline and tab (free text keeps those two).
def _banned(ch: str) -> bool:
    return unicodedata.category(ch) in ("Cf", "Cs", "Cc") and ch not in "\t\n"


_hostile = st.text(alphabet=st.one_of(
    st.characters(),
    st.sampled_from("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
                    "\u200b\u200c\u200d\u2060\ufeff\u00ad\x00\x1b\r\n\t\u2028\u3000　·•・‧ ，…︙①"),
    st.sampled_from("崔丽丽阿依古丽买买提ＡＢＣ１２３"),
), max_size=40)


@given(_hostile)
def test_normalising_text_is_idempotent_and_leaves_nothing_invisible(value):
    once = normalize_text(value)
    assert normalize_text(once) == once
    assert not [ch for ch in once if _banned(ch)]


@given(_hostile)
def test_normalising_a_name_is_idempotent_and_leaves_one_line(value):
    once = normalize_name(value)
    assert normalize_name(once) == once
    assert not [ch for ch in once if _banned(ch) or ch in "\t\n"]
    assert "  " not in once and once == once.strip()


def test_invisible_characters_are_removed_from_a_name():
    assert normalize_name("崔\u202e丽丽\u200b\u200d\ufeff") == "崔丽丽"
    assert normalize_name("\u2066张\u2069\u3164三") == "张三"


def test_a_transliterated_name_keeps_one_middle_dot_and_runs_of_spaces_become_one():
    for dot in "·•・‧･":
        assert normalize_name(f"阿依古丽 {dot} 买买提") == "阿依古丽·买买提"
    assert normalize_name("  Li \t\n Lei ") == "Li Lei"


def test_free_text_keeps_its_newlines_tabs_and_chinese_punctuation():
    text = "情况说明：\r\n①拖欠工资……\r\n\t②未签合同，\u202e共计３个月！"
    assert normalize_text(text) == "情况说明：\n①拖欠工资……\n\t②未签合同，共计3个月！"


def test_the_invisible_set_is_what_the_unicode_database_says():
    listed = set(re.findall(r"[^-]-[^-]|[^-]", INVISIBLE_RANGES))
    written = {chr(c) for item in listed for c in range(ord(item[0]), ord(item[-1]) + 1)}
    expected = {chr(c) for c in range(sys.maxunicode + 1) if _banned(chr(c))}
    # Format characters of a later Unicode version than this Python's are unassigned here.
    assert expected <= written
    assert all(unicodedata.category(ch) == "Cn" for ch in written - expected)


def test_private_use_and_unassigned_characters_are_found():
    assert unreadable_characters("张\ue000三\U0010ffff") == "\ue000\U0010ffff"
    assert unreadable_characters("阿依古丽·买买提") == ""

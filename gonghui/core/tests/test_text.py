import random

from pypinyin import Style, lazy_pinyin

from gonghui.core.text import normalize_text, pinyin_initials


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

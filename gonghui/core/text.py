"""Normalising what people type or paste: full-width characters, stray spaces."""

import unicodedata
from functools import lru_cache

# Chinese punctuation that NFKC would turn into ASCII: it belongs in Chinese prose (a worker's
# account, a union's name with （筹）), so it stays as typed.
_CHINESE_PUNCTUATION = frozenset("，：；？！（）～")


def normalize_text(value: str | None) -> str:
    """Full-width digits, letters and spaces become their ASCII forms; ends are trimmed."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii():
        # NFKC leaves ASCII as it is (and U+3000 is not ASCII); rosters are mostly ASCII cells.
        return text.strip()
    if _CHINESE_PUNCTUATION.isdisjoint(text):
        return unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()
    kept = "".join(ch if ch in _CHINESE_PUNCTUATION else unicodedata.normalize("NFKC", ch) for ch in text)
    return kept.replace("\u3000", " ").strip()


def pinyin_initials(name: str) -> str:
    """Lower-case pinyin initials ("锦江区总工会" -> "jjqzgh"), for search as users type it."""
    from pypinyin.constants import PHRASES_DICT

    text = normalize_text(name)
    # pypinyin reads a character differently only inside a phrase of its dictionary (重庆, 银行);
    # without one the answer is character by character, which a memo makes ten times faster for
    # bulk imports. Any phrase, and the whole name goes through pypinyin as before.
    if any(text[i:j] in PHRASES_DICT for i in range(len(text) - 1) for j in range(i + 2, len(text) + 1)):
        letters = _lazy_initials(text)
    else:
        letters = "".join(map(_char_initials, text))
    return "".join(ch for ch in letters.lower() if ch.isalnum())[:60]


def _lazy_initials(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore"))


@lru_cache(maxsize=1 << 17)  # characters, not names: bounded by the character set
def _char_initials(char: str) -> str:
    return _lazy_initials(char)

"""Normalising what people type or paste: full-width characters, stray spaces, invisible characters.

Every write path (forms, API, imports) and every search goes through these, so that what is stored
and what is looked for agree. The rules per kind of field are in docs/decisions.md ("Text is
normalised on the way in").
"""

import re
import unicodedata
from functools import lru_cache

# Chinese punctuation (and list markers) that NFKC would turn into ASCII: it belongs in Chinese
# prose (a worker's account, a union's name with （筹）, 情况说明……, ①②), so it stays as typed.
_CHINESE_PUNCTUATION = frozenset("，：；？！（）～…" + "".join(map(chr, range(0x2460, 0x2474))))

# Invisible fillers that are letters by category, used to make two names look alike.
_FILLERS = "\u115f\u1160\u3164\uffa0"
# Middle-dot look-alikes in minority and foreign names (阿依古丽·买买提): one dot, U+00B7.
_DOTS = re.compile("\\s*[\u00b7\u2022\u2027\u30fb\u22c5\u2219\u0387\uff65]\\s*")
_SPACES = re.compile(r"\s+")
_NEWLINES = re.compile("\r\n?|[\u2028\u2029\x85]")


# Format characters (bidi embeddings, overrides, isolates and marks; zero-width space, joiners, word
# joiner; the BOM; soft hyphen: category Cf), surrogates (Cs) and control characters (Cc) except tab
# and newline: never part of what a person meant to type. Written out rather than computed from
# unicodedata at start-up (a scan of every code point); a test checks it against the database.
INVISIBLE_RANGES = (
    "\x00-\x08\x0b-\x1f\x7f-\x9f\xad\u0600-\u0605\u061c\u06dd\u070f\u0890-\u0891\u08e2\u180e"
    "\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u206f\ud800-\udfff\ufeff\ufff9-\ufffb"
    "\U000110bd\U000110cd\U00013430-\U0001343f\U0001bca0-\U0001bca3\U0001d173-\U0001d17a"
    "\U000e0001\U000e0020-\U000e007f"
)
_INVISIBLE = re.compile(f"[{INVISIBLE_RANGES}{_FILLERS}]+")


def strip_invisible(text: str) -> str:
    """Line ends as \\n; bidi controls, zero-width and other format or control characters removed."""
    return _INVISIBLE.sub("", _NEWLINES.sub("\n", text))


def normalize_text(value: str | None) -> str:
    """Full-width digits, letters and spaces become their ASCII forms; invisible characters go; ends
    are trimmed. Newlines and tabs inside are kept (free text); see `normalize_name` for one line."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii():
        # NFKC leaves ASCII as it is (and U+3000 is not ASCII); rosters are mostly ASCII cells.
        return text.strip() if text.isprintable() else strip_invisible(text).strip()
    text = strip_invisible(text)
    if _CHINESE_PUNCTUATION.isdisjoint(text):
        return unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()
    kept = "".join(ch if ch in _CHINESE_PUNCTUATION else unicodedata.normalize("NFKC", ch) for ch in text)
    return kept.replace("\u3000", " ").strip()


def normalize_name(value: str | None) -> str:
    """A name on one line (a person, a union, an employer): `normalize_text`, every run of spaces
    (newlines and tabs too) one space, and the middle dot of a transliterated name U+00B7."""
    text = normalize_text(value)
    if text.isascii() and text.isprintable() and "  " not in text:
        return text
    return _DOTS.sub("\u00b7", _SPACES.sub(" ", text)).strip()


def unreadable_characters(text: str) -> str:
    """Private-use and unassigned code points: they show as boxes, or as another character on
    another system, so a name holding one cannot be read back reliably."""
    return "".join(dict.fromkeys(ch for ch in text if unicodedata.category(ch) in ("Co", "Cn")))


def pinyin_initials(name: str) -> str:
    """Lower-case pinyin initials ("锦江区总工会" -> "jjqzgh"), for search as users type it."""
    text = normalize_text(name)
    # pypinyin reads a character differently only inside a phrase of its dictionary (重庆, 银行);
    # without one the answer is character by character, which a memo makes ten times faster for
    # bulk imports. Any phrase, and the whole name goes through pypinyin as before. Most names hold
    # no two characters that even begin a phrase: that is one set look-up per pair of characters.
    heads = _phrase_heads()
    if any(text[i:i + 2] in heads for i in range(len(text) - 1)) and _holds_phrase(text):
        return "".join(ch for ch in _lazy_initials(text).lower() if ch.isalnum())[:60]
    # Character by character the filter gives the same letters: pinyin initials are ASCII.
    return "".join(map(_char_letters, text))[:60]


def _holds_phrase(text: str) -> bool:
    from pypinyin.constants import PHRASES_DICT

    return any(text[i:j] in PHRASES_DICT for i in range(len(text) - 1) for j in range(i + 2, len(text) + 1))


@lru_cache(maxsize=1)
def _phrase_heads() -> frozenset[str]:
    from pypinyin.constants import PHRASES_DICT

    return frozenset(phrase[:2] for phrase in PHRASES_DICT)


@lru_cache(maxsize=1 << 17)  # characters, not names: bounded by the character set
def _char_letters(char: str) -> str:
    return "".join(ch for ch in _char_initials(char).lower() if ch.isalnum())


def _lazy_initials(text: str) -> str:
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(text, style=Style.FIRST_LETTER, errors="ignore"))


@lru_cache(maxsize=1 << 17)  # characters, not names: bounded by the character set
def _char_initials(char: str) -> str:
    return _lazy_initials(char)

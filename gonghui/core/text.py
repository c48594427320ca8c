"""Normalising what people type or paste: full-width characters, stray spaces."""

import unicodedata


def normalize_text(value: str | None) -> str:
    """Full-width digits, letters and spaces become their ASCII forms; ends are trimmed."""
    if value is None:
        return ""
    text = str(value)
    if text.isascii():
        # NFKC leaves ASCII as it is (and U+3000 is not ASCII); rosters are mostly ASCII cells.
        return text.strip()
    return unicodedata.normalize("NFKC", text).replace("\u3000", " ").strip()


def pinyin_initials(name: str) -> str:
    """Lower-case pinyin initials ("锦江区总工会" -> "jjqzgh"), for search as users type it."""
    from pypinyin import Style, lazy_pinyin

    letters = lazy_pinyin(normalize_text(name), style=Style.FIRST_LETTER, errors="ignore")
    return "".join(ch for ch in "".join(letters).lower() if ch.isalnum())[:60]

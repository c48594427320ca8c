"""The one order in which unions are listed beside each other: tree order, siblings by level and then
by the pinyin of their names, as a reader of Chinese expects (成都 before 乐山), not by code point
(乐 U+4E50 sorts before 成 U+6210)."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any, TypeVar

from pypinyin import Style, lazy_pinyin

T = TypeVar("T")


@lru_cache(maxsize=4096)
def pinyin_sort_key(name: str) -> tuple[str, str]:
    # Toneless syllables, each followed by a space so that "xi an" and "xian" stay apart; the name
    # itself breaks ties between homophones so the order is total and stable.
    syllables = lazy_pinyin(name, style=Style.NORMAL, errors="default")
    return " ".join(s.lower() for s in syllables), name


def union_sort_key(union: Any) -> tuple[Any, ...]:
    return (union.level, pinyin_sort_key(union.name), union.pk)


def in_sibling_order(unions: Iterable[T], key: Any = None) -> list[T]:
    """`unions` (or rows holding one, with `key` to reach it) in the order siblings are shown."""
    reach = key or (lambda u: u)
    return sorted(unions, key=lambda row: union_sort_key(reach(row)))

"""乡镇/街道 names in what a caller says ("锦江区春熙路街道", "郫都区犀浦镇", "犀浦那边").

The 41,352 townships and streets of the division list share far fewer names than counties do (城关 is
a town in 128 counties, 太平 in 70, 新华 in 44), and many are everyday words (团结, 合作, 中心). So the
index only finds candidates; `address.RegionIndex` decides with the place already read: inside a
county named in the text a name counts when that county has exactly one township of that name; with
no county, only a name said with its 街道/镇/乡 that is unique in the province and no common place word.

Each township is indexed once, under its name without the suffix (犀浦 for 犀浦街道), since callers
swap the suffix for an older or looser one (a 镇 made a 街道 keeps being called 犀浦镇) or drop it.
The scan reads each position once, with a bounded number of dictionary probes: linear in the text.
"""

import importlib.util
import re
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

from gonghui.cases.routing.place_names import ETHNIC_GROUPS, STREET_AFTER

# What is said after a township's name: its own suffix, an older one or the office's name.
_ETHNIC = "(?:" + "|".join(sorted((g + "族" for g in ETHNIC_GROUPS), key=len, reverse=True)) + ")"
_SUFFIX_SAID = re.compile(rf"街道办事处|街道办|街道|街办|{_ETHNIC}*乡|镇|苏木")
_SUFFIX_OF_NAME = re.compile(rf"(?:街道办事处|街道|{_ETHNIC}*乡|镇|苏木)$")
# A name in more counties than this is a common place word (城关, 新华, 中心): read only inside its county.
GENERIC_COUNTIES = 5
# A bare name the dictionary counts this often as an ordinary word (团结 3,941, 合作 13,478) is not
# read without its suffix even inside its county; rarer words (友爱 203) are, once the county is named.
COMMON_WORD_FREQ = 1000
# A bare name whose first or last character makes a word with the character beside it (空白合同 holds
# 白合) is inside that word; two-character words this frequent count.
JOIN_WORD_FREQ = 50
MIN_KEY = 2


@dataclass(frozen=True)
class Dictionary:
    """What jieba's word list says about township names: the names it lists as ordinary words (not
    places), with their frequency, and the two-character words a name's edge could be part of."""

    words: Mapping[str, int]
    joins: frozenset[str]


@dataclass(frozen=True)
class TownMention:
    key: str
    start: int
    end: int
    # 犀浦街道, 犀浦镇 (a suffix said) rather than 犀浦 alone.
    with_suffix: bool
    codes: tuple[str, ...]


def township_key(name: str) -> tuple[str, bool]:
    """(the name callers say, whether a suffix may be added or dropped): 犀浦街道 → (犀浦, True);
    彭镇 → (彭镇, False), too short without its suffix; 经济开发区 → (经济开发区, False)."""
    stem = _SUFFIX_OF_NAME.sub("", name)
    if stem != name and len(stem) >= MIN_KEY:
        return stem, True
    return name, False


@dataclass
class TownshipIndex:
    # key -> the township codes under it, sorted, so those of one county or province are a slice.
    codes: dict[str, tuple[str, ...]]
    names: dict[str, str]
    # Codes indexed under their full name (彭镇, 某某经济开发区): said as they are, nothing dropped.
    full_only: frozenset[str]
    generic: frozenset[str]
    # Keys the dictionary knows as something other than a place name, with their frequency.
    words: dict[str, int]
    joins: frozenset[str]
    # Keys that are also a county or city name or short form (双流, 九江): bare, they are that place.
    county_names: frozenset[str]
    heads: frozenset[str]
    lengths: tuple[int, ...]

    @classmethod
    def build(cls, towns: Iterable[tuple[str, str]], *, county_names: Iterable[str],
              dictionary: Dictionary | None = None) -> "TownshipIndex":
        by_key: dict[str, list[str]] = {}
        names: dict[str, str] = {}
        full_only: set[str] = set()
        for code, name in towns:
            key, flexible = township_key(name)
            if len(key) < MIN_KEY:
                continue
            by_key.setdefault(key, []).append(code)
            names[code] = name
            if not flexible:
                full_only.add(code)
        codes = {key: tuple(sorted(found)) for key, found in by_key.items()}
        generic = frozenset(k for k, found in codes.items() if len({c[:6] for c in found}) > GENERIC_COUNTIES)
        if dictionary is None:
            dictionary = read_dictionary(codes.keys())
        return cls(codes=codes, names=names, full_only=frozenset(full_only), generic=generic,
                   words={k: f for k, f in dictionary.words.items() if k in codes}, joins=dictionary.joins,
                   county_names=frozenset(county_names),
                   heads=frozenset(k[:2] for k in codes),
                   lengths=tuple(sorted({len(k) for k in codes}, reverse=True)))

    def mentions(self, text: str, start: int = 0, end: int | None = None) -> list[TownMention]:
        """Every township name in text[start:end], the longest at each position, without overlaps."""
        end = len(text) if end is None else end
        found: list[TownMention] = []
        i = start
        while i < end - 1:
            mention = self._at(text, i, end) if text[i:i + 2] in self.heads else None
            if mention is None:
                i += 1
                continue
            found.append(mention)
            i = mention.end
        return found

    def _at(self, text: str, i: int, end: int) -> TownMention | None:
        for length in self.lengths:
            if i + length > end:
                continue
            key = text[i:i + length]
            codes = self.codes.get(key)
            if codes is None:
                continue
            said = _SUFFIX_SAID.match(text, i + length, end)
            if said is None and STREET_AFTER.match(text, i + length):
                return None  # 犀浦路 is a road named after the place
            return TownMention(key, i, said.end() if said else i + length, said is not None, codes)
        return None

    @staticmethod
    def within(codes: tuple[str, ...], prefix: str) -> tuple[str, ...]:
        """The codes that start with `prefix` (a county's six digits, a province's two)."""
        return codes[bisect_left(codes, prefix):bisect_left(codes, prefix + ":")]  # ":" sorts after "9"

    def said_as_a_place(self, text: str, mention: TownMention, code: str, *, county_named: bool) -> bool:
        """Whether this mention of `code` is the township and not a word: said with a suffix or in full,
        or bare, not inside a longer word, and neither a county's name nor a word (a rare word counts
        inside its named county)."""
        if mention.with_suffix or code in self.full_only:
            return True
        if mention.key in self.county_names or text[max(0, mention.start - 1):mention.start + 1] in self.joins \
                or text[mention.end - 1:mention.end + 1] in self.joins:
            return False
        frequency = self.words.get(mention.key)
        return frequency is None or (county_named and frequency < COMMON_WORD_FREQ)


def read_dictionary(keys: Iterable[str]) -> Dictionary:
    """Read from jieba's word list (already a dependency, for the classifier) without loading jieba:
    the keys it lists as anything but a place name (ns), and the frequent two-character words that
    begin with a key's last character or end with a key's first."""
    wanted = set(keys)
    firsts, lasts = {k[0] for k in wanted}, {k[-1] for k in wanted}
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return Dictionary({}, frozenset())
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    words: dict[str, int] = {}
    joins: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for line in f:
            word, frequency, tag = [*line.split(), "0", ""][:3]
            if word in wanted and tag != "ns":
                words[word] = int(frequency)
            elif len(word) == 2 and (word[1] in firsts or word[0] in lasts) and int(frequency) >= JOIN_WORD_FREQ:
                joins.add(word)
    return Dictionary(words, frozenset(joins))

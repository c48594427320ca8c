"""Province, city and county out of what a caller says ("我在成都武侯区一个工地上").

Names come from the GB/T 2260 `Region` table (province to county), each under its full name and the
short forms people say (四川, 成都, 凉山州, 凉山, 武侯), and a retired county's old name (郫县, 宜宾县)
under the division it became. The index is built once per process; parsing is pure Python.
Several places named in one text are read as one chain: the most specific place that the other
names agree with wins, and a county name shared by several cities (朝阳区) is settled by a city or
province also named, else by the centre's own province, else not at all.
"""

import re
import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from gonghui.orgs.models import Region

# Ethnic group names as they occur inside the names of autonomous areas (凉山彝族自治州,
# 克孜勒苏柯尔克孜自治州, 伊犁哈萨克自治州): the short form of the place drops them.
ETHNIC_GROUPS = (
    "蒙古", "回", "藏", "维吾尔", "苗", "彝", "壮", "布依", "朝鲜", "满", "侗", "瑶", "白", "土家", "哈尼", "哈萨克",
    "傣", "黎", "傈僳", "佤", "畲", "高山", "拉祜", "水", "东乡", "纳西", "景颇", "柯尔克孜", "土", "达斡尔", "仫佬",
    "羌", "布朗", "撒拉", "毛南", "仡佬", "锡伯", "阿昌", "普米", "塔吉克", "怒", "乌孜别克", "俄罗斯", "鄂温克",
    "德昂", "保安", "裕固", "京", "塔塔尔", "独龙", "鄂伦春", "赫哲", "门巴", "珞巴", "基诺",
)
# One-character names only count with 族 (回族), else 白 or 水 would be cut off a place's own name.
_ETHNIC_TAIL = re.compile(
    "(?:" + "|".join(sorted((g + "族" if len(g) == 1 else g + "族?" for g in ETHNIC_GROUPS), key=len, reverse=True))
    + ")$"
)
_AUTONOMOUS = re.compile(r"(自治区|自治州|自治县|自治旗)$")
_SUFFIXES_BY_LEVEL = {
    Region.RegionLevel.PROVINCE: ("特别行政区", "省", "市"),
    Region.RegionLevel.CITY: ("地区", "市", "盟"),
    Region.RegionLevel.COUNTY: ("林区", "特区", "区", "县", "市", "旗"),
}
# A short form followed by one of these is a street named after the place (中山路, 北京大街).
_STREET_AFTER = re.compile(r"路|街|巷|弄|大道")
# Two-character district names that are a direction or a kind of area (西区, 城区, 矿区): inside a
# longer word (高新西区, 老城区) they name no county, so they count only when their city is named.
_GENERIC_NAME = re.compile(r"^[东西南北中城郊矿]区$")
# Words that begin with a place's short form but name something else.
NOT_PLACES = ("安康杯", "三明治", "中山装", "北海道", "市中心", "安居房")


@dataclass(frozen=True)
class Alias:
    region: Region
    # Full names and city or province short forms stand on their own; a county's short form (武侯,
    # 长安, 平安) or a generic two-character name (城区, 郊区) counts only when the rest agrees.
    strong: bool
    # 西区, 城区: not even the centre's own province makes it count without its city.
    generic: bool = False


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    aliases: tuple[Alias, ...]


@dataclass(frozen=True)
class ParsedAddress:
    province: Region | None = None
    city: Region | None = None
    county: Region | None = None
    matched: tuple[str, ...] = ()

    @property
    def region(self) -> Region | None:
        return self.county or self.city or self.province

    @property
    def adcodes(self) -> tuple[str, ...]:
        return tuple(r.adcode for r in (self.province, self.city, self.county) if r is not None)


def short_forms(region: Region) -> list[str]:
    name = region.name
    if _AUTONOMOUS.search(name):
        kind = _AUTONOMOUS.search(name).group(1)  # type: ignore[union-attr]
        stem = _AUTONOMOUS.sub("", name)
        while (shorter := _ETHNIC_TAIL.sub("", stem)) != stem and len(shorter) >= 2:
            stem = shorter
        if len(stem) < 2:
            return []
        # 凉山州 and 峨边县 are said as often as 凉山 and 峨边.
        return [stem, stem + kind[-1]] if kind != "自治区" else [stem]
    for suffix in _SUFFIXES_BY_LEVEL[Region.RegionLevel(region.level)]:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return [name[: -len(suffix)]]
    return []


# The trie's key for "a name ends here" (no name holds the empty string).
_END = ""


@dataclass
class RegionIndex:
    by_adcode: dict[str, Region] = field(default_factory=dict)
    aliases: dict[str, list[Alias]] = field(default_factory=dict)
    longest: int = 0
    # adcode -> its ancestors' adcodes, province first.
    ancestry: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Every alias by character: one walk from a position finds every name starting there.
    trie: dict = field(default_factory=dict)
    # Names said in full (current or retired): the only ones a shorter reading may give way to.
    full_names: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, regions: Iterable[Region]) -> "RegionIndex":
        index = cls()
        retired: list[Region] = []
        for region in regions:
            if region.level > Region.RegionLevel.COUNTY:
                continue
            if not region.is_current:
                retired.append(region)
                continue
            index.by_adcode[region.adcode] = region
            short = len(region.name) <= 2
            index._add(region.name, Alias(region, strong=not short, generic=bool(_GENERIC_NAME.match(region.name))))
            county = region.level == Region.RegionLevel.COUNTY
            for form in short_forms(region):
                index._add(form, Alias(region, strong=not county))
        index._add_old_names(retired)
        index.full_names = {r.name for r in index.by_adcode.values()} | {r.name for r in retired}
        index.longest = max((len(name) for name in index.aliases), default=0)
        for adcode, region in index.by_adcode.items():
            index.ancestry[adcode] = tuple(r.adcode for r in index.chain(region)[:-1])
        for name in index.aliases:
            node = index.trie
            for char in name:
                node = node.setdefault(char, {})
            node[_END] = name
        return index

    def _add_old_names(self, retired: list[Region]) -> None:
        """郫县 reads as 郫都区, 宜宾县 as 叙州区: an old name that is no current division's name and led to
        one division only."""
        successors: dict[str, set[str]] = {}
        for region in retired:
            if region.retired_to_id in self.by_adcode:
                successors.setdefault(region.name, set()).add(region.retired_to_id)  # type: ignore[arg-type]
        for name, codes in successors.items():
            if len(codes) == 1 and name not in self.aliases and len(name) >= 2 and not _GENERIC_NAME.match(name):
                self._add(name, Alias(self.by_adcode[next(iter(codes))], strong=True))

    def _add(self, text: str, alias: Alias) -> None:
        entries = self.aliases.setdefault(text, [])
        if all(a.region.adcode != alias.region.adcode for a in entries):
            entries.append(alias)

    def chain(self, region: Region) -> list[Region]:
        """The region and its ancestors, province first."""
        out = [region]
        while out[0].parent_id and out[0].parent_id in self.by_adcode:
            out.insert(0, self.by_adcode[out[0].parent_id])
        return out

    def mentions(self, text: str) -> list[Mention]:
        """Every place name in `text`, longest first at each position, without overlaps."""
        found: list[Mention] = []
        i = 0
        while i < len(text):
            names: list[str] = []
            node = self.trie
            for char in text[i : i + self.longest]:
                if char not in node:
                    break
                node = node[char]
                if _END in node:
                    names.append(node[_END])
            pieces = [p for p in reversed(names)
                      if len(p) >= 2 and not self._is_not_a_place(text, i, p, self.aliases[p])]
            if not pieces:
                i += 1
                continue
            if len(pieces) > 1:
                # 乐山市中区 is 乐山 + 市中区, not 乐山市 + 中区: take the reading that, with the full name
                # right after it, covers the most text (the longest on a tie). A bounded look-ahead.
                pieces.sort(key=lambda p: -(len(p) + self._full_name_at(text, i + len(p))))
            piece = pieces[0]
            found.append(Mention(piece, i, tuple(self.aliases[piece])))
            i += len(piece)
        return found

    def _full_name_at(self, text: str, start: int) -> int:
        """The length of the longest full place name starting at `start` (0 if none)."""
        node, best = self.trie, 0
        for offset, char in enumerate(text[start : start + self.longest]):
            if char not in node:
                break
            node = node[char]
            if _END in node and node[_END] in self.full_names:
                best = offset + 1
        return best

    @staticmethod
    def _is_not_a_place(text: str, start: int, piece: str, aliases: list[Alias]) -> bool:
        if any(text.startswith(word, start) for word in NOT_PLACES):
            return True
        is_full_name = any(a.region.name == piece for a in aliases)
        return not is_full_name and bool(_STREET_AFTER.match(text, start + len(piece)))

    def parse(self, text: str, default_province: str | None = None) -> ParsedAddress:
        clean = unicodedata.normalize("NFKC", text or "").replace(" ", "")
        mentions = self.mentions(clean)
        held = [frozenset(a.region.adcode for a in m.aliases) for m in mentions]
        # A reading's support is how many other mentions name one of its ancestors. Comparing every
        # mention with every other made a pasted page cost the square of its place names; instead
        # count once how many mentions name each chain of places, and add up by inclusion-exclusion.
        naming: Counter[frozenset[str]] = Counter()
        for codes in held:
            for code in codes:
                above = [a for a in self.ancestry[code] if a in codes]
                for size in range(len(above) + 1):
                    for subset in combinations(above, size):
                        naming[frozenset((code, *subset))] += 1
        ranked: list[tuple[tuple[int, int, int, int], Region, Mention]] = []
        for mention, codes in zip(mentions, held, strict=True):
            for alias in mention.aliases:
                ancestors = self.ancestry[alias.region.adcode]
                support = sum((-1) ** (size + 1) * naming[frozenset(subset)]
                              for size in range(1, len(ancestors) + 1)
                              for subset in combinations(ancestors, size))
                support -= not codes.isdisjoint(ancestors)  # the mention does not support itself
                at_home = default_province is not None and (ancestors or (alias.region.adcode,))[0] == default_province
                if not alias.strong and not support and (alias.generic or not at_home):
                    continue
                # Agreement first, then a name said in full, then the centre's own province, then the
                # most specific.
                key = (support, int(alias.strong), int(at_home), alias.region.level)
                ranked.append((key, alias.region, mention))
        if not ranked:
            return ParsedAddress()
        best_key = max(key for key, _region, _m in ranked)
        winners = {region.adcode: (region, mention) for key, region, mention in ranked if key == best_key}
        own = {id(mention) for _region, mention in winners.values()}
        wanted = {code for adcode in winners for code in self.ancestry[adcode]}
        used = [m for m, codes in zip(mentions, held, strict=True) if id(m) in own or not codes.isdisjoint(wanted)]
        if len(winners) > 1:
            # Two equally good readings (朝阳区 of 北京 and of 长春, nothing else said): guessing
            # would send the case to the wrong city, so keep only what both readings share.
            return self._common_part([region for region, _m in winners.values()], used)
        region, _mention = next(iter(winners.values()))
        return self._parsed(self.chain(region), used)

    def _common_part(self, readings: list[Region], used: list[Mention]) -> ParsedAddress:
        chains = [self.chain(region) for region in readings]
        common: list[Region] = []
        for regions in zip(*chains, strict=False):
            if any(r.adcode != regions[0].adcode for r in regions):
                break
            common.append(regions[0])
        if not common:
            return ParsedAddress()
        shared = {r.adcode for r in common}
        return self._parsed(common, [m for m in used if any(a.region.adcode in shared for a in m.aliases)])

    @staticmethod
    def _parsed(chain: list[Region], used: list[Mention]) -> ParsedAddress:
        by_level = {r.level: r for r in chain}
        matched = tuple(m.text for m in sorted({id(m): m for m in used}.values(), key=lambda m: m.start))
        return ParsedAddress(
            province=by_level.get(Region.RegionLevel.PROVINCE),
            city=by_level.get(Region.RegionLevel.CITY),
            county=by_level.get(Region.RegionLevel.COUNTY),
            matched=matched,
        )


_lock = threading.Lock()
_index: RegionIndex | None = None


def region_index() -> RegionIndex:
    """The process-wide index (3,400 current divisions to the county and the retired ones, from one
    query; townships are matched against the unions that sit there, see routing.suggest)."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                index = RegionIndex.build(Region.objects.filter(level__lte=Region.RegionLevel.COUNTY))
                if not index.by_adcode:
                    return index  # the list is not loaded yet: try again next time rather than cache nothing
                _index = index
    return _index


def reset_region_index() -> None:
    """Forget the index, e.g. after `regions_load` renamed divisions."""
    global _index
    with _lock:
        _index = None


def province_of(adcode: str | None) -> str | None:
    # GB/T 2260: the first two digits are the province, so no query is needed.
    return f"{adcode[:2]}0000" if adcode and len(adcode) == 6 else None


def parse_address(text: str, *, default_province: str | None = None) -> ParsedAddress:
    return region_index().parse(text, default_province=default_province)

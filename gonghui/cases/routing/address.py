"""Province, city, county and township out of what a caller says ("我在成都武侯区一个工地上").

Names come from the GB/T 2260 `Region` table (province to county), each under its full name and the
short forms people say (四川, 成都, 凉山州, 凉山, 武侯), and a retired county's old name (郫县, 宜宾县)
under the division it became. The index is built once per process; parsing is pure Python.
Several places named in one text are read as one chain: the most specific place that the other
names agree with wins, and a county name shared by several cities (朝阳区) is settled by a city or
province also named, else by the centre's own province, else not at all. A 乡镇/街道 is read last,
within what that chain says (see `routing.townships` for how its many shared names are kept apart).
"""

import threading
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import combinations

from gonghui.cases.routing.place_names import GENERIC_NAME, NOT_PLACES, STREET_AFTER, short_forms
from gonghui.cases.routing.townships import Dictionary, TownMention, TownshipIndex
from gonghui.orgs.models import Region

__all__ = ["ParsedAddress", "RegionIndex", "parse_address", "province_of", "region_index", "reset_region_index",
           "short_forms"]


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
    township: Region | None = None
    matched: tuple[str, ...] = ()
    # Where the places read were said (start, end), so the township reader skips them.
    spans: tuple[tuple[int, int], ...] = field(default=(), compare=False, repr=False)

    @property
    def region(self) -> Region | None:
        return self.township or self.county or self.city or self.province

    @property
    def adcodes(self) -> tuple[str, ...]:
        return tuple(r.adcode for r in (self.province, self.city, self.county, self.township) if r is not None)


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
    towns: TownshipIndex | None = None
    # Cities without counties (东莞市, 中山市): their townships hang off the city itself.
    town_cities: set[str] = field(default_factory=set)

    @classmethod
    def build(cls, regions: Iterable[Region], towns: Iterable[tuple[str, str]] = (),
              dictionary: Dictionary | None = None) -> "RegionIndex":
        """`towns` are the current townships' (code, name); `dictionary` what the word list says of
        their names (read from jieba's when not given)."""
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
            index._add(region.name, Alias(region, strong=not short, generic=bool(GENERIC_NAME.match(region.name))))
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
        towns = list(towns)
        if towns:
            index.towns = TownshipIndex.build(towns, county_names=index.aliases.keys(), dictionary=dictionary)
            parents = {index._parent_of(code) for code in index.towns.names}
            index.town_cities = {p.adcode for p in parents if p is not None and p.level == Region.RegionLevel.CITY}
        return index

    def _add_old_names(self, retired: list[Region]) -> None:
        """郫县 reads as 郫都区, 宜宾县 as 叙州区: an old name that is no current division's name and led to
        one division only."""
        successors: dict[str, set[str]] = {}
        for region in retired:
            if region.retired_to_id in self.by_adcode:
                successors.setdefault(region.name, set()).add(region.retired_to_id)  # type: ignore[arg-type]
        for name, codes in successors.items():
            if len(codes) == 1 and name not in self.aliases and len(name) >= 2 and not GENERIC_NAME.match(name):
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
        return not is_full_name and bool(STREET_AFTER.match(text, start + len(piece)))

    def parse(self, text: str, default_province: str | None = None) -> ParsedAddress:
        clean = unicodedata.normalize("NFKC", text or "").replace(" ", "")
        parsed = self._chain_in(clean, default_province)
        return parsed if self.towns is None else self._with_township(self.towns, clean, parsed, default_province)

    def _chain_in(self, clean: str, default_province: str | None) -> ParsedAddress:
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
        said = sorted({id(m): m for m in used}.values(), key=lambda m: m.start)
        return ParsedAddress(
            province=by_level.get(Region.RegionLevel.PROVINCE),
            city=by_level.get(Region.RegionLevel.CITY),
            county=by_level.get(Region.RegionLevel.COUNTY),
            township=by_level.get(Region.RegionLevel.TOWN),
            matched=tuple(m.text for m in said),
            spans=tuple((m.start, m.start + len(m.text)) for m in said),
        )

    def _with_township(self, towns: TownshipIndex, clean: str, parsed: ParsedAddress,
                       default_province: str | None) -> ParsedAddress:
        """The township named outside the places already read: inside the county read, one of its own;
        without a county, one of the province's (the one read, else the centre's) whose name is unique
        there, no common place word, and agrees with the city read. Two of one county name the county;
        two of different counties, nothing more than was read."""
        county = parsed.county
        if county is None and parsed.city is not None and parsed.city.adcode in self.town_cities:
            county = parsed.city  # 东莞长安镇: the city is where its townships are counted
        home = parsed.province.adcode if parsed.province is not None else default_province
        if county is not None:
            prefix = county.adcode if county.level == Region.RegionLevel.COUNTY else county.adcode[:4]
        elif home is not None:
            prefix = home[:2]
        else:
            return parsed
        found: dict[str, tuple[Region, TownMention]] = {}
        for mention in _town_mentions(towns, clean, parsed.spans):
            codes = towns.within(mention.codes, prefix)
            parent = self._parent_of(codes[0]) if len(codes) == 1 else None
            if parent is None or not towns.said_as_a_place(clean, mention, codes[0], county_named=county is not None):
                continue
            if county is None and (mention.key in towns.generic or (
                    parsed.city is not None and parsed.city.adcode not in self._town_ancestry(codes[0]))):
                continue
            found.setdefault(codes[0], (parent, mention))
        parents = {parent.adcode: parent for parent, _m in found.values()}
        if len(parents) != 1 or (len(found) > 1 and county is not None):
            return parsed
        parent = next(iter(parents.values()))
        said = [Mention(t, start, ()) for t, (start, _end) in zip(parsed.matched, parsed.spans, strict=True)]
        said += [Mention(clean[m.start:m.end], m.start, ()) for _p, m in found.values()]
        if len(found) > 1:  # 从犀浦街道调到郫筒街道
            return self._parsed(self.chain(parent), said)
        code = next(iter(found))
        township = Region(adcode=code, name=towns.names[code], level=Region.RegionLevel.TOWN, parent_id=parent.adcode)
        return self._parsed([*self.chain(parent), township], said)

    def _parent_of(self, code: str) -> Region | None:
        """A township's county; a city without counties (东莞市, 嘉峪关市) holds its townships itself."""
        return self.by_adcode.get(code[:6]) or self.by_adcode.get(code[:4] + "00")

    def _town_ancestry(self, code: str) -> tuple[str, ...]:
        parent = self._parent_of(code)
        return (*self.ancestry.get(parent.adcode, ()), parent.adcode) if parent is not None else ()


def _town_mentions(towns: TownshipIndex, clean: str, spans: tuple[tuple[int, int], ...]) -> list[TownMention]:
    """Township names in the text between the places already read (锦江区|春熙路街道)."""
    out: list[TownMention] = []
    start = 0
    for begin, end in sorted(spans):
        out.extend(towns.mentions(clean, start, begin))
        start = max(start, end)
    out.extend(towns.mentions(clean, start))
    return out


_lock = threading.Lock()
_index: RegionIndex | None = None


def region_index() -> RegionIndex:
    """The process-wide index: 3,400 current divisions to the county and the retired ones, and the
    41,000 current townships (two queries and a read of the word list, about a second, once)."""
    global _index
    if _index is None:
        with _lock:
            if _index is None:
                towns = (Region.objects.filter(level=Region.RegionLevel.TOWN, is_current=True)
                         .values_list("adcode", "name"))
                index = RegionIndex.build(Region.objects.filter(level__lte=Region.RegionLevel.COUNTY),
                                          towns.order_by().iterator(chunk_size=10_000))
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

"""Which rule version applies to an area on a day, and which areas have one.

The most specific area wins (the county's own rule, else its city's, else the province's), and
within an area the version in force that day with the latest start (then the highest number).

Every 困难自测 and every assessment asks this, and the standards change a few times a year: all
versions with the names of their areas are held per process (`core.snapshot`), re-read when
`assessment_rule_add` commits a version, and at least every few minutes (a region list reloaded in
bulk renames areas without telling us).
"""

import datetime
from dataclasses import dataclass, field

from gonghui.assistance.models import AssessmentRule
from gonghui.core.snapshot import SharedSnapshot
from gonghui.orgs.models import Region


def area_chain(adcode: str) -> list[str]:
    """510104 → [510104, 510100, 510000]: the county, its city, its province. A township's code
    (510104022, a township union's area) reads as its county's: standards are set no lower."""
    county = adcode[:6]
    chain = [county, county[:4] + "00", county[:2] + "0000"]
    return list(dict.fromkeys(chain))


@dataclass(frozen=True)
class Area:
    adcode: str
    name: str
    is_county: bool  # a county or district with a standard of its own


@dataclass
class _Standards:
    versions: dict[str, list[AssessmentRule]]  # adcode -> its versions, latest start (then number) first
    cities: dict[str, str]  # adcode -> name: current cities under a province with a standard, and rule cities
    counties: dict[str, str]  # adcode -> name: current counties with a standard of their own
    areas_on: dict[datetime.date, list[Area]] = field(default_factory=dict)


def _load() -> _Standards:
    versions: dict[str, list[AssessmentRule]] = {}
    for rule in AssessmentRule.objects.order_by("adcode", "-effective_from", "-version"):
        versions.setdefault(rule.adcode, []).append(rule)
    provinces = sorted({code[:2] for code in versions if code.endswith("0000")})
    cities: dict[str, str] = {}
    counties: dict[str, str] = {}
    wanted = {Region.RegionLevel.CITY, Region.RegionLevel.COUNTY}
    for adcode, name, level in (Region.objects.filter(adcode__in=list(versions), is_current=True,
                                                      level__in=wanted)
                                .values_list("adcode", "name", "level")):
        (cities if level == Region.RegionLevel.CITY else counties)[adcode] = name
    for province in provinces:
        cities.update(Region.objects.filter(level=Region.RegionLevel.CITY, adcode__startswith=province,
                                            is_current=True).values_list("adcode", "name"))
    return _Standards(versions=versions, cities=cities, counties=counties)


STANDARDS_KEY = "assistance:standards-version"
_standards = SharedSnapshot(STANDARDS_KEY, _load)


def note_rule_write() -> None:
    """`assessment_rule_add` wrote a version inside the current transaction."""
    _standards.note_write()


def _in_force(rule: AssessmentRule, on: datetime.date) -> bool:
    return rule.effective_from <= on and (rule.effective_to is None or rule.effective_to >= on)


def rule_in_force(adcode: str, on: datetime.date) -> AssessmentRule | None:
    versions = _standards.get().versions
    for code in area_chain(adcode):
        rule = next((r for r in versions.get(code, ()) if _in_force(r, on)), None)
        if rule is not None:
            return rule
    return None


def areas_in_force(on: datetime.date) -> list[Area]:
    """The cities whose standard is known on `on` (their own, or their province's), and the counties
    that have one of their own, each county after its city."""
    standards = _standards.get()
    known = standards.areas_on.get(on)
    if known is None:
        known = standards.areas_on[on] = _areas(standards, on)
    return known


def _areas(standards: _Standards, on: datetime.date) -> list[Area]:
    codes = {code for code, versions in standards.versions.items() if any(_in_force(r, on) for r in versions)}
    provinces = {code[:2] for code in codes if code.endswith("0000")}
    cities = sorted(c for c in standards.cities if c in codes or c[:2] in provinces)
    counties = sorted(c for c in standards.counties if c in codes)
    out: list[Area] = []
    for city in cities:
        out.append(Area(city, standards.cities[city], False))
        out += [Area(c, standards.counties[c], True) for c in counties if c[:4] == city[:4]]
    # A county with its own standard whose city is not listed (a county-level city of a province).
    listed = {a.adcode for a in out}
    out += [Area(c, standards.counties[c], True) for c in counties if c not in listed]
    return out

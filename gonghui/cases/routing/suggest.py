"""Which union should handle a request: by employer, else by place, else by industry, else the centre.

12351 dispatch looks for the responsible union by employer, by address, by industry (属地管理): the
employer's own union knows the employer; where there is none, the township or county union of the
place where it happened; then the industry union; what nobody can place stays with the centre that
took the call. Every query goes through `visible_to(scope)`, so a suggestion never names a union
the operator may not see, whatever the caller typed.
"""

import re
import unicodedata
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.db.models.functions import Length
from django.utils.translation import gettext_lazy as _

from gonghui.cases.routing.address import ParsedAddress, parse_address, province_of, short_forms
from gonghui.cases.routing.employers import credit_codes_in, full_name_candidates, short_name_in
from gonghui.cases.routing.industry import UNION_NAME_WORDS
from gonghui.core.errors import msg
from gonghui.orgs.choices import GRASSROOTS_KINDS, EmployerStatus, Level, UnionKind, UnionStatus
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.scope import Scope

if TYPE_CHECKING:
    from django.db.models import QuerySet
    from django_stubs_ext import StrOrPromise

# A name shorter than this would "contain"-match half the employers of a province.
MIN_PARTIAL_NAME = 2
_UNION_SUFFIX = re.compile(r"(总工会|工会联合会|联合工会委员会|联合工会|工会委员会|工会)$")
_TOWNSHIP_SUFFIX = re.compile(r"(街道办事处|街道|镇|乡|园区|开发区)$")


class Basis:
    EMPLOYER = "employer"
    ADDRESS = "address"
    INDUSTRY = "industry"
    CENTRE = "centre"


@dataclass(frozen=True)
class UnionSuggestion:
    union: TradeUnion | None
    reason: "StrOrPromise"
    region: Region | None = None
    basis: str = Basis.CENTRE
    employer: Employer | None = None


# What a suggestion reads of a union and an employer (any other field loads on first use): a call is
# routed while the caller waits, and a full row of each joined table is most of a look-up's cost.
UNION_FIELDS = ("id", "name", "path", "status", "kind", "level", "depth", "region_id", "parent_id")
EMPLOYER_FIELDS = ("id", "name", "credit_code", "unionized", "industry", "status", "org_path", "union_id",
                   "region_id", *(f"union__{f}" for f in UNION_FIELDS), "region__adcode", "region__name",
                   "region__level", "region__parent_id")


def _employers(scope: Scope) -> "QuerySet[Employer]":
    return (Employer.objects.visible_to(scope).filter(status=EmployerStatus.ACTIVE)
            .select_related("union", "region").only(*EMPLOYER_FIELDS))


def find_employer(*, scope: Scope, credit_code: str = "", employer_name: str = "") -> Employer | None:
    """The employer the caller named: credit code exactly, else the name exactly, else the one name
    that contains it (several would be a guess, and a wrong union is worse than none)."""
    employers = _employers(scope)
    code = unicodedata.normalize("NFKC", credit_code or "").strip().upper()
    if code:
        found = employers.filter(credit_code=code).first()
        if found is not None:
            return found
    name = (employer_name or "").strip()
    if not name:
        return None
    exact = employers.filter(name=name).first()
    if exact is not None or len(name) < MIN_PARTIAL_NAME:
        return exact
    partial = list(employers.filter(name__contains=name).order_by(Length("name"), "name")[:2])
    return partial[0] if len(partial) == 1 else None


def employer_named_in(*, scope: Scope, text: str) -> Employer | None:
    """The employer the statement names (see `routing.employers`): by credit code, by full registered
    name, by distinctive short name; at most three indexed look-ups, never a scan of the employers."""
    if not text:
        return None
    employers = _employers(scope)
    codes = credit_codes_in(text)
    if codes:
        by_code = list(employers.filter(credit_code__in=codes)[:2])
        if len(by_code) == 1:
            return by_code[0]
    names = full_name_candidates(text)
    if names:
        # The longest registered name in the text: "成都华兴科技有限公司" rather than "华兴科技有限公司".
        by_name = list(employers.filter(name__in=names).order_by(Length("name").desc(), "pk")[:2])
        if by_name and (len(by_name) == 1 or len(by_name[0].name) > len(by_name[1].name)):
            return by_name[0]
    short = short_name_in(text)
    if short is None:
        return None
    found = employers.filter(pk=short[0]).first()
    return found if found is not None and short[1] in unicodedata.normalize("NFKC", found.name) else None


def union_by_place(*, scope: Scope, place: ParsedAddress, text: str) -> TradeUnion | None:
    """The union of the township read (by its division code, else by its name among the county's
    township unions), else the county's, else the city's federation."""
    county, city, township = place.county, place.city, place.township
    if county is None and city is None:
        return None
    codes = [r.adcode for r in (township, county, city) if r is not None]
    candidates = list(
        TradeUnion.objects.visible_to(scope).filter(status=UnionStatus.ACTIVE).only(*UNION_FIELDS)
        .filter(region_id__in=codes)
        .filter(Q(level=Level.TOWNSHIP, kind__in=[UnionKind.TOWNSHIP, UnionKind.PARK])
                | Q(level__in=[Level.CITY, Level.COUNTY], kind=UnionKind.FEDERATION))
        .order_by("depth", "path")[:200]
    )
    towns = [u for u in candidates if u.level == Level.TOWNSHIP]
    if township is not None:
        # A 街道 may have a 街道总工会 and a park union beside it: the one named in the text first.
        own = [u for u in towns if u.region_id == township.adcode]
        if own:
            return _township_named_in(text, own, place) or own[0]
    if county is not None:
        found = _township_named_in(text, [u for u in towns if u.region_id == county.adcode], place)
        if found is not None:
            return found
        for union in candidates:
            if union.level == Level.COUNTY and union.region_id == county.adcode:
                return union
    if city is not None:
        for union in candidates:
            if union.level == Level.CITY and union.region_id == city.adcode:
                return union
    return None


def _township_named_in(text: str, townships: list[TradeUnion], place: ParsedAddress) -> TradeUnion | None:
    prefixes = _region_prefixes(place)
    best: tuple[int, TradeUnion] | None = None
    for union in townships:
        for name in _township_names(union.name, prefixes):
            if name in text and (best is None or len(name) > best[0]):
                best = (len(name), union)
    return best[1] if best else None


def _region_prefixes(place: ParsedAddress) -> list[str]:
    regions = [r for r in (place.province, place.city, place.county) if r is not None]
    return sorted({n for r in regions for n in (r.name, *short_forms(r))}, key=len, reverse=True)


def _township_names(union_name: str, region_prefixes: list[str]) -> list[str]:
    """春熙路街道 and 春熙路 for "成都市锦江区春熙路街道工会"."""
    core = _UNION_SUFFIX.sub("", union_name)
    stripped = True
    while stripped:
        stripped = False
        for prefix in region_prefixes:
            if core.startswith(prefix) and len(core) > len(prefix):
                core, stripped = core[len(prefix):], True
    names = [core] if len(core) >= 2 else []
    bare = _TOWNSHIP_SUFFIX.sub("", core)
    if bare != core and len(bare) >= 2:
        names.append(bare)
    return names


def union_by_industry(*, scope: Scope, industry: str, place: ParsedAddress) -> TradeUnion | None:
    """The industry union for `industry`, preferring one in the caller's city, then the highest one
    (a provincial 产业工会 covers the whole province)."""
    words = UNION_NAME_WORDS.get(industry, ())
    if not words:
        return None
    named = Q()
    for word in words:
        named |= Q(name__contains=word)
    candidates = list(
        TradeUnion.objects.visible_to(scope).filter(status=UnionStatus.ACTIVE).only(*UNION_FIELDS)
        .filter(kind__in=[UnionKind.INDUSTRIAL, UnionKind.INDUSTRY_FEDERATION]).filter(named)
        .order_by("depth", "path")[:50]
    )
    nearby = set(place.adcodes)
    return min(candidates, key=lambda u: (u.region_id not in nearby, u.depth, u.path), default=None)


def suggest_union(*, scope: Scope, centre: TradeUnion, credit_code: str = "", employer_name: str = "",
                  address: str = "", industry: str = "", place: ParsedAddress | None = None,
                  text: str = "") -> UnionSuggestion:
    if place is None:
        place = parse_address(address, default_province=province_of(centre.region_id))
    employer = find_employer(scope=scope, credit_code=credit_code, employer_name=employer_name)
    from_text = employer is None
    if from_text:
        # Callers name their employer while telling what happened more often than the operator
        # fills the field in; the reason says so, for the operator to confirm.
        employer = employer_named_in(scope=scope, text=text)
    if employer is not None:
        union = employer.union
        # Employer.org_path is its union's path, so a visible employer has a visible union; checked
        # again because this answer is shown to the operator as it is.
        if union.is_active and scope.covers(union.path):
            own = employer.unionized and union.kind in GRASSROOTS_KINDS
            # An employer without its own union sits under the township or county union organising it.
            reason: StrOrPromise = (
                msg(_("按诉求中提到的用人单位“%(name)s”建议"), {"name": employer.name}) if from_text
                else _("按用人单位所属工会") if own else _("按用人单位的属地工会"))
            return UnionSuggestion(union, reason, employer.region or place.region, Basis.EMPLOYER, employer)
        industry = industry or employer.industry
    by_place = union_by_place(scope=scope, place=place, text=unicodedata.normalize("NFKC", address or ""))
    if by_place is not None:
        where = _place_label(by_place, place)
        return UnionSuggestion(by_place, msg(_("按事发地址（%(place)s）"), {"place": where}), place.region,
                               Basis.ADDRESS, employer)
    by_industry = union_by_industry(scope=scope, industry=industry, place=place) if industry else None
    if by_industry is not None:
        return UnionSuggestion(by_industry, _("按行业"), place.region, Basis.INDUSTRY, employer)
    fallback = centre if scope.covers(centre.path) else None
    return UnionSuggestion(fallback, _("未能识别，由受理中心处理"), place.region, Basis.CENTRE, employer)


def _place_label(union: TradeUnion, place: ParsedAddress) -> str:
    if union.level == Level.TOWNSHIP and place.township is not None and union.region_id == place.township.adcode:
        above = place.county or place.city  # 东莞市长安镇: a city without counties holds its townships
        return (above.name if above is not None else "") + place.township.name
    if union.level == Level.TOWNSHIP and place.county is not None:
        township = _township_names(union.name, _region_prefixes(place))
        return place.county.name + (township[0] if township else "")
    region = place.county if union.level == Level.COUNTY else place.city
    return region.name if region is not None else union.name

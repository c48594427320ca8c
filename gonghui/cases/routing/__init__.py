"""The routing suggestion of a 12351 intake: category, kind, place and handling union.

The hotline operator always confirms or changes it; nothing here writes. `route` is what the intake service
and form call.
"""

from dataclasses import dataclass
from typing import TYPE_CHECKING

from gonghui.cases.routing.address import ParsedAddress, parse_address, province_of
from gonghui.cases.routing.classifier import suggest_category
from gonghui.cases.routing.industry import industry_of
from gonghui.cases.routing.kind import suggest_kind
from gonghui.cases.routing.suggest import UnionSuggestion, suggest_union
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope

if TYPE_CHECKING:
    from gonghui.cases.models import Case

__all__ = ["Routing", "dispatch_suggestion", "route"]


@dataclass(frozen=True)
class Routing:
    categories: list[tuple[str, float]]
    kind: str
    place: ParsedAddress
    industry: str
    union: UnionSuggestion

    @property
    def category(self) -> str:
        return self.categories[0][0]


def route(*, scope: Scope, centre: TradeUnion, text: str, credit_code: str = "", employer_name: str = "",
          address: str = "") -> Routing:
    # Callers often give the place only in what they say ("我在武侯区一个工地"), so the statement
    # stands in for an address the operator has not typed yet.
    where = address or text
    place = parse_address(where, default_province=province_of(centre.region_id))
    industry = industry_of(text)
    union = suggest_union(scope=scope, centre=centre, credit_code=credit_code, employer_name=employer_name,
                          address=where, industry=industry, place=place, text=text)
    return Routing(categories=suggest_category(text), kind=suggest_kind(text), place=place, industry=industry,
                   union=union)


def dispatch_suggestion(*, scope: Scope, case: "Case") -> UnionSuggestion | None:
    """Where the intake's routing would send `case` from the union holding it now: the 派单 picker
    starts there. None when it names no union the holder could dispatch to."""
    text = case.description
    where = case.address or text
    place = parse_address(where, default_province=province_of(case.handling_union.region_id))
    found = suggest_union(scope=scope, centre=case.handling_union, credit_code=case.employer_credit_code,
                          employer_name=case.employer_name, address=where, industry=industry_of(text),
                          place=place, text=text)
    if found.union is None or found.union.pk == case.handling_union_id or not found.union.is_active:
        return None
    return found

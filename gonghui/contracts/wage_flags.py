"""The two wage flags a county acts on beside the figures: employers whose contract in force agrees a
lowest wage below today's local minimum wage, and wage contracts whose agreed increase is below the
median increase of their county (docs/decisions.md, "Wage flags: below the minimum wage, below the
county's median increase")."""

import datetime
import statistics
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import OuterRef, Subquery
from django.utils import timezone

from gonghui.contracts.choices import IN_FORCE
from gonghui.contracts.models import CollectiveContract, Coverage, KeyTerm, MinimumWage
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import Scope, subtree_q

LOWEST_PAID = "wages.lowest_paid"
INCREASE = "wages.increase_rate"
# Fewer contracts than this in a county make no median worth comparing against.
MEDIAN_MIN_CONTRACTS = 3


def _term(contract: str, code: str) -> Subquery:
    """The coded term's number for the row's contract (`contract` names the column holding its id)."""
    return Subquery(KeyTerm.objects.filter(contract_id=OuterRef(contract), variable__code=code)
                    .values("number")[:1])


@dataclass(frozen=True)
class BelowMinimum:
    employer_name: str
    credit_code: str
    contract_id: int
    contract_title: str
    lowest_paid: Decimal
    minimum: Decimal
    region_name: str

    @property
    def shortfall(self) -> Decimal:
        return self.minimum - self.lowest_paid


def below_minimum_wage(*, scope: Scope, union: TradeUnion, today: datetime.date | None = None,
                       contracts: Collection[int] | None = None) -> list[BelowMinimum]:
    """Each employer covered by a contract in force whose agreed lowest wage is below the standard in
    force today where the employer is (its region, else the union side's), largest shortfall first;
    `contracts` narrows it to those contracts (a page of the comparison)."""
    today = today or timezone.localdate()
    covered = Coverage.objects.visible_to(scope).filter(subtree_q("org_path", union.path), in_force=True)
    if contracts is not None:
        covered = covered.filter(contract_id__in=list(contracts))
    rows = (covered
            .annotate(lowest=_term("contract_id", LOWEST_PAID))
            .filter(lowest__isnull=False)
            .values_list("employer__name", "employer__credit_code", "employer__region_id", "contract__union__region_id",
                         "contract_id", "contract__title", "lowest"))
    # The employer's region, else the union side's: the distinct ones first, so the rows stay streamed.
    places = rows.values_list("employer__region_id", "contract__union__region_id").order_by().distinct()
    minimums = _MinimumByRegion(today, {region or union_region for region, union_region in places})
    found = []
    for name, code, region_id, union_region_id, contract_id, title, lowest in rows.iterator(chunk_size=2000):
        standard = minimums.get(region_id or union_region_id)
        if standard is not None and lowest < standard.monthly:
            found.append(BelowMinimum(name, code, contract_id, title, lowest, standard.monthly,
                                      minimums.region_name(standard.region_id)))
    return sorted(found, key=lambda r: (-r.shortfall, r.employer_name))


class _MinimumByRegion:
    """minimum_wage_for of many regions at once: the regions and their parents read level by level
    (a division is at most four deep) and the standards in force in one query, so the count of
    queries does not grow with the number of regions the rows are in."""

    def __init__(self, on: datetime.date, adcodes: Collection[str | None]):
        self.parents: dict[str, str | None] = {}
        self.names: dict[str, str] = {}
        wanted = {c for c in adcodes if c}
        while wanted:
            found = Region.objects.filter(adcode__in=wanted).values_list("adcode", "parent_id", "name")
            for code, parent, name in found:
                self.parents[code], self.names[code] = parent, name
            wanted = {p for p in self.parents.values() if p and p not in self.parents} - wanted
        self.standards: dict[str, MinimumWage] = {}
        for row in (MinimumWage.objects.filter(region_id__in=list(self.parents), effective_from__lte=on)
                    .order_by("region_id", "-effective_from")):
            self.standards.setdefault(row.region_id, row)  # the newest in force for each region

    def get(self, adcode: str | None) -> MinimumWage | None:
        # The nearest region up the chain that has a standard, as minimum_wage_for reads it.
        steps = 0
        while adcode and adcode in self.parents and steps < 6:
            if adcode in self.standards:
                return self.standards[adcode]
            adcode, steps = self.parents[adcode], steps + 1
        return None

    def region_name(self, adcode: str) -> str:
        return self.names.get(adcode, adcode)


@dataclass(frozen=True)
class BelowMedian:
    contract_id: int
    contract_title: str
    party: str  # the employer, or the employers' side of a regional contract
    county: str
    increase: Decimal
    median: Decimal


def _county_code(adcode: str | None) -> str | None:
    # GB/T 2260: a township's nine digits start with its county's six.
    return adcode[:6] if adcode else None


def below_median_increase(*, scope: Scope, union: TradeUnion) -> list[BelowMedian]:
    """Wage contracts in force whose agreed increase is below the median of the wage contracts in force
    in the same county (the employer's county; the union side's for a regional contract), among those
    the viewer sees; a county with fewer than MEDIAN_MIN_CONTRACTS has no median to fall below."""
    rows = (CollectiveContract.objects.visible_to(scope).filter(subtree_q("org_path", union.path),
                                                               status__in=IN_FORCE, kind__is_wage=True)
            .annotate(increase=_term("pk", INCREASE))
            .filter(increase__isnull=False)
            .values_list("pk", "title", "employer__name", "employer_side", "employer__region_id", "union__region_id",
                         "increase"))
    by_county: dict[str | None, list[tuple[int, str, str, Decimal]]] = {}
    for pk, title, employer, side, region_id, union_region_id, increase in rows:
        by_county.setdefault(_county_code(region_id or union_region_id), []).append(
            (pk, title, employer or side, increase))
    names = dict(Region.objects.filter(adcode__in=[c for c in by_county if c]).values_list("adcode", "name"))
    found = []
    for county, items in by_county.items():
        if county is None or len(items) < MEDIAN_MIN_CONTRACTS:
            continue
        median = Decimal(statistics.median(i[3] for i in items)).quantize(Decimal("0.01"))
        found += [BelowMedian(pk, title, party, names.get(county, county), increase, median)
                  for pk, title, party, increase in items if increase < median]
    return sorted(found, key=lambda r: (r.county, r.increase - r.median, r.contract_id))

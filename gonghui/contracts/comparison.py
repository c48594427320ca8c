"""条款对比: a subtree's contracts side by side on one topic of the codebook.

Rows are contracts, columns the topic's variables, each cell the contract's coded value (未约定 when
the contract codes none). Numeric variables carry the median, lowest and highest over every contract
the filters select (not just the page shown). The two wage flags are the figures page's own
(`wage_flags`): a cell is flagged exactly when the contract is on that page's work list.
"""

import datetime
import statistics
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.contracts.choices import IN_FORCE, Reach, Status, ValueType
from gonghui.contracts.models import CollectiveContract, ContractKind, Coverage, KeyTerm, TermTopic, TermVariable
from gonghui.contracts.selectors import codebook, figures_union, kinds
from gonghui.contracts.wage_flags import (
    INCREASE,
    LOWEST_PAID,
    BelowMedian,
    BelowMinimum,
    below_median_increase,
    below_minimum_wage,
)
from gonghui.core.errors import NotFound
from gonghui.orgs.choices import Industry
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, subtree_q

IN_FORCE_STATUS = "in_force"  # the default: what a county compares is what binds employers today
ALL_STATUSES = "all"
STATUS_CHOICES = (IN_FORCE_STATUS, ALL_STATUSES, *Status.values)
PARAMS = ("union", "topic", "kind", "reach", "status", "industry", "sort")
CENT = Decimal("0.01")


def plain_number(value: Decimal) -> str:
    """2100.00 → 2100, 5.50 → 5.5: a coded number as a person writes it."""
    text = format(value.quantize(CENT), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Summary:
    coded: int  # contracts that code the variable
    median: Decimal | None = None
    lowest: Decimal | None = None
    highest: Decimal | None = None


@dataclass(frozen=True)
class Cell:
    variable: TermVariable
    value: Decimal | bool | str | None  # None: the contract codes nothing for it (未约定)
    below_minimum: BelowMinimum | None = None
    below_median: BelowMedian | None = None

    @property
    def missing(self) -> bool:
        return self.value is None

    @property
    def shown(self) -> str:
        if self.value is None:
            return _("未约定")
        if isinstance(self.value, bool):
            return _("是") if self.value else _("否")
        if isinstance(self.value, Decimal):
            return plain_number(self.value)
        return self.value

    @property
    def flagged(self) -> bool:
        return self.below_minimum is not None or self.below_median is not None

    @property
    def note(self) -> str:
        """The flag in words, so it reads without its colour (a screen reader, a printout)."""
        if self.below_minimum is not None:
            return _("低于当地最低工资标准 %(minimum)s 元（%(region)s）") % {
                "minimum": plain_number(self.below_minimum.minimum), "region": self.below_minimum.region_name}
        if self.below_median is not None:
            return _("低于%(county)s中位数 %(median)s%%") % {
                "county": self.below_median.county, "median": plain_number(self.below_median.median)}
        return ""


@dataclass(frozen=True)
class Row:
    contract: CollectiveContract
    cells: list[Cell]

    @property
    def party(self) -> str:
        """The employer, or the employers' side of a regional or industry contract."""
        return self.contract.employer.name if self.contract.employer else self.contract.employer_side


@dataclass
class Comparison:
    scope: Scope
    union: TradeUnion
    topics: list[TermTopic]
    topic: TermTopic
    variables: list[TermVariable]
    contracts: QuerySet[CollectiveContract]  # every contract the filters select, in order: page it
    summaries: dict[int, Summary] = field(default_factory=dict)  # variable id → its figures
    today: datetime.date = field(default_factory=timezone.localdate)

    @property
    def numeric(self) -> list[TermVariable]:
        return [v for v in self.variables if v.value_type == ValueType.NUMBER]

    def rows(self, page: Iterable[CollectiveContract]) -> list[Row]:
        """The cells of a page of `contracts`: one query for the terms, and the flags' own few."""
        page = list(page)
        ids = [c.pk for c in page]
        terms = {(t.contract_id, t.variable_id): t for t in
                 KeyTerm.objects.filter(contract_id__in=ids, variable__in=self.variables)} if ids else {}
        codes = {v.code for v in self.variables}
        minimum: dict[int, BelowMinimum] = {}
        if ids and LOWEST_PAID in codes:
            # Sorted by shortfall: a regional contract shows its covered employer furthest below.
            for r in below_minimum_wage(scope=self.scope, union=self.union, today=self.today, contracts=ids):
                minimum.setdefault(r.contract_id, r)
        median: dict[int, BelowMedian] = {}
        if ids and INCREASE in codes:
            median = {r.contract_id: r for r in below_median_increase(scope=self.scope, union=self.union)}
        rows = []
        for contract in page:
            cells = []
            for v in self.variables:
                term = terms.get((contract.pk, v.pk))
                cells.append(Cell(
                    v, _value(v, term),
                    below_minimum=minimum.get(contract.pk) if v.code == LOWEST_PAID else None,
                    below_median=median.get(contract.pk) if v.code == INCREASE else None))
            rows.append(Row(contract, cells))
        return rows


def _value(variable: TermVariable, term: KeyTerm | None) -> Decimal | bool | str | None:
    if term is None:
        return None
    if variable.value_type == ValueType.NUMBER:
        return term.number
    if variable.value_type == ValueType.YES_NO:
        return term.flag
    return term.text or None


def pick_topic(topics: Sequence[TermTopic], code: str) -> TermTopic | None:
    """The topic asked for by its code, else the first of the codebook."""
    return next((t for t in topics if t.code == code), topics[0] if topics else None)


def comparison(*, scope: Scope, union: TradeUnion, topic: TermTopic, topics: list[TermTopic] | None = None,
               kind: ContractKind | None = None, reach: str = "", status: str = IN_FORCE_STATUS,
               industry: str = "", sort: str = "", today: datetime.date | None = None) -> Comparison:
    """The contracts under `union` the scope sees, filtered, with the topic's figures computed over all
    of them; `sort` names a numeric variable of the topic to list the lowest first."""
    topics = topics if topics is not None else codebook()
    topic = next((t for t in topics if t.pk == topic.pk), topic)  # the one with its variables prefetched
    variables = list(topic.variables.all())
    qs = (CollectiveContract.objects.visible_to(scope).filter(subtree_q("org_path", union.path))
          .select_related("kind", "employer", "union"))
    if status == IN_FORCE_STATUS:
        qs = qs.filter(status__in=IN_FORCE)
    elif status in Status.values:
        qs = qs.filter(status=status)
    if kind is not None:
        qs = qs.filter(kind=kind)
    if reach in Reach.values:
        qs = qs.filter(reach=reach)
    if industry in Industry.values:
        # A regional or industry contract has no employer of its own: it counts when it covers one.
        covers = Coverage.objects.filter(contract_id=OuterRef("pk"), employer__industry=industry)
        qs = qs.filter(Q(employer__industry=industry) | Q(employer__isnull=True) & Exists(covers))
    by = next((v for v in variables if v.code == sort and v.value_type == ValueType.NUMBER), None)
    if by is not None:
        qs = qs.annotate(sort_value=Subquery(
            KeyTerm.objects.filter(contract_id=OuterRef("pk"), variable=by).values("number")[:1]))
        qs = qs.order_by(F("sort_value").asc(nulls_last=True), "pk")
    else:
        qs = qs.annotate(party=Coalesce("employer__name", "employer_side")).order_by("party", "pk")
    return Comparison(scope=scope, union=union, topics=topics, topic=topic, variables=variables,
                      contracts=qs, summaries=_summaries(qs, variables), today=today or timezone.localdate())


def _summaries(contracts: QuerySet[CollectiveContract], variables: list[TermVariable]) -> dict[int, Summary]:
    numeric = [v for v in variables if v.value_type == ValueType.NUMBER]
    if not numeric:
        return {}
    values: dict[int, list[Decimal]] = {v.pk: [] for v in numeric}
    rows = KeyTerm.objects.filter(contract__in=contracts.order_by().values("pk"), variable__in=numeric,
                                  number__isnull=False).values_list("variable_id", "number")
    for variable_id, number in rows.iterator(chunk_size=5000):
        if number is not None:
            values[variable_id].append(number)
    return {pk: Summary(len(found), Decimal(statistics.median(found)).quantize(CENT), min(found), max(found))
            if found else Summary(0) for pk, found in values.items()}


def _id(value: str | None) -> int | None:
    # Nine digits at most: a longer one is nobody's id, and too long for the database's integer.
    return int(value) if value and value.isdigit() and len(value) <= 9 else None


def comparison_for(*, scope: Scope, filters: Mapping[str, Any], today: datetime.date | None = None
                   ) -> Comparison | None:
    """The comparison a page's or an export's query string asks for: a value no control would send (a
    union out of scope among them) is ignored, that filter is off; None when the scope holds no union
    or the codebook no topic."""
    def get(key: str) -> str:
        return str(filters.get(key) or "").strip()

    try:
        union = figures_union(scope=scope, pk=_id(get("union")))
    except NotFound:
        union = figures_union(scope=scope)  # no control offers a union out of scope: as if none were asked
    topics = codebook()
    topic = pick_topic(topics, get("topic"))
    if union is None or topic is None:
        return None
    kind_id = _id(get("kind"))
    status = get("status")
    return comparison(scope=scope, union=union, topic=topic, topics=topics,
                      kind=kinds(active_only=False).filter(pk=kind_id).first() if kind_id else None,
                      reach=get("reach"), status=status if status in STATUS_CHOICES else IN_FORCE_STATUS,
                      industry=get("industry"), sort=get("sort"), today=today)

"""What a member signed in on the portal may read of the contracts: those in force that cover their
employer (its own and the 区域性/行业性 ones listing it), with the key terms in plain words.

The worker is known only by the phone proved at login; their employer is found from their live
member record (`worker_employers`). Anything else (another employer's contract, one not in force) is not found.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.contracts import plain_words
from gonghui.contracts.choices import IN_FORCE, ValueType
from gonghui.contracts.models import CollectiveContract, Coverage, KeyTerm, MinimumWage
from gonghui.contracts.selectors import minimum_wage_for
from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound
from gonghui.members.choices import LIVE_STATUSES
from gonghui.members.models import Member
from gonghui.orgs.choices import EmployerStatus
from gonghui.orgs.models import Employer

LOWEST_WAGE = "wages.lowest_paid"
INCREASE = "wages.increase_rate"


def worker_employers(*, phone: str) -> list[Employer]:
    """The worker's employers: the one on their live member record, else the one employer directly
    under their union (a 单位工会's own). A union with several employers directly under it (a 联合工会)
    names none of them for a member whose record has none: guessing would show another firm's terms."""
    rows = list(Member.objects.filter(phone_index__in=blind_index_candidates(phone), status__in=LIVE_STATUSES)
                .values_list("employer_id", "org_path")[:10])
    ids = {employer_id for employer_id, _path in rows if employer_id}
    for employer_id, path in rows:
        if not employer_id and path:
            direct = list(Employer.objects.filter(org_path=path, status=EmployerStatus.ACTIVE)
                          .values_list("pk", flat=True)[:2])
            if len(direct) == 1:
                ids.add(direct[0])
    return list(Employer.objects.filter(pk__in=ids).select_related("region").order_by("name"))


def _covering(employers: list[Employer]) -> QuerySet[Coverage]:
    return (Coverage.objects.filter(employer__in=employers, in_force=True, contract__status__in=IN_FORCE)
            .select_related("contract__kind", "contract__union", "employer")
            .order_by("-own", "contract__kind__order", "contract__end_on", "contract_id"))


def worker_contracts(*, phone: str) -> list[Coverage]:
    """The coverage rows in force for the worker's employers: each names the contract and the employer."""
    employers = worker_employers(phone=phone)
    return list(_covering(employers)) if employers else []


def worker_contract_get(*, phone: str, pk: Any) -> Coverage:
    """One contract covering the worker's employer, in force; anything else is not found."""
    if not str(pk).isdigit():
        raise NotFound()
    employers = worker_employers(phone=phone)
    row = _covering(employers).filter(contract_id=int(pk)).first() if employers else None
    if row is None:
        raise NotFound()
    return row


@dataclass(frozen=True)
class PlainTerm:
    code: str
    name: str
    words: str  # what the clause is about, in plain words
    value: str  # "5 %", "是", the agreed text
    below_minimum: bool = False


@dataclass
class PlainTopic:
    code: str
    name: str
    terms: list[PlainTerm] = field(default_factory=list)


@dataclass
class PlainContract:
    topics: list[PlainTopic]
    kind: str = ""
    lowest_paid: Decimal | None = None
    minimum: MinimumWage | None = None
    increase_rate: Decimal | None = None

    @property
    def below_minimum(self) -> bool:
        return bool(self.lowest_paid is not None and self.minimum and self.lowest_paid < self.minimum.monthly)

    @property
    def increase_shown(self) -> str:
        return _number(self.increase_rate) if self.increase_rate is not None else ""

    @property
    def lowest_shown(self) -> str:
        return _number(self.lowest_paid) if self.lowest_paid is not None else ""

    @property
    def minimum_shown(self) -> str:
        return _number(self.minimum.monthly) if self.minimum is not None else ""

    @property
    def above_minimum_by(self) -> Decimal | None:
        if self.lowest_paid is None or self.minimum is None:
            return None
        return self.lowest_paid - self.minimum.monthly


def _number(value: Decimal) -> str:
    return f"{value.normalize():f}"  # 5.50 → 5.5, 2300.00 → 2300


def _shown(term: KeyTerm) -> str:
    variable = term.variable
    if variable.value_type == ValueType.YES_NO:
        return str(_("是") if term.flag else _("否"))
    if variable.value_type == ValueType.NUMBER and term.number is not None:
        return f"{_number(term.number)} {plain_words.unit(variable.unit)}".strip()
    return term.text


def plain_terms(*, coverage: Coverage, today: datetime.date | None = None) -> PlainContract:
    """The contract's coded terms grouped by topic, with the agreed lowest wage against the local
    minimum wage where the covered employer is (its region, else the union's)."""
    contract: CollectiveContract = coverage.contract
    terms = list(contract.terms.select_related("variable__topic"))
    by_code = {t.variable.code: t for t in terms}
    lowest = by_code.get(LOWEST_WAGE)
    region = coverage.employer.region if coverage.employer.region_id else contract.union.region
    minimum = minimum_wage_for(region=region, on=today or timezone.localdate())
    out = PlainContract(topics=[], kind=plain_words.kind_name(contract.kind.code, contract.kind.name),
                        lowest_paid=lowest.number if lowest else None, minimum=minimum,
                        increase_rate=by_code[INCREASE].number if INCREASE in by_code else None)
    topics: dict[str, PlainTopic] = {}
    for term in terms:
        topic = term.variable.topic
        group = topics.get(topic.code)
        if group is None:
            group = topics[topic.code] = PlainTopic(topic.code, plain_words.topic_name(topic.code, topic.name))
            out.topics.append(group)
        v = term.variable
        name, words = plain_words.variable_words(v.code, v.name, v.plain_words)
        group.terms.append(PlainTerm(v.code, name, words, _shown(term), v.code == LOWEST_WAGE and out.below_minimum))
    return out

"""集体合同 figures per subtree and period, and the two work lists a county acts on.

Coverage is read from the per-employer rollup (`EmployerCoverage`): one row per covered employer,
so "employers and workers covered" is a count and a sum over one prefix range of one index, each
employer once however many contracts cover it (docs/decisions.md, "Coverage figures read a
per-employer rollup").
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Avg, Count, Exists, OuterRef, Q, QuerySet, Sum
from django.utils import timezone

from gonghui.contracts.choices import IN_FORCE
from gonghui.contracts.models import CollectiveContract, EmployerCoverage, KeyTerm
from gonghui.orgs.choices import EmployerStatus
from gonghui.orgs.models import Employer, TradeUnion
from gonghui.orgs.scope import Scope, subtree_q

WAGE_INCREASE = "wages.increase_rate"


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def quarter_end(day: datetime.date) -> datetime.date:
    first_of_next = datetime.date(day.year + (day.month > 9), (((day.month - 1) // 3 + 1) * 3) % 12 + 1, 1)
    return first_of_next - datetime.timedelta(days=1)


@dataclass(frozen=True)
class ContractFigures:
    signed: int  # contracts signed in the period
    filed: int  # of those, filed with the labour administration
    filed_late: int
    by_kind: dict[str, int] = field(default_factory=dict)  # kind name → contracts signed in the period
    by_reach: dict[str, int] = field(default_factory=dict)
    in_force: int = 0
    employers_covered: int = 0
    workers_covered: int = 0
    unionised: int = 0  # unionised active employers in the subtree
    unionised_covered: int = 0
    average_wage_increase: Decimal | None = None
    expiring: int = 0

    @property
    def filing_rate(self) -> float | None:
        return _rate(self.filed, self.signed)

    @property
    def coverage_rate(self) -> float | None:
        """建制率: unionised employers with a contract in force, among unionised employers."""
        return _rate(self.unionised_covered, self.unionised)


def _unionised(scope: Scope, union: TradeUnion) -> QuerySet[Employer]:
    return Employer.objects.visible_to(scope).filter(subtree_q("org_path", union.path), unionized=True,
                                                     status=EmployerStatus.ACTIVE)


def contract_figures(*, scope: Scope, union: TradeUnion, start: datetime.date, end: datetime.date,
                     today: datetime.date | None = None) -> ContractFigures:
    today = today or timezone.localdate()
    contracts = CollectiveContract.objects.visible_to(scope).filter(subtree_q("org_path", union.path))
    signed = contracts.filter(signed_on__gte=start, signed_on__lte=end)
    totals = signed.aggregate(n=Count("pk"), filed=Count("pk", filter=Q(filed_on__isnull=False)),
                              late=Count("pk", filter=Q(filed_late=True)))
    by_kind = dict(signed.values_list("kind__name").annotate(n=Count("pk")).order_by("kind__order"))
    by_reach = dict(signed.values_list("reach").annotate(n=Count("pk")).order_by("reach"))
    in_force = contracts.filter(status__in=IN_FORCE)
    rollup = EmployerCoverage.objects.visible_to(scope).filter(subtree_q("org_path", union.path))
    covered = rollup.aggregate(n=Count("pk"), workers=Sum("workers_covered"))
    unionised = _unionised(scope, union)
    average = (KeyTerm.objects.filter(contract__in=in_force.filter(kind__is_wage=True),
                                      variable__code=WAGE_INCREASE, number__isnull=False)
               .aggregate(avg=Avg("number"))["avg"])
    return ContractFigures(
        signed=totals["n"], filed=totals["filed"], filed_late=totals["late"], by_kind=by_kind, by_reach=by_reach,
        in_force=in_force.count(), employers_covered=covered["n"], workers_covered=covered["workers"] or 0,
        unionised=unionised.count(),
        unionised_covered=unionised.filter(Exists(EmployerCoverage.objects.filter(employer_id=OuterRef("pk")))).count(),
        average_wage_increase=Decimal(average).quantize(Decimal("0.01")) if average is not None else None,
        expiring=in_force.filter(end_on__gte=today, end_on__lte=today + datetime.timedelta(days=90)).count())


def without_wage_contract(*, scope: Scope, union: TradeUnion) -> QuerySet[Employer]:
    """Unionised employers with no 工资专项 contract in force, own or regional: the work list."""
    wage = EmployerCoverage.objects.filter(employer_id=OuterRef("pk"), has_wage=True)
    return _unionised(scope, union).filter(~Exists(wage)).select_related("union").order_by("org_path", "name")


def lapsing_this_quarter(*, scope: Scope, union: TradeUnion, today: datetime.date | None = None
                         ) -> QuerySet[CollectiveContract]:
    today = today or timezone.localdate()
    return (CollectiveContract.objects.visible_to(scope).filter(subtree_q("org_path", union.path))
            .filter(status__in=IN_FORCE, end_on__gte=today, end_on__lte=quarter_end(today))
            .select_related("kind", "union", "employer").order_by("end_on", "pk"))

"""Every read of the 集体合同 domain, each through the caller's scope (out of scope answers like missing)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from gonghui.contracts.choices import IN_FORCE, OPEN_STATUSES, Status
from gonghui.contracts.models import (
    CollectiveContract,
    ContractAttachment,
    ContractEvent,
    ContractKind,
    ContractVote,
    Coverage,
    KeyTerm,
    Meeting,
    MinimumWage,
    Negotiator,
    SupervisionCheck,
    TermTopic,
    TermVariable,
)
from gonghui.contracts.workflow import REMINDER_DAYS
from gonghui.core.text import normalize_text
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q

EXPIRING_DAYS = REMINDER_DAYS[0]  # "expiring" means within the first reminder, 90 days
REVIEW_SOON_DAYS = 5
LISTS = ("all", "open", "in_force", "expiring", "overdue_answer", "late_filing", "in_review")


def _base(scope: Scope) -> QuerySet[CollectiveContract]:
    return CollectiveContract.objects.visible_to(scope).select_related("kind", "union", "employer")


def contract_list(*, scope: Scope, union: TradeUnion | None = None, kind: ContractKind | None = None,
                  reach: str = "", status: str = "", show: str = "all", query: str = "",
                  today: datetime.date | None = None) -> QuerySet[CollectiveContract]:
    today = today or timezone.localdate()
    qs = _base(scope)
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    if kind is not None:
        qs = qs.filter(kind=kind)
    if reach:
        qs = qs.filter(reach=reach)
    if status:
        qs = qs.filter(status=status)
    if show == "open":
        qs = qs.filter(status__in=[s for s in OPEN_STATUSES if s not in IN_FORCE])
    elif show == "in_force":
        qs = qs.filter(status__in=IN_FORCE)
    elif show == "expiring":
        qs = qs.filter(status__in=IN_FORCE, end_on__gte=today,
                       end_on__lte=today + datetime.timedelta(days=EXPIRING_DAYS)).order_by("end_on", "pk")
    elif show == "overdue_answer":
        qs = qs.filter(status=Status.OFFERED, answer_due__lt=today).order_by("answer_due", "pk")
    elif show == "late_filing":
        qs = qs.filter(Q(status=Status.SIGNED, filing_due__lt=today) | Q(filed_late=True))
    elif show == "in_review":
        qs = qs.filter(status=Status.FILED).order_by("takes_effect_on", "pk")
    text = normalize_text(query)
    if text:
        qs = qs.filter(Q(title__icontains=text) | Q(employer_side__icontains=text)
                       | Q(coverage__employer__name__icontains=text)).distinct()
    return qs


def contract_get(*, scope: Scope, pk: Any) -> CollectiveContract:
    return get_visible(_base(scope).select_related("renewed_from"), scope, pk=pk)


@dataclass(frozen=True)
class ContractParts:
    negotiators: list[Negotiator]
    coverage: list[Coverage]
    terms: list[KeyTerm]
    meetings: list[Meeting]
    votes: list[ContractVote]
    checks: list[SupervisionCheck]
    attachments: list[ContractAttachment]
    events: list[ContractEvent]
    renewals: list[CollectiveContract]


def contract_parts(*, scope: Scope, contract: CollectiveContract) -> ContractParts:
    """Everything around one contract the page shows; `contract` was loaded through `contract_get`."""
    contract = get_visible(CollectiveContract.objects, scope, pk=contract.pk)
    return ContractParts(
        negotiators=list(contract.negotiators.all()),
        coverage=list(contract.coverage.select_related("employer").order_by("employer__name")),
        terms=list(contract.terms.select_related("variable__topic")),
        meetings=list(contract.meetings.all()), votes=list(contract.votes.all()), checks=list(contract.checks.all()),
        attachments=list(contract.attachments.all()), events=list(contract.events.order_by("-at", "-id")),
        renewals=list(contract.renewals.select_related("kind")))


def contract_attachment_get(*, scope: Scope, contract: CollectiveContract, pk: Any) -> ContractAttachment:
    get_visible(CollectiveContract.objects, scope, pk=contract.pk)
    found = ContractAttachment.objects.filter(contract=contract, pk=pk).first() if str(pk).isdigit() else None
    if found is None:
        from gonghui.core.errors import NotFound

        raise NotFound()
    return found


def kinds(*, active_only: bool = True) -> QuerySet[ContractKind]:
    qs = ContractKind.objects.all()
    return qs.filter(is_active=True) if active_only else qs


def codebook() -> list[TermTopic]:
    """The topics in order, each with its variables prefetched (`topic.variables.all()`)."""
    return list(TermTopic.objects.prefetch_related(
        Prefetch("variables", queryset=TermVariable.objects.order_by("order", "id"))))


def coverable_employers(*, scope: Scope, union: TradeUnion, query: str = "", limit: int = 200
                        ) -> QuerySet[Employer]:
    """Employers a contract of `union` may cover: active, under the union, in the actor's scope."""
    qs = Employer.objects.visible_to(scope).filter(subtree_q("org_path", union.path), status="active")
    text = normalize_text(query)
    if text:
        qs = qs.filter(Q(name__icontains=text) | Q(credit_code=text.upper()))
    return qs.order_by("name")[:limit]


def minimum_wage_for(*, region: Region | None, on: datetime.date) -> MinimumWage | None:
    """The standard in force on `on` for the region, read up its parents (a county inherits its
    city's or province's standard when it has none of its own)."""
    codes: list[str] = []
    node = region
    while node is not None and len(codes) < 6:
        codes.append(node.adcode)
        node = node.parent
    if not codes:
        return None
    rows = list(MinimumWage.objects.filter(region_id__in=codes, effective_from__lte=on)
                .order_by("region_id", "-effective_from"))
    for code in codes:  # the nearest region that has one
        for row in rows:
            if row.region_id == code:
                return row
    return None


@dataclass(frozen=True)
class WageCheck:
    lowest_paid: Decimal | None
    minimum: MinimumWage | None

    @property
    def below(self) -> bool:
        return bool(self.lowest_paid is not None and self.minimum and self.lowest_paid < self.minimum.monthly)


def lowest_wage_check(*, scope: Scope, contract: CollectiveContract) -> WageCheck:
    """The agreed lowest wage (`wages.lowest_paid`) against the local minimum wage where the union is."""
    contract = get_visible(CollectiveContract.objects.select_related("union__region"), scope, pk=contract.pk)
    term = contract.terms.filter(variable__code="wages.lowest_paid").first()
    region = contract.employer.region if contract.employer and contract.employer.region_id else contract.union.region
    on = contract.start_on or timezone.localdate()
    return WageCheck(term.number if term else None, minimum_wage_for(region=region, on=on))


def figures_union(*, scope: Scope, pk: Any = None) -> TradeUnion | None:
    """The union a figures page is about: the one asked for when visible, else the top of the scope."""
    from gonghui.orgs.selectors import union_get

    if pk not in (None, "") and str(pk).isdigit():
        return union_get(scope=scope, pk=pk)
    if scope.everything:
        return TradeUnion.objects.order_by("depth", "path").first()
    return TradeUnion.objects.filter(path__in=scope.roots).order_by("depth", "path").first()

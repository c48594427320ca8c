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
    ContractCase,
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
from gonghui.contracts.standing import actions_for
from gonghui.contracts.workflow import REMINDER_DAYS
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.orgs.holding import held_paths
from gonghui.orgs.models import Employer, Region, TradeUnion
from gonghui.orgs.scope import Scope, covers_all_roots, get_visible, subtree_q

EXPIRING_DAYS = REMINDER_DAYS[0]  # "expiring" means within the first reminder, 90 days
REVIEW_SOON_DAYS = 5
LISTS = ("all", "open", "in_force", "expiring", "overdue_answer", "to_file", "late_filing", "in_review")


def list_filter(show: str, today: datetime.date) -> Q:
    """Which contracts a list (a tab, a to-do line) holds: one definition for the page and the counts."""
    if show == "open":
        return Q(status__in=[s for s in OPEN_STATUSES if s not in IN_FORCE])
    if show == "in_force":
        return Q(status__in=IN_FORCE)
    if show == "expiring":
        return Q(status__in=IN_FORCE, end_on__gte=today, end_on__lte=today + datetime.timedelta(days=EXPIRING_DAYS))
    if show == "overdue_answer":
        return Q(status=Status.OFFERED, answer_due__lt=today)
    if show == "to_file":
        return Q(status=Status.SIGNED)
    if show == "late_filing":
        return Q(status=Status.SIGNED, filing_due__lt=today) | Q(filed_late=True)
    if show == "in_review":
        return Q(status=Status.FILED)
    return Q()


ORDERS = {"expiring": ("end_on", "pk"), "overdue_answer": ("answer_due", "pk"), "to_file": ("filing_due", "pk"),
          "in_review": ("takes_effect_on", "pk")}


def list_counts(*, scope: Scope, shows: tuple[str, ...], today: datetime.date | None = None) -> dict[str, int]:
    """How many contracts each list holds, in one query."""
    today = today or timezone.localdate()
    from django.db.models import Count

    return CollectiveContract.objects.visible_to(scope).aggregate(
        **{show: Count("pk", filter=list_filter(show, today)) for show in shows})


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
    if show in LISTS and show != "all":
        qs = qs.filter(list_filter(show, today))
        if show in ORDERS:
            qs = qs.order_by(*ORDERS[show])
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
    cases: list[ContractCase]  # workers' reports that a term is not kept, each a 12351 case


def contract_parts(*, scope: Scope, contract: CollectiveContract) -> ContractParts:
    """Everything around one contract the page shows; `contract` was loaded through `contract_get`."""
    contract = get_visible(CollectiveContract.objects, scope, pk=contract.pk)
    return ContractParts(
        # 职工方 first, each side's chief first.
        negotiators=sorted(contract.negotiators.all(), key=lambda n: (n.side != "union", not n.is_chief, n.pk)),
        coverage=list(contract.coverage.select_related("employer").order_by("employer__name")),
        terms=list(contract.terms.select_related("variable__topic")),
        meetings=list(contract.meetings.all()), votes=list(contract.votes.all()), checks=list(contract.checks.all()),
        attachments=list(contract.attachments.all()), events=list(contract.events.order_by("-at", "-id")),
        renewals=list(contract.renewals.select_related("kind")),
        cases=list(contract.case_links.select_related("case", "employer", "term")))


def contract_actions(*, actor: Any, contract: CollectiveContract, has_terms: bool,
                     today: datetime.date | None = None) -> list[str]:
    """The steps `actor` may take on the contract now, the main one first: one answer for the
    console's buttons and the API's `actions`, asked of the same place the services refuse from."""
    return actions_for(actor, contract, has_terms=has_terms, today=today)


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


def contract_unions(*, scope: Scope, limit: int = 300) -> QuerySet[TradeUnion]:
    """Unions in sight, nearest the top first (the figures' picker)."""
    return TradeUnion.objects.visible_to(scope).filter(status="active").order_by("depth", "path")[:limit]


def offer_unions(*, actor: Any, limit: int = 300) -> QuerySet[TradeUnion]:
    """Unions that may be the union side of a contract the actor records: those it holds
    contract.manage on itself (contracts/standing.py), nearest the top first."""
    return TradeUnion.objects.filter(path__in=held_paths(actor, Perm.CONTRACT_MANAGE), status="active").order_by(
        "depth", "path")[:limit]


def employers_by_credit_code(*, scope: Scope, codes: list[str]) -> dict[str, Employer]:
    """The employers in scope with these credit codes (a code out of scope is simply not found)."""
    found = Employer.objects.visible_to(scope).filter(credit_code__in=[c.upper() for c in codes])
    return {e.credit_code: e for e in found}


def minimum_wages(*, limit: int = 200) -> QuerySet[MinimumWage]:
    return MinimumWage.objects.select_related("region").order_by("region_id", "-effective_from")[:limit]


def region_by_code(*, adcode: str) -> Region | None:
    return Region.objects.filter(adcode=normalize_text(adcode)).first()


def may_add_kinds(*, scope: Scope) -> bool:
    """Kinds are the deployment's: whoever manages contracts over every root union adds them (one root
    of several is not enough)."""
    return covers_all_roots(scope)


def same_parties_negotiating(*, scope: Scope, contract: CollectiveContract) -> QuerySet[CollectiveContract]:
    """Other contracts of the kind between the same parties still being negotiated: shown to whoever
    records an offer, as the hotline's intake shows possible duplicates (a retry, a second clerk)."""
    negotiating = [s for s in OPEN_STATUSES if s not in IN_FORCE]
    qs = CollectiveContract.objects.visible_to(scope).filter(kind_id=contract.kind_id, reach=contract.reach,
                                                             status__in=negotiating).exclude(pk=contract.pk)
    if contract.employer_id:
        return qs.filter(employer_id=contract.employer_id)
    return qs.filter(union_id=contract.union_id, employer_side=contract.employer_side)


def employers_by_ids(*, scope: Scope, ids: list[int]) -> dict[int, Employer]:
    """The employers in scope with these ids (one out of scope is simply not found)."""
    return {e.pk: e for e in Employer.objects.visible_to(scope).filter(pk__in=ids)}

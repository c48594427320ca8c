"""民主管理 figures per subtree and period: 建制率, sessions, delegates, proposals, 厂务公开, seats.

A rate with nothing to divide by is missing (None), not 0 (DOMAIN.md §6).
"""

import datetime
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Q

from gonghui.democracy.choices import DelegateCategory, ProposalStatus, Rating, SeatKind
from gonghui.democracy.models import BoardSeat, CongressSession, Delegate, Disclosure, Proposal, WorkersCongress
from gonghui.orgs.choices import EmployerStatus
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope


@dataclass(frozen=True)
class DemocracyFigures:
    unionised_employers: int
    with_congress: int
    establishment_rate: Decimal | None  # % of unionised employers with a 职代会 system, one decimal
    sessions_held: int
    delegates: int
    by_category: dict[str, int]
    women_delegates: int
    dispatched_delegates: int
    proposals_submitted: int
    proposals_accepted: int
    proposals_answered: int
    proposals_satisfied: int
    disclosures: int
    directors: int
    supervisors: int


def rate(part: int, whole: int) -> Decimal | None:
    if not whole:
        return None
    return (Decimal(part * 100) / whole).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def democracy_figures(*, scope: Scope, start: datetime.date, end: datetime.date) -> DemocracyFigures:
    """`start`..`end` inclusive; delegates and seats are those serving on `end`."""
    unionised = Employer.objects.visible_to(scope).filter(unionized=True, status=EmployerStatus.ACTIVE)
    congresses = WorkersCongress.objects.visible_to(scope).filter(established_on__lte=end,
                                                                  employer__in=unionised.values("pk"))
    n_unionised, n_congress = unionised.count(), congresses.count()
    delegates = Delegate.objects.visible_to(scope).filter(term__starts_on__lte=end, term__ends_on__gte=end)
    spread = delegates.aggregate(total=Count("pk"), women=Count("pk", filter=Q(is_woman=True)),
                                 dispatched=Count("pk", filter=Q(is_dispatched=True)),
                                 **{c: Count("pk", filter=Q(category=c)) for c in DelegateCategory.values})
    proposals = Proposal.objects.visible_to(scope).filter(submitted_at__date__gte=start, submitted_at__date__lte=end)
    # Accepted (立案) means the committee took it as a 提案: it is still accepted, or it went on to be
    # assigned; a submission turned into an opinion never is, even once published.
    p = proposals.aggregate(
        submitted=Count("pk"),
        accepted=Count("pk", filter=Q(status=ProposalStatus.ACCEPTED) | Q(assigned_at__isnull=False)),
        answered=Count("pk", filter=Q(answered_at__isnull=False)),
        satisfied=Count("pk", filter=Q(rating__in=(Rating.SATISFIED, Rating.BASIC))))
    seats = BoardSeat.objects.visible_to(scope).filter(starts_on__lte=end, ends_on__gte=end).filter(
        Q(ended_on__isnull=True) | Q(ended_on__gt=end))
    s = seats.aggregate(d=Count("pk", filter=Q(kind=SeatKind.DIRECTOR)),
                        s=Count("pk", filter=Q(kind=SeatKind.SUPERVISOR)))
    return DemocracyFigures(
        unionised_employers=n_unionised, with_congress=n_congress, establishment_rate=rate(n_congress, n_unionised),
        sessions_held=CongressSession.objects.visible_to(scope).filter(held_on__gte=start, held_on__lte=end).count(),
        delegates=spread["total"], by_category={c: spread[c] for c in DelegateCategory.values},
        women_delegates=spread["women"], dispatched_delegates=spread["dispatched"],
        proposals_submitted=p["submitted"], proposals_accepted=p["accepted"], proposals_answered=p["answered"],
        proposals_satisfied=p["satisfied"],
        disclosures=Disclosure.objects.visible_to(scope).filter(published_at__date__gte=start,
                                                                published_at__date__lte=end).count(),
        directors=s["d"], supervisors=s["s"])

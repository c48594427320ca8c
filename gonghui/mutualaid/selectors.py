"""Every read of 职工互助保障 the interfaces need, each through the caller's scope.

Lists never load a claim's diagnosis (health data, encrypted): only `claim_diagnosis_reveal`
shows it, with an audit row.
"""

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum

from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import NotFound
from gonghui.members.models import Member
from gonghui.mutualaid.choices import ClaimStatus, EnrolmentStatus
from gonghui.mutualaid.models import (
    MutualAidClaim,
    MutualAidClaimDocument,
    MutualAidEnrolment,
    MutualAidEvent,
    MutualAidPlan,
)
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, get_visible, subtree_q

ZERO = Decimal("0.00")


def plan_list(*, scope: Scope, year: int | None = None, status: str = "") -> QuerySet[MutualAidPlan]:
    qs = MutualAidPlan.objects.visible_to(scope).select_related("union")
    if year is not None:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-year", "org_path", "name", "pk")


def plan_get(*, scope: Scope, pk: Any) -> MutualAidPlan:
    return get_visible(MutualAidPlan.objects.select_related("union"), scope, pk=pk)


def enrolment_list(*, scope: Scope, plan: MutualAidPlan, union: TradeUnion | None = None
                   ) -> QuerySet[MutualAidEnrolment]:
    """A plan's enrolments the scope covers (a grassroots union sees its own members only)."""
    qs = MutualAidEnrolment.objects.visible_to(scope).filter(plan=plan)
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path))
    return qs.select_related("member", "union").order_by("org_path", "member__name", "pk")


def enrolment_get(*, scope: Scope, pk: Any) -> MutualAidEnrolment:
    return get_visible(MutualAidEnrolment.objects.select_related("plan", "plan__union", "member", "union"),
                       scope, pk=pk)


def _claims(scope: Scope | None) -> QuerySet[MutualAidClaim]:
    qs = MutualAidClaim.objects.visible_to(scope) if scope is not None else MutualAidClaim.objects.all()
    return qs.defer("diagnosis").select_related("plan", "member")


def claim_list(*, scope: Scope, plan: MutualAidPlan | None = None, status: str = "") -> QuerySet[MutualAidClaim]:
    qs = _claims(scope)
    if plan is not None:
        qs = qs.filter(plan=plan)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-submitted_at", "-pk")


def claim_get(*, scope: Scope, pk: Any) -> MutualAidClaim:
    key = _int_or_none(pk)
    claim = None if key is None else _claims(scope).select_related("enrolment", "plan__union").filter(pk=key).first()
    if claim is None:
        raise NotFound()
    return claim


def claim_timeline(*, claim: MutualAidClaim) -> list[MutualAidEvent]:
    """The events of one claim, already loaded through the scope."""
    return list(claim.events.order_by("at", "pk"))


def claim_documents(*, claim: MutualAidClaim) -> list[MutualAidClaimDocument]:
    """The documents of one claim, already loaded through the scope."""
    return list(MutualAidClaimDocument.objects.filter(claim=claim).order_by("at", "pk"))


def plan_timeline(*, plan: MutualAidPlan, limit: int = 50) -> list[MutualAidEvent]:
    """The latest changes of a plan itself and of its enrolment batches (claims have their own timeline)."""
    return list(MutualAidEvent.objects.filter(plan=plan, claim__isnull=True).order_by("-at", "-pk")[:limit])


@dataclass
class MutualAidFigures:
    covered: int = 0  # members enrolled (人)
    premiums: Decimal = ZERO  # 互助金 collected (元)
    claims: dict[str, int] = field(default_factory=dict)  # by status
    paid_count: int = 0  # 给付例数
    paid_amount: Decimal = ZERO  # 给付金额 (元)

    @property
    def claim_total(self) -> int:
        return sum(self.claims.values())

    @property
    def average_payout(self) -> Decimal | None:
        """Per paid claim; missing (not 0) when nothing was paid."""
        if not self.paid_count:
            return None
        return (self.paid_amount / self.paid_count).quantize(Decimal("0.01"))


def mutual_aid_figures(*, scope: Scope, union: TradeUnion, year: int, plan: MutualAidPlan | None = None
                       ) -> MutualAidFigures:
    """The figures of a subtree for one plan year (all its plans, or one): 2 queries after the union's."""
    union = get_visible(TradeUnion.objects, scope, pk=union.pk)
    # The union is in the scope, so its whole branch is: the path prefix alone filters.
    where = subtree_q("org_path", union.path)
    plans = Q(plan=plan) if plan is not None else Q(plan__year=year)
    covered = MutualAidEnrolment.objects.filter(where, plans, status=EnrolmentStatus.ACTIVE).aggregate(
        n=Count("pk"), premiums=Sum("premium"))
    rows = (MutualAidClaim.objects.filter(where, plans).order_by().values("status")
            .annotate(n=Count("pk"), amount=Sum("amount_approved")).values_list("status", "n", "amount"))
    figures = MutualAidFigures(covered=covered["n"] or 0, premiums=covered["premiums"] or ZERO)
    for status, n, amount in rows:
        figures.claims[status] = n
        if status == ClaimStatus.PAID:
            figures.paid_count, figures.paid_amount = n, amount or ZERO
    return figures


def mutual_aid_figures_by_plan(*, scope: Scope, union: TradeUnion, year: int) -> dict[int, MutualAidFigures]:
    """The same figures for each plan of the year that has members in the subtree, by plan id (3 queries)."""
    union = get_visible(TradeUnion.objects, scope, pk=union.pk)
    where = subtree_q("org_path", union.path)
    out: dict[int, MutualAidFigures] = {}
    enrolments = (MutualAidEnrolment.objects.filter(where, plan__year=year, status=EnrolmentStatus.ACTIVE)
                  .order_by().values("plan_id").annotate(n=Count("pk"), premiums=Sum("premium"))
                  .values_list("plan_id", "n", "premiums"))
    for plan_id, n, premiums in enrolments:
        out[plan_id] = MutualAidFigures(covered=n, premiums=premiums or ZERO)
    claims = (MutualAidClaim.objects.filter(where, plan__year=year).order_by().values("plan_id", "status")
              .annotate(n=Count("pk"), amount=Sum("amount_approved")).values_list("plan_id", "status", "n", "amount"))
    for plan_id, status, n, amount in claims:
        figures = out.setdefault(plan_id, MutualAidFigures())
        figures.claims[status] = n
        if status == ClaimStatus.PAID:
            figures.paid_count, figures.paid_amount = n, amount or ZERO
    return out


@dataclass
class MemberMutualAid:
    enrolments: list[MutualAidEnrolment]
    claims: list[MutualAidClaim]


def _of_members(members: QuerySet[Member]) -> MemberMutualAid:
    enrolments = list(MutualAidEnrolment.objects.filter(member__in=members).select_related("plan", "plan__union")
                      .order_by("-plan__year", "-pk")[:50])
    claims = list(_claims(None).filter(member__in=members).order_by("-submitted_at", "-pk")[:100])
    return MemberMutualAid(enrolments=enrolments, claims=claims)


def member_mutual_aid(*, scope: Scope, member: Member) -> MemberMutualAid:
    """One member's enrolments and claims, for the cadre's page of that member (2 queries)."""
    get_visible(Member.objects, scope, pk=member.pk)
    return _of_members(Member.objects.filter(pk=member.pk))


def my_mutual_aid(*, phone: str) -> MemberMutualAid:
    """A worker's own enrolments and claims, found only through the phone proved by SMS."""
    if not phone:
        raise NotFound()
    return _of_members(Member.objects.filter(phone_index__in=blind_index_candidates(phone)))


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None

"""What the 职工互助保障 console exports: the plans of a year, a plan's enrolled members and the 给付申请
list, as filtered, identity numbers masked."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.mutualaid.choices import ClaimKind, ClaimStatus, EnrolmentStatus, PlanKind, PlanStatus
from gonghui.mutualaid.models import MutualAidClaim, MutualAidEnrolment, MutualAidPlan
from gonghui.mutualaid.selectors import claim_list, enrolment_list, plan_list
from gonghui.orgs.scope import Scope


def _claims(scope: Scope, filters: Mapping[str, str]) -> QuerySet[MutualAidClaim]:
    return claim_list(scope=scope, status=choice(filters.get("status", ""), ClaimStatus.values)).select_related(
        "plan__union")


def claim_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status, kind = labels(ClaimStatus.choices), labels(ClaimKind.choices)
    for c in _claims(scope, filters).iterator(chunk_size=1000):
        yield [c.member.name, c.member.id_masked, status.get(c.status, ""), kind.get(c.kind, ""), c.plan.name,
               c.plan.union.name, c.event_date, c.amount_claimed, c.amount_approved, c.submitted_at]


def claim_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _claims(scope, filters).count()


register_export(ListExport(
    name="mutualaid.claims", title=_("互助给付申请"), permission=Perm.MUTUAL_AID_MANAGE,
    columns=[col(_("会员"), width=10), col(_("证件号码"), width=20), col(_("状态"), width=10),
             col(_("给付类别"), width=12), col(_("互助保障计划"), width=24), col(_("承办工会"), width=24),
             col(_("发病/出险日期"), Kind.DATE, 12), col(_("申请金额（元）"), Kind.MONEY, 14),
             col(_("核定金额（元）"), Kind.MONEY, 14), col(_("申请时间"), Kind.DATETIME, 17)],
    rows=claim_rows, count=claim_count, params=("status",), route="web:mutualaid_claim_list"))


def _plans(scope: Scope, filters: Mapping[str, str]) -> QuerySet[MutualAidPlan]:
    """The year asked for, or this year, as the list page opens on it."""
    year = filters.get("year", "")
    return plan_list(scope=scope, year=int(year) if year.isdigit() else timezone.localdate().year,
                     status=choice(filters.get("status", ""), PlanStatus.values))


def plan_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status, kind = labels(PlanStatus.choices), labels(PlanKind.choices)
    for p in _plans(scope, filters).iterator(chunk_size=1000):
        yield [p.name, p.year, status.get(p.status, ""), kind.get(p.kind, ""), p.union.name, p.starts_on, p.ends_on,
               p.premium, p.per_claim_limit, p.yearly_limit]


def plan_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _plans(scope, filters).count()


def _enrolments(scope: Scope, filters: Mapping[str, str]) -> QuerySet[MutualAidEnrolment]:
    """One plan's enrolments, the plan read through the exporter's scope (a plan they cannot see
    exports nothing, as its page is a 404)."""
    pk = filters.get("plan", "")
    plan = plan_list(scope=scope).filter(pk=pk).first() if pk.isdigit() else None
    if plan is None:
        return MutualAidEnrolment.objects.none()
    return enrolment_list(scope=scope, plan=plan)


def enrolment_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    status = labels(EnrolmentStatus.choices)
    for e in _enrolments(scope, filters).iterator(chunk_size=1000):
        yield [e.member.name, e.member.id_masked, e.union.name, e.premium, e.paid_on, e.covered_from,
               status.get(e.status, "")]


def enrolment_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _enrolments(scope, filters).count()


register_export(ListExport(
    name="mutualaid.plans", title=_("互助保障计划"), permission=Perm.MUTUAL_AID_MANAGE,
    columns=[col(_("计划名称"), width=26), col(_("保障年度"), Kind.INT, 8), col(_("状态"), width=10),
             col(_("保障类别"), width=12), col(_("承办工会"), width=24), col(_("保障开始"), Kind.DATE, 12),
             col(_("保障结束"), Kind.DATE, 12), col(_("互助金（元/人）"), Kind.MONEY, 14),
             col(_("单次给付限额（元）"), Kind.MONEY, 16), col(_("年度给付限额（元）"), Kind.MONEY, 16)],
    rows=plan_rows, count=plan_count, params=("year", "status"), route="web:mutualaid_plan_list"))
register_export(ListExport(
    name="mutualaid.enrolments", title=_("参保会员"), permission=Perm.MUTUAL_AID_MANAGE,
    columns=[col(_("姓名"), width=10), col(_("证件号码"), width=20), col(_("所在工会"), width=26),
             col(_("互助金（元）"), Kind.MONEY, 12), col(_("缴费日期"), Kind.DATE, 12),
             col(_("保障开始"), Kind.DATE, 12), col(_("状态"), width=8)],
    rows=enrolment_rows, count=enrolment_count, params=("plan",), route="web:mutualaid_plan_list"))

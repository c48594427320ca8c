"""What the 职工互助保障 console exports: the 给付申请 list as filtered, identity numbers masked."""

from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, choice, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.mutualaid.choices import ClaimKind, ClaimStatus
from gonghui.mutualaid.models import MutualAidClaim
from gonghui.mutualaid.selectors import claim_list
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

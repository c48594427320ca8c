"""What the 组织 console exports: the unions of the tree (or of a search), the employers list and the
劳动关系风险名单."""

import datetime
from collections.abc import Iterator, Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.core.exports import Kind, ListExport, col, labels, register_export
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level, Ownership, RiskReason, UnionKind, UnionStatus
from gonghui.orgs.models import Employer, EmployerRiskListing, TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import employer_list, risk_listings, union_search

SEARCH_LIMIT = 100  # as many as the tree page's search shows


def _employers(scope: Scope, filters: Mapping[str, str]) -> QuerySet[Employer]:
    unionized = {"1": True, "0": False}.get(filters.get("unionized", ""))
    return employer_list(scope=scope, query=filters.get("q", ""), unionized=unionized)


def employer_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    ownership = labels(Ownership.choices)
    yes, no = str(_("已建会")), str(_("未建会"))
    for e in _employers(scope, filters).iterator(chunk_size=2000):
        yield [e.name, e.credit_code, e.union.name if e.union else "", ownership.get(e.ownership, ""),
               e.employee_count, yes if e.unionized else no]


def employer_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _employers(scope, filters).count()


def _unions(scope: Scope, filters: Mapping[str, str]) -> QuerySet[TradeUnion]:
    query = filters.get("q", "").strip()
    if query:
        ids = list(union_search(scope=scope, query=query, limit=SEARCH_LIMIT).values_list("pk", flat=True))
        return TradeUnion.objects.visible_to(scope).filter(pk__in=ids).select_related("parent").order_by("path")
    # The whole visible tree in tree order: a parent is followed by its branches, as the tree reads.
    return TradeUnion.objects.visible_to(scope).select_related("parent").order_by("path")


def union_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    level: dict[Any, str] = labels(Level.choices)
    kind, status = labels(UnionKind.choices), labels(UnionStatus.choices)
    for u in _unions(scope, filters).iterator(chunk_size=2000):
        yield ["　" * max(0, u.depth - 1) + u.name, u.parent.name if u.parent else "", level.get(u.level, ""),
               kind.get(u.kind, ""), u.credit_code, u.chair_name, u.founded_on, status.get(u.status, "")]


def union_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _unions(scope, filters).count()


register_export(ListExport(
    name="orgs.employers", title=_("用人单位"), permission=Perm.ORG_VIEW,
    columns=[col(_("单位名称"), width=30), col(_("统一社会信用代码"), width=20), col(_("所属工会"), width=26),
             col(_("经济类型"), width=12), col(_("职工（人）"), Kind.INT, 10), col(_("建会"), width=8)],
    rows=employer_rows, count=employer_count, params=("q", "unionized"), route="web:employer_list"))
register_export(ListExport(
    name="orgs.unions", title=_("工会组织"), permission=Perm.ORG_VIEW,
    columns=[col(_("名称"), width=34), col(_("上级工会"), width=26), col(_("层级"), width=8), col(_("类型"), width=12),
             col(_("统一社会信用代码"), width=20), col(_("工会主席"), width=10), col(_("成立日期"), Kind.DATE, 12),
             col(_("状态"), width=8)],
    rows=union_rows, count=union_count, params=("q",), route="web:org_tree"))


def _day(text: str) -> datetime.date | None:
    try:
        return datetime.date.fromisoformat(text.strip()) if text else None
    except ValueError:
        return None  # as the list page does: a filter it cannot read is left out


def _risk(scope: Scope, filters: Mapping[str, str]) -> QuerySet[EmployerRiskListing]:
    reason = filters.get("reason", "")
    return risk_listings(scope=scope, query=filters.get("q", ""),
                         reason=reason if reason in RiskReason.values else "",
                         listed_from=_day(filters.get("listed_from", "")), listed_to=_day(filters.get("listed_to", "")))


def risk_rows(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> Iterator[list[Any]]:
    reasons = labels(RiskReason.choices)
    for r in _risk(scope, filters).iterator(chunk_size=2000):
        yield [r.employer.name, r.employer.credit_code, r.employer.union.name, reasons.get(r.reason, ""),
               r.listed_on, r.note, r.listed_by_name]


def risk_count(*, actor: Any, scope: Scope, filters: Mapping[str, str]) -> int:
    return _risk(scope, filters).count()


register_export(ListExport(
    name="orgs.risk_listings", title=_("劳动关系风险名单"), permission=Perm.ORG_VIEW,
    columns=[col(_("单位名称"), width=30), col(_("统一社会信用代码"), width=20), col(_("所属工会"), width=26),
             col(_("列入原因"), width=16), col(_("列入日期"), Kind.DATE, 12), col(_("情况说明"), width=40),
             col(_("列入人"), width=24)],
    rows=risk_rows, count=risk_count, params=("q", "reason", "listed_from", "listed_to"), route="web:risk_listings"))

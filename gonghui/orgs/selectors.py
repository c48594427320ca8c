"""Every read of the org tree that the interfaces need. Each takes the caller's scope."""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import BooleanField, Case, Count, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Substr
from django.utils.translation import gettext

from gonghui.core.text import normalize_text
from gonghui.orgs import tree
from gonghui.orgs.choices import EmployerStatus, Level, UnionStatus
from gonghui.orgs.models import Employer, EmployerRiskListing, Region, TradeUnion
from gonghui.orgs.ordering import in_sibling_order
from gonghui.orgs.scope import Scope, get_visible, subtree_q


def union_get(*, scope: Scope, pk: Any) -> TradeUnion:
    return get_visible(TradeUnion.objects.select_related("parent", "region", "merged_into"), scope, pk=pk)


def employer_get(*, scope: Scope, pk: Any) -> Employer:
    return get_visible(Employer.objects.select_related("union", "region"), scope, pk=pk)


def tree_roots(*, scope: Scope) -> QuerySet[TradeUnion]:
    """The nodes a cadre's tree starts from: the outermost nodes of the scope."""
    qs = TradeUnion.objects.all()
    if scope.everything:
        return qs.filter(parent__isnull=True)
    return qs.filter(path__in=scope.roots) if scope.roots else qs.none()


def _children(scope: Scope, parent: TradeUnion, include_ended: bool) -> QuerySet[TradeUnion]:
    qs = TradeUnion.objects.visible_to(scope).filter(parent=parent)
    return qs if include_ended else qs.filter(status=UnionStatus.ACTIVE)


def union_children(*, scope: Scope, parent: TradeUnion, include_ended: bool = False) -> list[TradeUnion]:
    """The visible sub-unions in sibling order (orgs.ordering). Sorted after the query: one parent's
    children are a few hundred at most, and no SQL collation orders Chinese by pinyin on both
    SQLite and PostgreSQL (docs/decisions.md)."""
    return in_sibling_order(_children(scope, parent, include_ended).select_related("parent"))


def subtree_totals(*, scope: Scope) -> dict[str, int]:
    """Active unions and live members in everything the scope covers, from the stored totals."""
    if scope.is_empty:
        return {"unions": 0, "members": 0}
    # Read on every dashboard and for every member list's page count: one indexed row per scope
    # root, in plain SQL, which spares the ORM's query building on the hottest read there is.
    if scope.everything:
        where, params = "parent_id IS NULL", []
    else:
        where, params = f"path IN ({', '.join(['%s'] * len(scope.roots))})", list(scope.roots)
    sql = (f"SELECT COALESCE(SUM(subtree_unions), 0), COALESCE(SUM(subtree_members), 0) "  # noqa: S608
           f"FROM {TradeUnion._meta.db_table} WHERE {where}")
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        unions, members = cursor.fetchone()
    return {"unions": int(unions), "members": int(members)}


def union_ancestors(*, scope: Scope, union: TradeUnion) -> list[TradeUnion]:
    """Breadcrumb: the ancestors the caller may see, root first."""
    paths = tree.ancestor_paths(union.path)
    return list(TradeUnion.objects.visible_to(scope).filter(path__in=paths).order_by("depth"))


def union_search(*, scope: Scope, query: str, within: TradeUnion | None = None, limit: int = 50
                 ) -> QuerySet[TradeUnion]:
    """By name, pinyin initials, or (exact) the union's or a covered employer's credit code."""
    text = normalize_text(query)
    qs = TradeUnion.objects.visible_to(scope).select_related("parent")
    if within is not None:
        qs = qs.filter(subtree_q("path", within.path))
    if not text:
        return qs.none()
    code = text.upper()
    match = Q(name__contains=text) | Q(name_initials__startswith=text.lower())
    if len(code) == 18:
        match |= Q(credit_code=code) | Q(pk__in=Employer.objects.filter(credit_code=code).values("union_id"))
    return qs.filter(match).order_by("depth", "path")[:limit]


def employer_list(*, scope: Scope, union: TradeUnion | None = None, subtree: bool = False, query: str = "",
                  unionized: bool | None = None) -> QuerySet[Employer]:
    qs = Employer.objects.visible_to(scope).select_related("union")
    if union is not None:
        qs = qs.filter(subtree_q("org_path", union.path)) if subtree else qs.filter(org_path=union.path, union=union)
    text = normalize_text(query)
    if text:
        qs = qs.filter(Q(name__contains=text) | Q(name_initials__startswith=text.lower())
                       | Q(credit_code=text.upper()))
    if unionized is not None:
        qs = qs.filter(unionized=unionized)
    return qs.order_by("name", "pk")


EMPLOYER_PICK_LIMIT = 20


def employer_candidates(*, scope: Scope) -> QuerySet[Employer]:
    """The employers a form may name: the active ones in scope (a picker searches within them)."""
    return Employer.objects.visible_to(scope).filter(status=EmployerStatus.ACTIVE)


def employer_pick(*, candidates: QuerySet[Employer], query: str, limit: int = EMPLOYER_PICK_LIMIT) -> list[Employer]:
    """A picker's matches among `candidates` (built by a scoped selector): a name fragment, the name's
    pinyin initials or a whole 统一社会信用代码. A county has thousands of employers, so a form never lists
    them all; it searches."""
    text = normalize_text(query)
    if not text:
        return []
    match = Q(name__contains=text) | Q(name_initials__startswith=text.lower()) | Q(credit_code=text.upper())
    return list(candidates.filter(match).select_related("union").order_by("name", "pk")[:limit])


def employer_pick_get(*, candidates: QuerySet[Employer], pk: int | None = None, credit_code: str = ""
                      ) -> Employer | None:
    """The one employer among `candidates` with this id or credit code; None when it is not among them."""
    if pk is not None:
        return candidates.filter(pk=pk).select_related("union").first()
    code = normalize_text(credit_code).upper()
    return candidates.filter(credit_code=code).select_related("union").first() if code else None


def region_choices(*, parent_code: str | None = None) -> QuerySet[Region]:
    """Current divisions only: a retired code still reads as a name but is never offered."""
    qs = Region.objects.filter(is_current=True)
    return qs.filter(parent_id=parent_code) if parent_code else qs.filter(level=Region.RegionLevel.PROVINCE)


def _ancestor_codes(code: str) -> list[str]:
    return [code, code[:6], code[:4] + "00", code[:2] + "0000"]


def region_labels(codes: Iterable[str | None]) -> dict[str, str]:
    """Each known code's name as a page shows it, city first (成都市锦江区, 重庆市渝北区); a retired
    code keeps its old name and says what it became (郫县（今郫都区）). One query; unknown codes are
    left out."""
    wanted = {c for c in codes if c}
    lookup = {a for c in wanted for a in _ancestor_codes(c)}
    rows = {r.adcode: r for r in Region.objects.filter(adcode__in=lookup).select_related("retired_to")
            .only("adcode", "name", "level", "parent_id", "is_current", "retired_to__name")}
    out: dict[str, str] = {}
    for code in wanted:
        region = rows.get(code)
        if region is None:
            continue
        chain = [region]
        while chain[0].parent_id in rows:
            chain.insert(0, rows[chain[0].parent_id])  # type: ignore[index]
        if len(chain) > 1 and chain[1].level == Region.RegionLevel.CITY:
            chain = chain[1:]  # the province goes without saying once the city is named
        label = "".join(r.name for r in chain)
        if not region.is_current and region.retired_to is not None:
            label += gettext("（今%(name)s）") % {"name": region.retired_to.name}
        elif not region.is_current:
            label += gettext("（已撤销）")
        out[code] = label
    return out


def region_label(code: str | None) -> str:
    """One code's name as a page shows it, or "" when the code is blank or unknown."""
    return region_labels([code]).get(code or "", "")


@dataclass
class BranchFigures:
    union: TradeUnion
    unions: int = 0
    employers: int = 0
    unionized: int = 0
    employees: int = 0

    @property
    def organizing_rate(self) -> float | None:
        """建会率: employers with a union over employers; None when there are no employers."""
        return round(100 * self.unionized / self.employers, 1) if self.employers else None


@dataclass
class SubtreeSummary:
    union: TradeUnion
    totals: BranchFigures
    by_level: list[tuple[Any, int]] = field(default_factory=list)
    branches: list[BranchFigures] = field(default_factory=list)


def subtree_summary(*, scope: Scope, union: TradeUnion) -> SubtreeSummary:
    """Figures for a node's whole subtree and for each direct child's branch (5 queries): the employers
    are read in one pass grouped by branch, the subtree's totals summed from the same groups."""
    union = get_visible(TradeUnion.objects, scope, pk=union.pk)
    unions = TradeUnion.objects.filter(subtree_q("path", union.path), status=UnionStatus.ACTIVE)
    by_level = [(Level(row["level"]).label, row["n"]) for row in
                unions.exclude(pk=union.pk).values("level").annotate(n=Count("id")).order_by("level")]
    children = list(union_children(scope=scope, parent=union))
    branch_len = len(union.path) + tree.STEP_LEN
    figures = {c.path: BranchFigures(union=c, unions=c.subtree_unions) for c in children}
    totals = BranchFigures(union=union, unions=union.subtree_unions - (1 if union.is_active else 0))
    # An employer of the node's own union counts in the totals, not in any branch.
    own = Case(When(union_id=union.pk, then=Value(True)), default=Value(False), output_field=BooleanField())
    for row in (Employer.objects.filter(subtree_q("org_path", union.path), status="active")
                .annotate(b=Substr("org_path", 1, branch_len), own=own).values("b", "own")
                .annotate(n=Count("id"), u=Count("id", filter=Q(unionized=True)), e=Sum("employee_count"))):
        totals.employers += row["n"]
        totals.unionized += row["u"]
        totals.employees += row["e"] or 0
        if not row["own"] and row["b"] in figures:
            f = figures[row["b"]]
            f.employers, f.unionized, f.employees = row["n"], row["u"], row["e"] or 0
    return SubtreeSummary(union=union, totals=totals, by_level=by_level, branches=list(figures.values()))


def regions_near(*, union: TradeUnion | None, keep: str | None = None) -> QuerySet[Region]:
    """Current divisions down to the county in the province a union sits in: a pick list short enough
    to choose from. `keep` (the value being edited) stays listed even if retired or a township, so
    saving a form does not silently change it."""
    prefix = union.region_id[:2] if union is not None and union.region_id else ""
    qs = Region.objects.filter(is_current=True, level__lte=Region.RegionLevel.COUNTY)
    qs = qs.filter(adcode__startswith=prefix) if prefix else qs.filter(level=Region.RegionLevel.PROVINCE)
    if keep:
        qs = qs | Region.objects.filter(adcode=keep)
    return qs.order_by("adcode")


@dataclass
class UnionDetail:
    union: TradeUnion
    ancestors: list[TradeUnion]
    children: int
    employers: int


def union_detail(*, scope: Scope, pk: Any) -> UnionDetail:
    """One union for a detail view: its visible breadcrumb, active sub-unions and direct employers (4 queries)."""
    union = union_get(scope=scope, pk=pk)
    return UnionDetail(
        union=union,
        ancestors=union_ancestors(scope=scope, union=union),
        children=_children(scope, union, include_ended=False).count(),
        employers=Employer.objects.visible_to(scope).filter(org_path=union.path, union=union).count(),
    )


def employer_risk_listing(*, scope: Scope, employer: Employer) -> EmployerRiskListing | None:
    """The employer's current spell on the 劳动关系风险名单, or None."""
    return EmployerRiskListing.objects.current().visible_to(scope).filter(employer=employer).first()


def employer_risk_history(*, scope: Scope, employer: Employer) -> list[EmployerRiskListing]:
    """Every spell of the employer on the list, the newest first (the current one, if any, leads)."""
    return list(EmployerRiskListing.objects.visible_to(scope).filter(employer=employer).order_by("-listed_on", "-pk"))


def risk_listings(*, scope: Scope, reason: str = "", listed_from: datetime.date | None = None,
                  listed_to: datetime.date | None = None, query: str = "",
                  include_removed: bool = False) -> QuerySet[EmployerRiskListing]:
    """The listed employers of a scope (current spells unless `include_removed`), newest first."""
    listings = EmployerRiskListing.objects.all() if include_removed else EmployerRiskListing.objects.current()
    qs = listings.visible_to(scope).select_related("employer", "employer__union")
    if reason:
        qs = qs.filter(reason=reason)
    if listed_from is not None:
        qs = qs.filter(listed_on__gte=listed_from)
    if listed_to is not None:
        qs = qs.filter(listed_on__lte=listed_to)
    text = normalize_text(query)
    if text:
        qs = qs.filter(Q(employer__name__contains=text) | Q(employer__name_initials__startswith=text.lower())
                       | Q(employer__credit_code=text.upper()))
    return qs.order_by("-listed_on", "-pk")


def current_risk_listings(*, scope: Scope, employer_ids: Any) -> dict[int, EmployerRiskListing]:
    """The current spell of each of many employers, keyed by employer id, in one query. `employer_ids`
    may be a list or a subquery (values("employer_id")), so a caller's list is never walked here."""
    rows = EmployerRiskListing.objects.current().visible_to(scope).filter(employer_id__in=employer_ids)
    return {r.employer_id: r for r in rows.only("employer_id", "reason", "listed_on", "note")}

"""The figures a union's annual report gives for its aid, per subtree and period, by programme.

人 counts distinct people (blind index), 人次 every grant, 户 distinct households, 场次 the
distinct batches (each a 慰问/发放 activity), and money in 万元 is cash plus goods valued in 元,
to four decimals as reports print it (700.0293万元). Only money that reached the recipient counts:
paid grants, by the date they were paid. 送温暖 and 夏送清凉 also give members and non-members
apart. Budgets are those of the programmes run inside the subtree: budget, committed and paid.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Sum

from gonghui.aid.choices import OPEN_TO_NON_MEMBERS, GrantStatus, ProgrammeKind
from gonghui.aid.models import AidCampaign, AidGrant, AidProgramme
from gonghui.aid.selectors import grants_paid_between
from gonghui.core.errors import NotFound
from gonghui.orgs.scope import Scope, subtree_q

TEN_THOUSAND = Decimal(10_000)
WAN = Decimal("0.0001")


@dataclass(frozen=True)
class Counts:
    people: int = 0  # 人
    times: int = 0  # 人次
    households: int = 0  # 户
    events: int = 0  # 场次
    cash: Decimal = Decimal(0)  # 元
    goods: Decimal = Decimal(0)  # 元

    @property
    def amount(self) -> Decimal:
        return self.cash + self.goods

    @property
    def amount_wan(self) -> Decimal:  # 万元
        return (self.amount / TEN_THOUSAND).quantize(WAN)


@dataclass(frozen=True)
class ProgrammeFigures:
    key: str  # the kind, or custom:<id>
    label: str
    counts: Counts
    members: Counts | None = None  # only for the campaigns open to non-members
    non_members: Counts | None = None
    budget: Decimal = Decimal(0)
    committed: Decimal = Decimal(0)
    paid: Decimal = Decimal(0)

    @property
    def budget_used_rate(self) -> Decimal | None:
        # A missing budget is missing, not 0% (DOMAIN §6).
        return (self.paid / self.budget * 100).quantize(Decimal("0.1")) if self.budget else None


@dataclass(frozen=True)
class AidFigures:
    start: datetime.date
    end: datetime.date
    programmes: list[ProgrammeFigures] = field(default_factory=list)
    total: Counts = Counts()


_AGGREGATES: dict[str, Any] = {
    "people": Count("person_index", distinct=True), "times": Count("id"),
    "households": Count("household_key", distinct=True), "events": Count("batch_id", distinct=True),
    "cash": Sum("cash"), "goods": Sum("goods_value"),
}


def _counts(row: dict[str, Any]) -> Counts:
    return Counts(people=row["people"] or 0, times=row["times"] or 0, households=row["households"] or 0,
                  events=row["events"] or 0, cash=Decimal(row["cash"] or 0), goods=Decimal(row["goods"] or 0))


def aid_figures(*, scope: Scope, root_path: str, start: datetime.date, end: datetime.date) -> AidFigures:
    if not scope.covers(root_path):
        raise NotFound()
    grants = grants_paid_between(scope=scope, root_path=root_path, start=start, end=end)
    by_key = {r["dedup_key"]: _counts(r) for r in grants.values("dedup_key").annotate(**_AGGREGATES)}
    split: dict[tuple[str, bool], Counts] = {
        (r["dedup_key"], r["is_member"]): _counts(r)
        for r in grants.filter(dedup_key__in=[str(k) for k in OPEN_TO_NON_MEMBERS])
        .values("dedup_key", "is_member").annotate(**_AGGREGATES)}
    budgets = {r["key"]: r for r in _budgets(scope, root_path)}
    labels = dict(ProgrammeKind.choices)
    custom_ids = [int(k.split(":")[1]) for k in {*by_key, *budgets} if k.startswith("custom:")]
    custom_names = dict(AidProgramme.objects.filter(pk__in=custom_ids).values_list("pk", "name"))
    out = []
    for key in sorted({*by_key, *budgets}):
        label = labels.get(key) or custom_names.get(int(key.split(":")[1]), key)
        b = budgets.get(key, {})
        open_kind = key in OPEN_TO_NON_MEMBERS
        out.append(ProgrammeFigures(
            key=key, label=str(label), counts=by_key.get(key, Counts()),
            members=split.get((key, True), Counts()) if open_kind else None,
            non_members=split.get((key, False), Counts()) if open_kind else None,
            budget=Decimal(b.get("budget") or 0), committed=Decimal(b.get("committed") or 0),
            paid=Decimal(b.get("paid") or 0)))
    total = _counts(grants.aggregate(**_AGGREGATES))
    return AidFigures(start=start, end=end, programmes=out, total=total)


@dataclass(frozen=True)
class CampaignFigures:
    counts: Counts
    members: Counts
    non_members: Counts


def campaign_figures(*, scope: Scope, campaign: AidCampaign) -> CampaignFigures:
    """One campaign's paid aid within the scope, counted as the annual report counts it (2 queries)."""
    grants = AidGrant.objects.visible_to(scope).filter(campaign=campaign, status=GrantStatus.PAID).order_by()
    split = {r["is_member"]: _counts(r) for r in grants.values("is_member").annotate(**_AGGREGATES)}
    return CampaignFigures(counts=_counts(grants.aggregate(**_AGGREGATES)), members=split.get(True, Counts()),
                           non_members=split.get(False, Counts()))


def _budgets(scope: Scope, root_path: str) -> list[dict[str, Any]]:
    rows = (AidProgramme.objects.visible_to(scope).filter(subtree_q("org_path", root_path))
            .values("pk", "kind", "budget", "committed", "paid"))
    merged: dict[str, dict[str, Any]] = {}
    for r in rows:
        key = f"custom:{r['pk']}" if r["kind"] == ProgrammeKind.CUSTOM else r["kind"]
        acc = merged.setdefault(key, {"key": key, "budget": Decimal(0), "committed": Decimal(0), "paid": Decimal(0)})
        for name in ("budget", "committed", "paid"):
            acc[name] += r[name]
    return list(merged.values())


__all__ = ["AidFigures", "CampaignFigures", "Counts", "ProgrammeFigures", "aid_figures", "campaign_figures"]

"""The figures a union's annual report gives for its aid, per subtree and period, by programme.

人 counts distinct people (blind index), 人次 every grant, 户 distinct households, 场次 the
distinct batches (each a 慰问/发放 activity), and money in 万元 is cash plus goods valued in 元,
(screens print it to two decimals, gonghui.core.money). Only money that reached the recipient counts
(已发放, gonghui.aid.amounts), by the date it was paid. 送温暖 and 夏送清凉 also give members and
non-members apart. Budgets are those of the programmes run inside the subtree, cumulative: a
programme run above (the province's 送温暖 a county pays out) has no budget line in the county's figures.
"""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Max, Sum

from gonghui.aid.amounts import BudgetFigures, budget_figures, paid_grants
from gonghui.aid.choices import OPEN_TO_NON_MEMBERS, ProgrammeKind
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
    # The programmes of this kind run inside the subtree; None when the money came from one run above.
    ledger: BudgetFigures | None = None

    # The API's names: cumulative figures of the programmes run inside the subtree.
    @property
    def budget(self) -> Decimal:
        return self.ledger.budget if self.ledger else Decimal(0)

    @property
    def paid(self) -> Decimal:
        return self.ledger.paid if self.ledger else Decimal(0)

    @property
    def committed(self) -> Decimal:
        return self.ledger.paid + self.ledger.approved_unpaid if self.ledger else Decimal(0)

    @property
    def budget_used_rate(self) -> Decimal | None:
        return self.ledger.used_rate if self.ledger else None


@dataclass(frozen=True)
class AidFigures:
    start: datetime.date
    end: datetime.date
    programmes: list[ProgrammeFigures] = field(default_factory=list)
    total: Counts = Counts()
    ledger: BudgetFigures = field(default_factory=BudgetFigures)  # every programme run inside the subtree, cumulative


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
    budgets = _budgets(scope, root_path)
    labels = dict(ProgrammeKind.choices)
    custom_ids = [int(k.split(":")[1]) for k in {*by_key, *budgets} if k.startswith("custom:")]
    custom_names = dict(AidProgramme.objects.filter(pk__in=custom_ids).values_list("pk", "name"))
    out = []
    for key in sorted({*by_key, *budgets}):
        label = labels.get(key) or custom_names.get(int(key.split(":")[1]), key)
        open_kind = key in OPEN_TO_NON_MEMBERS
        out.append(ProgrammeFigures(
            key=key, label=str(label), counts=by_key.get(key, Counts()),
            members=split.get((key, True), Counts()) if open_kind else None,
            non_members=split.get((key, False), Counts()) if open_kind else None,
            ledger=budgets.get(key)))
    total = _counts(grants.aggregate(**_AGGREGATES))
    return AidFigures(start=start, end=end, programmes=out, total=total,
                      ledger=sum(budgets.values(), BudgetFigures()))


@dataclass(frozen=True)
class CampaignFigures:
    counts: Counts
    members: Counts
    non_members: Counts


def campaign_figures(*, scope: Scope, campaign: AidCampaign) -> CampaignFigures:
    """One campaign's paid aid within the scope, counted as the annual report counts it (2 queries)."""
    grants = paid_grants(AidGrant.objects.visible_to(scope).filter(campaign=campaign)).order_by()
    split = {r["is_member"]: _counts(r) for r in grants.values("is_member").annotate(**_AGGREGATES)}
    return CampaignFigures(counts=_counts(grants.aggregate(**_AGGREGATES)), members=split.get(True, Counts()),
                           non_members=split.get(False, Counts()))


def _budgets(scope: Scope, root_path: str) -> dict[str, BudgetFigures]:
    merged: dict[str, BudgetFigures] = {}
    for programme in (AidProgramme.objects.visible_to(scope).filter(subtree_q("org_path", root_path))
                      .only("pk", "kind", "budget", "committed", "paid")):
        merged[programme.dedup_key] = merged.get(programme.dedup_key, BudgetFigures()) + budget_figures(programme)
    return merged


__all__ = ["AidFigures", "CampaignFigures", "Counts", "ProgrammeFigures", "aid_figures", "aid_latest_day",
           "campaign_figures"]


def aid_latest_day(*, scope: Scope, root_path: str) -> datetime.date | None:
    """The latest day aid was paid in the subtree: the year the figures open on when the current one has none."""
    grants = paid_grants(AidGrant.objects.visible_to(scope).filter(subtree_q("org_path", root_path)))
    return grants.order_by().aggregate(m=Max("paid_on"))["m"]

"""What the org endpoints take and give: unions, their summary figures, regions."""

import datetime
from typing import Any, ClassVar

from ninja import Schema

from gonghui.api.common.schemas import (
    AdCode,
    CreditCode,
    Id,
    Input,
    Name,
    Omit,
    Patch,
    SearchText,
    Text30,
    Text50,
    Text200,
    UnionRef,
    Version,
    unset,
)
from gonghui.orgs.choices import Level, UnionKind
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.selectors import BranchFigures, SubtreeSummary, UnionDetail


class UnionFields(Schema):
    id: int
    name: str
    kind: str
    kind_label: str
    level: int
    level_label: str
    status: str
    status_label: str
    parent_id: int | None
    region: str | None
    credit_code: str
    child_count: int
    version: int


class UnionOut(UnionFields):
    @staticmethod
    def resolve_kind_label(obj: TradeUnion) -> str:
        return str(obj.get_kind_display())

    @staticmethod
    def resolve_level_label(obj: TradeUnion) -> str:
        return str(obj.get_level_display())

    @staticmethod
    def resolve_status_label(obj: TradeUnion) -> str:
        return str(obj.get_status_display())

    @staticmethod
    def resolve_region(obj: TradeUnion) -> str | None:
        return obj.region_id


class UnionCountsOut(Schema):
    children: int
    employers: int


class UnionDetailOut(UnionFields):
    founded_on: datetime.date | None
    legal_person: bool
    chair_name: str
    phone: str
    address: str
    merged_into: UnionRef | None
    ended_on: datetime.date | None
    ancestors: list[UnionRef]
    counts: UnionCountsOut

    @classmethod
    def of(cls, detail: UnionDetail) -> dict[str, Any]:
        union = detail.union
        return {
            **UnionOut.from_orm(union).model_dump(),
            "founded_on": union.founded_on, "legal_person": union.legal_person, "chair_name": union.chair_name,
            "phone": union.phone, "address": union.address, "ended_on": union.ended_on,
            "merged_into": union.merged_into, "ancestors": detail.ancestors,
            "counts": {"children": detail.children, "employers": detail.employers},
        }


class BranchOut(Schema):
    union: UnionRef
    unions: int
    employers: int
    unionized: int
    employees: int
    organizing_rate: float | None


class LevelCountOut(Schema):
    label: str
    count: int


class SummaryOut(Schema):
    union: UnionRef
    totals: BranchOut
    by_level: list[LevelCountOut]
    branches: list[BranchOut]

    @classmethod
    def of(cls, summary: SubtreeSummary) -> dict[str, Any]:
        def branch(f: BranchFigures) -> dict[str, Any]:
            return {"union": f.union, "unions": f.unions, "employers": f.employers, "unionized": f.unionized,
                    "employees": f.employees, "organizing_rate": f.organizing_rate}

        return {
            "union": summary.union, "totals": branch(summary.totals),
            "by_level": [{"label": str(label), "count": n} for label, n in summary.by_level],
            "branches": [branch(f) for f in summary.branches],
        }


class UnionListFilters(Schema):
    parent: Id | None = None
    include_ended: bool = False


class UnionSearchFilters(Schema):
    q: SearchText
    within: Id | None = None


class UnionCreateIn(Input):
    parent_id: Id
    name: Name
    kind: UnionKind
    level: Level
    region: AdCode | None = None
    credit_code: CreditCode = ""
    founded_on: datetime.date | None = None
    legal_person: bool = False
    chair_name: Text50 = ""
    phone: Text30 = ""
    address: Text200 = ""


class UnionUpdateIn(Patch):
    nullable: ClassVar[frozenset[str]] = frozenset({"region", "founded_on"})

    version: Version
    name: Name | Omit = unset()
    kind: UnionKind | Omit = unset()
    region: AdCode | None = unset()
    credit_code: CreditCode | Omit = unset()
    founded_on: datetime.date | None = unset()
    legal_person: bool | Omit = unset()
    chair_name: Text50 | Omit = unset()
    phone: Text30 | Omit = unset()
    address: Text200 | Omit = unset()


class MoveIn(Input):
    new_parent_id: Id


class MergeIn(Input):
    target_id: Id


class DissolveIn(Input):
    reason: Text200


class RegionOut(Schema):
    adcode: str
    name: str
    level: int
    parent_id: str | None


class RegionFilters(Schema):
    parent: AdCode | None = None

"""条款对比 over the API: a union subtree's contracts side by side on one topic of the codebook, the
same selector as the console's page (gonghui/contracts/comparison.py), paged by limit and offset."""

import datetime
from decimal import Decimal
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Field, Query, Router, Schema

from gonghui.api.common.pagination import MAX_LIMIT, MAX_OFFSET
from gonghui.api.common.schemas import Id, Omit, UnionRef, label, unset
from gonghui.api.contracts.router import READ, _union, scope_of
from gonghui.api.contracts.schemas import Code, ContractRef, ContractStatus
from gonghui.contracts.choices import Reach, Status, ValueType
from gonghui.contracts.comparison import ALL_STATUSES, IN_FORCE_STATUS, Cell, Comparison, comparison, pick_topic
from gonghui.contracts.models import ContractKind
from gonghui.contracts.selectors import codebook, kinds
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.orgs.choices import Industry

router = Router(tags=["contracts"])

ComparisonStatus = Literal[IN_FORCE_STATUS, ALL_STATUSES] | ContractStatus  # type: ignore[valid-type]


class ContractComparisonFilters(Schema):
    union: Id | Omit = Field(None, description="缺省为调用者范围的最上级工会；含下级")  # type: ignore[assignment]
    topic: Code | Omit = Field(None, description="编码表的条款类别代码，如 wages、hours、women；缺省为第一类")  # type: ignore[assignment]
    kind: Id | Omit = unset()
    reach: Reach | Omit = unset()
    status: ComparisonStatus = Field(IN_FORCE_STATUS, description="in_force 生效中（缺省）、all 全部，或一个状态")
    industry: Industry | Omit = Field(None, description="用人单位行业；区域性、行业性合同按覆盖单位的行业")  # type: ignore[assignment]
    sort: Code | Omit = Field(None, description="该类别一个数值条款的代码：按其从低到高（未约定的在后）")  # type: ignore[assignment]
    limit: int = Field(50, ge=1, le=MAX_LIMIT)
    offset: int = Field(0, ge=0, le=MAX_OFFSET)


class ContractComparisonTopicOut(Schema):
    code: str
    name: str


class ContractComparisonTermOut(Schema):
    code: str
    name: str
    unit: str
    value_type: str
    coded: int | None = Field(description="约定了该条款的合同份数（数值条款）")
    median: Decimal | None
    lowest: Decimal | None
    highest: Decimal | None


class ContractComparisonCellOut(Schema):
    code: str
    missing: bool
    shown: str = Field(description="显示值；未编码为“未约定”")
    number: Decimal | None
    flag: bool | None
    text: str
    below_minimum: Decimal | None = Field(description="低于的当地最低工资标准（元/月），未低于为空")
    below_median: Decimal | None = Field(description="低于的本县（区）增幅中位数（%），未低于为空")
    note: str


class ContractComparisonRowOut(Schema):
    id: int
    title: str
    party: str = Field(description="用人单位；区域性、行业性合同为用人单位方")
    kind: ContractRef
    reach: Reach
    reach_label: str
    status: ContractStatus
    status_label: str
    start_on: datetime.date | None
    end_on: datetime.date | None
    workers_covered: int
    cells: list[ContractComparisonCellOut]


class ContractComparisonOut(Schema):
    union: UnionRef
    topic: ContractComparisonTopicOut
    topics: list[ContractComparisonTopicOut]
    terms: list[ContractComparisonTermOut]
    count: int
    rows: list[ContractComparisonRowOut]


def _cell(cell: Cell) -> dict[str, Any]:
    value = cell.value
    return {"code": cell.variable.code, "missing": cell.missing, "shown": cell.shown,
            "number": value if isinstance(value, Decimal) else None,
            "flag": value if isinstance(value, bool) else None, "text": value if isinstance(value, str) else "",
            "below_minimum": cell.below_minimum.minimum if cell.below_minimum else None,
            "below_median": cell.below_median.median if cell.below_median else None, "note": cell.note}


def _kind(pk: int) -> ContractKind:
    found = kinds(active_only=False).filter(pk=pk).first()
    if found is None:
        raise NotFound(field="kind")
    return found


def _out(found: Comparison, offset: int, limit: int) -> dict[str, Any]:
    terms = []
    for v in found.variables:
        s = found.summaries.get(v.pk)
        terms.append({"code": v.code, "name": v.name, "unit": v.unit, "value_type": v.value_type,
                      "coded": s.coded if s else None, "median": s.median if s else None,
                      "lowest": s.lowest if s else None, "highest": s.highest if s else None})
    rows = [{"id": r.contract.pk, "title": r.contract.title, "party": r.party,
             "kind": {"id": r.contract.kind.pk, "name": r.contract.kind.name}, "reach": r.contract.reach,
             "reach_label": label(Reach, r.contract.reach), "status": r.contract.status,
             "status_label": label(Status, r.contract.status), "start_on": r.contract.start_on,
             "end_on": r.contract.end_on, "workers_covered": r.contract.workers_covered,
             "cells": [_cell(c) for c in r.cells]} for r in found.rows(found.contracts[offset:offset + limit])]
    return {"union": {"id": found.union.pk, "name": found.union.name},
            "topic": {"code": found.topic.code, "name": found.topic.name},
            "topics": [{"code": t.code, "name": t.name} for t in found.topics], "terms": terms,
            "count": found.contracts.count(), "rows": rows}


@router.get("/contracts/comparison", response={200: ContractComparisonOut, **READ}, summary=(
    "条款对比：工会（含下级）的集体合同按编码表一个类别逐条并列；数值条款给出全部筛选结果的中位数、最低、最高；"
    "企业最低工资低于当地最低工资标准、工资增幅低于本县（区）中位数的单元格标出（口径同合同统计）"))
def contract_comparison(request: HttpRequest, filters: Query[ContractComparisonFilters]) -> dict[str, Any]:
    union = _union(request, filters.union, "union")
    topics = codebook()
    topic = pick_topic(topics, filters.topic or "")
    if topic is None or (filters.topic and topic.code != filters.topic):
        raise NotFound(field="topic")
    if filters.sort and not any(v.code == filters.sort and v.value_type == ValueType.NUMBER
                                for v in topic.variables.all()):
        raise ValidationFailed(_("排序须为该类别的一个数值条款。"), field="sort", code="sort_unknown")
    found = comparison(scope=scope_of(request), union=union, topic=topic, topics=topics,
                       kind=_kind(filters.kind) if filters.kind is not None else None, reach=filters.reach or "",
                       status=str(filters.status), industry=filters.industry or "", sort=filters.sort or "")
    return _out(found, filters.offset, filters.limit)

"""The 统计年报 over the API: each union's return for a statistical year (opened pre-filled), its
values and explanations, its failed checks, sign-off, reopen, aggregation, and the reporting status
of a union's children. Returns load through stats.view or stats.report, so another province's
return is a 404 like a missing one; a stale `version` is a 409."""

import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, PRINTABLE, Day, ErrorOut, Id, StrictInput, Version, named_choices
from gonghui.api.common.unions import load_union
from gonghui.core.errors import PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level
from gonghui.orgs.scope import Scope, scope_for_any
from gonghui.reports.stats import bulk, selectors, services
from gonghui.reports.stats.checks import Failure
from gonghui.reports.stats.choices import ReturnStatus
from gonghui.reports.stats.models import StatReturn

router = Router(tags=["stats"])

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
Year = Annotated[int, Field(ge=2000, le=2200, description="统计年度（SY2026 即 2025-10-01 至 2026-09-30）")]
Code = Annotated[str, Field(min_length=1, max_length=12, pattern=r"^[A-Z][0-9A-Z]*$")]
Entered = Annotated[str, Field(max_length=100, pattern=PRINTABLE)]
Note = Annotated[str, Field(max_length=300, pattern=PRINTABLE)]
StatReturnStatus = Annotated[ReturnStatus, named_choices(ReturnStatus, "StatReturnStatus")]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
RENAMED = {"union": "union_id"}
LEFT_OPEN_SHOWN = 200  # the status list holds every return; this answer names the first ones


class StatRef(Schema):
    id: int
    name: str


class StatReturnOut(Schema):
    id: int
    union: StatRef
    year: int
    form: str
    form_version: int
    status: str
    signed_name: str
    signed_on: datetime.date | None
    reopen_reason: str
    stale: bool
    version: int


class StatValueOut(Schema):
    code: str
    label: str
    unit: str
    source: str
    metric: str
    value: Decimal | None
    text: str
    explanation: str


class StatFailureOut(Schema):
    check: str
    kind: str
    fields: list[str]
    message: str


class StatReturnDetailOut(StatReturnOut):
    values: list[StatValueOut]
    failures: list[StatFailureOut]


class StatOpenIn(StrictInput):
    union_id: Id
    year: Year


class StatValuesIn(StrictInput):
    version: Version
    values: dict[Code, Entered | None] = Field(default_factory=dict, max_length=80)
    explanations: dict[Code, Note] = Field(default_factory=dict, max_length=80)


class StatSignIn(StrictInput):
    version: Version
    name: Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]
    on: Day | None = None


class StatReopenIn(StrictInput):
    version: Version
    reason: Annotated[str, Field(min_length=1, max_length=300, pattern=PRINTABLE)]


class StatVersionIn(StrictInput):
    version: Version


class StatSignOnBehalfIn(StrictInput):
    union_id: Id
    year: Year
    level: Annotated[int, Field(ge=Level.CITY, le=Level.GRASSROOTS,
                                description="代为签报的层级：3市级 4县级 5乡镇（街道）级 6基层")]
    name: Annotated[str, Field(min_length=1, max_length=50, pattern=PRINTABLE)]
    on: Day | None = None


class StatPrefillOut(Schema):
    opened: int


class StatLeftOpenOut(Schema):
    union: str
    failure: StatFailureOut


class StatSignOnBehalfOut(Schema):
    signed: int
    left_open_count: int
    left_open: list[StatLeftOpenOut] = Field(description=f"前{LEFT_OPEN_SHOWN}份未通过的报表及其第一项未通过的审核")


class StatFilters(Schema):
    year: Year | None = None
    union_id: Id | None = None
    status: StatReturnStatus | None = None


class StatStatusFilters(Schema):
    union_id: Id | None = None
    year: Year | None = None


class StatChildOut(Schema):
    union: StatRef
    return_id: int | None
    status: str | None


class StatStatusOut(Schema):
    union: StatRef
    year: int
    own: StatReturnOut | None
    counts: dict[str, int]
    children: list[StatChildOut]


def view_scope(request: HttpRequest) -> Scope:
    scope = scope_for_any(request.user, (Perm.STATS_VIEW, Perm.STATS_REPORT))
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def return_out(r: StatReturn) -> dict[str, Any]:
    return {"id": r.pk, "union": {"id": r.union_id, "name": r.union.name}, "year": r.year, "form": r.form.code,
            "form_version": r.form.version, "status": r.status, "signed_name": r.signed_name,
            "signed_on": r.signed_on, "reopen_reason": r.reopen_reason, "stale": r.stale, "version": r.version}


def failure_out(f: Failure) -> dict[str, Any]:
    return {"check": f.check, "kind": f.kind, "fields": list(f.fields), "message": f.message}


def detail_out(r: StatReturn) -> dict[str, Any]:
    sections, failures = selectors.return_sheet(r)
    values = [{"code": line.field.code, "label": line.field.label, "unit": line.field.unit,
               "source": line.field.source, "metric": line.field.metric,
               "value": line.value.value if line.value else None, "text": line.value.text if line.value else "",
               "explanation": line.value.explanation if line.value else ""}
              for section in sections for line in section.lines]
    return return_out(r) | {"values": values, "failures": [failure_out(f) for f in failures]}


def load_return(request: HttpRequest, pk: int) -> StatReturn:
    return selectors.return_get(scope=view_scope(request), pk=pk)


@router.get("/reports/stats/returns", response={200: list[StatReturnOut], **READ},
            summary="统计年报：本级及下级工会的报表，可按统计年度、工会（含下级）和状态筛选")
@paginate(Pagination)
def return_list(request: HttpRequest, filters: Query[StatFilters]) -> Any:
    under = load_union(request, filters.union_id, field="union_id").path if filters.union_id else ""
    rows = selectors.return_list(scope=view_scope(request), year=filters.year or selectors.reporting_year(),
                                 under=under, status=filters.status or "")
    return [return_out(r) for r in rows]


@router.post("/reports/stats/returns", response={201: StatReturnDetailOut, 200: StatReturnDetailOut, **WRITE},
             summary="开始填报：打开工会某统计年度的报表（首次打开时按业务数据预填，截至9月30日）")
def return_open(request: HttpRequest, payload: StatOpenIn) -> Status[Any]:
    union = load_union(request, payload.union_id, field="union_id")
    existed = selectors.return_find(scope=view_scope(request), union=union, year=payload.year)
    with fields_renamed(RENAMED):
        ret = services.return_open(actor=request.user, union=union, year=payload.year)
    return Status(200 if existed else 201, detail_out(load_return(request, ret.pk)))


@router.get("/reports/stats/returns/{return_id}", response={200: StatReturnDetailOut, **READ},
            summary="报表详情：各指标的数值、来源、说明和未通过的审核")
def return_get(request: HttpRequest, return_id: PathId) -> dict[str, Any]:
    return detail_out(load_return(request, return_id))


@router.get("/reports/stats/returns/{return_id}/checks", response={200: list[StatFailureOut], **READ},
            summary="审核：报表当前未通过的审核关系，每项写明涉及的指标")
def return_checks(request: HttpRequest, return_id: PathId) -> list[dict[str, Any]]:
    return [failure_out(f) for f in selectors.failures_of(load_return(request, return_id))]


@router.put("/reports/stats/returns/{return_id}/values", response={200: StatReturnDetailOut, **WRITE},
            summary="填报：手工填报项的数值和任一指标的说明（系统生成项不能改写，只能说明），保存即审核")
def return_values(request: HttpRequest, return_id: PathId, payload: StatValuesIn) -> dict[str, Any]:
    ret = load_return(request, return_id)
    services.return_save(actor=request.user, ret=ret, version=payload.version, values=payload.values,
                         explanations=payload.explanations)
    return return_get(request, return_id)


@router.post("/reports/stats/returns/{return_id}/sign", response={200: StatReturnDetailOut, **WRITE},
             summary="签报：审核全部通过后签报并锁定（签报人姓名、日期）")
def return_sign(request: HttpRequest, return_id: PathId, payload: StatSignIn) -> dict[str, Any]:
    services.return_sign(actor=request.user, ret=load_return(request, return_id), version=payload.version,
                         name=payload.name, on=payload.on)
    return return_get(request, return_id)


@router.post("/reports/stats/returns/{return_id}/reopen", response={200: StatReturnDetailOut, **WRITE},
             summary="退回更正：已签报的报表重新开放，写明原因；上级报表标记为汇总已过期")
def return_reopen(request: HttpRequest, return_id: PathId, payload: StatReopenIn) -> dict[str, Any]:
    services.return_reopen(actor=request.user, ret=load_return(request, return_id), version=payload.version,
                           reason=payload.reason)
    return return_get(request, return_id)


@router.post("/reports/stats/returns/{return_id}/aggregate", response={200: StatReturnDetailOut, **WRITE},
             summary="汇总：基层以上工会汇总下级已签报报表的数值")
def return_aggregate(request: HttpRequest, return_id: PathId, payload: StatVersionIn) -> dict[str, Any]:
    services.return_aggregate(actor=request.user, ret=load_return(request, return_id), version=payload.version)
    return return_get(request, return_id)


@router.post("/reports/stats/prefill", response={200: StatPrefillOut, **WRITE},
             summary="批量预填：为工会本级及所有下级尚未开始的报送单位一次开始填报，按业务数据预填")
def prefill(request: HttpRequest, payload: StatOpenIn) -> dict[str, Any]:
    union = load_union(request, payload.union_id, field="union_id")
    with fields_renamed(RENAMED):
        return {"opened": bulk.returns_prefill(actor=request.user, union=union, year=payload.year)}


@router.post("/reports/stats/sign-on-behalf", response={200: StatSignOnBehalfOut, **WRITE},
             summary="代为签报：下级某一层级中审核全部通过的报表（基层以上先汇总其下级），未通过的列出原因")
def sign_on_behalf(request: HttpRequest, payload: StatSignOnBehalfIn) -> dict[str, Any]:
    union = load_union(request, payload.union_id, field="union_id")
    with fields_renamed(RENAMED):
        done = bulk.returns_sign_on_behalf(actor=request.user, union=union, year=payload.year, level=payload.level,
                                           name=payload.name, on=payload.on)
    return {"signed": done.signed, "left_open_count": len(done.refused),
            "left_open": [{"union": name, "failure": failure_out(f)} for name, f in done.refused[:LEFT_OPEN_SHOWN]]}


@router.get("/reports/stats/status", response={200: StatStatusOut, **READ},
            summary="报送情况：工会本级报表和各下级报送单位的状态及计数")
def status(request: HttpRequest, filters: Query[StatStatusFilters]) -> dict[str, Any]:
    scope = view_scope(request)
    union: Any
    if filters.union_id:
        union = load_union(request, filters.union_id, field="union_id")
    else:
        union = getattr(request.user, "org", None)
        if union is None or not scope.covers(union.path):
            raise PermissionDenied()
    year = filters.year or selectors.reporting_year()
    s = selectors.status_of(scope=scope, union=union, year=year)
    return {"union": {"id": union.pk, "name": union.name}, "year": year,
            "own": return_out(s.own) if s.own else None, "counts": s.counts,
            "children": [{"union": {"id": u.pk, "name": u.name}, "return_id": r.pk if r else None,
                          "status": r.status if r else None} for u, r in s.rows]}

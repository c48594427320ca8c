"""节假日与调休: the holiday table deadlines are counted on. Anyone who works on cases may read it;
holders of calendar.manage change it (national entries on the root, local ones for their unions)."""

import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema, Status

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.schemas import MAX_ID, ErrorOut, Id, Input, Omit, Patch, Text50, Text200, UnionRef, unset
from gonghui.api.common.unions import load_union
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for_any
from gonghui.workdays import selectors, services
from gonghui.workdays.models import CalendarYear, Holiday, HolidayKind

router = Router(tags=["workdays"])

VIEW_PERMISSIONS = (Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE, Perm.CALENDAR_MANAGE)
READ = {READ_ERRORS | {403}: ErrorOut}
WRITE = {WRITE_ERRORS: ErrorOut}
RENAMED = {"union": "union_id"}
Year = Annotated[int, Path(ge=services.YEAR_MIN, le=services.YEAR_MAX)]
EntryId = Annotated[int, Path(ge=1, le=MAX_ID)]
MarkId = Annotated[int, Path(ge=1, le=MAX_ID)]


class CalendarFilters(Schema):
    union: Id | None = None


class EntryOut(Schema):
    id: int
    day: datetime.date
    kind: HolidayKind
    kind_label: str
    name: str
    source: str
    national: bool
    union: UnionRef | None

    @staticmethod
    def of(entry: Holiday) -> dict[str, Any]:
        return {"id": entry.pk, "day": entry.day, "kind": entry.kind, "kind_label": str(entry.get_kind_display()),
                "name": entry.name, "source": entry.source, "national": entry.is_national,
                "union": {"id": entry.union.pk, "name": entry.union.name} if entry.union is not None else None}


class YearMarkOut(Schema):
    id: int
    year: int
    source: str
    note: str
    national: bool
    union: UnionRef | None

    @staticmethod
    def of(mark: CalendarYear) -> dict[str, Any]:
        return {"id": mark.pk, "year": mark.year, "source": mark.source, "note": mark.note,
                "national": not mark.org_path,
                "union": {"id": mark.union.pk, "name": mark.union.name} if mark.union is not None else None}


class CalendarYearOut(Schema):
    year: int
    covered: bool  # false: counted on weekends only, every deadline in it flagged for review
    coverage: list[YearMarkOut]
    entries: list[EntryOut]


class EntryIn(Input):
    day: datetime.date
    kind: HolidayKind
    name: Text50 = ""
    union_id: Id | Omit = unset()  # left out: a national entry


class EntryPatch(Patch):
    kind: HolidayKind | Omit = unset()
    name: Text50 | Omit = unset()


class YearMarkIn(Input):
    year: Annotated[int, Field(ge=services.YEAR_MIN, le=services.YEAR_MAX)]
    note: Text200 = ""
    union_id: Id | Omit = unset()


def _view_scope(request: HttpRequest) -> Scope:
    scope = scope_for_any(request.user, VIEW_PERMISSIONS)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def _optional_union(request: HttpRequest, pk: int | None, field: str) -> TradeUnion | None:
    return load_union(request, pk, field=field) if pk is not None else None


def _load_entry(request: HttpRequest, pk: int) -> Holiday:
    entry = selectors.holiday_get(pk=pk)
    # Someone else's local entry looks missing, like any out-of-scope row.
    if entry is None or (entry.org_path and not _view_scope(request).covers(entry.org_path)):
        raise NotFound()
    return entry


@router.get("/calendar/years/{year}", response={200: CalendarYearOut, **READ},
            summary="某年的放假与调休（union 指定工会：含其适用的本地设置）及该年是否有数据")
def calendar_year(request: HttpRequest, year: Year, filters: Query[CalendarFilters]) -> dict[str, Any]:
    scope = _view_scope(request)
    union = None
    if filters.union is not None:
        union = load_union(request, filters.union, field="union")
        if not scope.covers(union.path):
            raise NotFound(field="union")
    path = union.path if union is not None else ""
    coverage = selectors.year_coverage(year=year, org_path=path)
    return {"year": year, "covered": coverage.covered, "coverage": [YearMarkOut.of(m) for m in coverage.marks],
            "entries": [EntryOut.of(e) for e in selectors.holidays_in_year(year=year, org_path=path)]}


@router.post("/calendar/entries", response={201: EntryOut, **WRITE},
             summary="设置某一天为放假或调休上班（同一天再次设置即修改；不带 union_id 为全国）")
def entry_set(request: HttpRequest, payload: EntryIn) -> Status[dict[str, Any]]:
    data = payload.model_dump(exclude_unset=True)
    union = _optional_union(request, data.pop("union_id", None), "union_id")
    with fields_renamed(RENAMED):
        entry = services.holiday_set(actor=request.user, day=data["day"], kind=data["kind"],
                                     name=data.get("name", ""), union=union)
    return Status(201, EntryOut.of(entry))


@router.patch("/calendar/entries/{entry_id}", response={200: EntryOut, **WRITE}, summary="修改某一天的类型或名称")
def entry_update(request: HttpRequest, entry_id: EntryId, payload: EntryPatch) -> dict[str, Any]:
    entry = _load_entry(request, entry_id)
    data = payload.model_dump(exclude_unset=True)
    with fields_renamed(RENAMED):
        saved = services.holiday_set(actor=request.user, day=entry.day, kind=data.get("kind", entry.kind),
                                     name=data.get("name", entry.name), union=entry.union)
    return EntryOut.of(saved)


@router.delete("/calendar/entries/{entry_id}", response={204: None, **WRITE},
               summary="删除管理员录入的某一天（导入的日期只能修改）")
def entry_delete(request: HttpRequest, entry_id: EntryId) -> Status[None]:
    services.holiday_remove(actor=request.user, holiday=_load_entry(request, entry_id))
    return Status(204, None)


@router.post("/calendar/marks", response={201: YearMarkOut, **WRITE},
             summary="标记某年的放假和调休已全部录入（此后不再标记待核）")
def year_mark(request: HttpRequest, payload: YearMarkIn) -> Status[dict[str, Any]]:
    data = payload.model_dump(exclude_unset=True)
    union = _optional_union(request, data.pop("union_id", None), "union_id")
    with fields_renamed(RENAMED):
        mark = services.calendar_year_mark(actor=request.user, year=data["year"], union=union,
                                           note=data.get("note", ""))
    return Status(201, YearMarkOut.of(mark))


@router.delete("/calendar/marks/{mark_id}", response={204: None, **WRITE}, summary="取消某年“录入完整”的标记")
def year_unmark(request: HttpRequest, mark_id: MarkId) -> Status[None]:
    mark = selectors.calendar_year_get(pk=mark_id)
    if mark is None or (mark.org_path and not _view_scope(request).covers(mark.org_path)):
        raise NotFound()
    services.calendar_year_unmark(actor=request.user, calendar_year=mark)
    return Status(204, None)

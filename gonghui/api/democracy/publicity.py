"""厂务公开, the workers' yearly assessment, the 职工董事/监事 seats with the list of companies that must
have a 职工董事 and have none, and the 民主管理 figures of a subtree for a period."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit, label
from gonghui.api.democracy.router import READ, WRITE, PathId, list_scope, load_employer, view_scope
from gonghui.api.democracy.schemas import (
    DemocracyFiguresFilters,
    DemocracyFiguresOut,
    DisclosureFilters,
    DisclosureIn,
    DisclosureOut,
    MissingDirectorOut,
    OpennessAssessmentIn,
    OpennessAssessmentOut,
    SeatEndIn,
    SeatFilters,
    SeatIn,
    SeatOut,
)
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.democracy import selectors, services
from gonghui.democracy.figures import democracy_figures
from gonghui.democracy.models import BoardSeat, Disclosure
from gonghui.orgs.choices import Ownership

router = Router(tags=["democracy"])
AssessmentYear = Annotated[int, Path(ge=2000, le=2100)]


def disclosure_out(d: Disclosure, read_count: int | None = None) -> dict[str, Any]:
    return {"id": d.pk, "employer": {"id": d.employer_id, "name": d.employer.name}, "category": d.category,
            "channel": d.channel, "title": d.title, "content": d.content, "period_start": d.period_start,
            "period_end": d.period_end, "published_at": d.published_at,
            "read_count": getattr(d, "read_count", read_count or 0)}


def seat_out(s: BoardSeat) -> dict[str, Any]:
    return {"id": s.pk, "employer": {"id": s.employer_id, "name": s.employer.name}, "kind": s.kind,
            "holder_name": s.holder_name, "elected_by": s.elected_by_id, "starts_on": s.starts_on,
            "ends_on": s.ends_on, "ended_on": s.ended_on}


@router.get("/democracy/disclosures", response={200: list[DisclosureOut], **READ},
            summary="厂务公开事项：可按单位、类别、是否已发布筛选，按标题或单位名称查找；含职工阅读人数")
@paginate(Pagination)
def disclosure_list(request: HttpRequest, filters: Query[DisclosureFilters]) -> Any:
    scope = list_scope(request)
    employer = load_employer(request, filters.employer_id) if filters.employer_id is not None else None
    rows = selectors.disclosure_list(scope=scope, employer=employer, category=filters.category or "",
                                     published=filters.published, query=filters.q)
    return [disclosure_out(d) for d in rows]


@router.post("/democracy/disclosures", response={201: DisclosureOut, **WRITE},
             summary="新增厂务公开事项（publish=true 同时发布到职工服务平台，仅本单位职工可见）")
def disclosure_create(request: HttpRequest, payload: DisclosureIn,
                      idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    employer = load_employer(request, payload.employer_id)
    pk = create_once_for(request, idempotency_key, payload, lambda: services.disclosure_create(
        actor=request.user, employer=employer, **payload.dict(exclude={"employer_id"})))
    return Status(201, disclosure_out(selectors.disclosure_get(scope=view_scope(request), pk=pk)))


@router.post("/democracy/disclosures/{disclosure_id}/publish", response={200: DisclosureOut, **WRITE},
             summary="发布厂务公开事项（已发布的再次提交返回409）")
def disclosure_publish(request: HttpRequest, disclosure_id: PathId) -> Any:
    item = selectors.disclosure_get(scope=view_scope(request), pk=disclosure_id)
    item = services.disclosure_publish(actor=request.user, disclosure=item)
    return disclosure_out(item, item.reads.count())


@router.put("/democracy/employers/{employer_id}/assessments/{year}", response={200: OpennessAssessmentOut, **WRITE},
            summary="登记某年度厂务公开民主评议的满意、基本满意、不满意人数（替换该年度已登记的人数）")
def assessment_put(request: HttpRequest, employer_id: PathId, year: AssessmentYear,
                   payload: OpennessAssessmentIn) -> Any:
    employer = load_employer(request, employer_id)
    return services.openness_assess(actor=request.user, employer=employer, year=year, **payload.dict())


@router.get("/democracy/seats", response={200: list[SeatOut], **READ},
            summary="职工董事、职工监事：current=true（默认）只列在任的")
@paginate(Pagination)
def seat_list(request: HttpRequest, filters: Query[SeatFilters]) -> Any:
    rows = selectors.seat_list(scope=list_scope(request), kind=filters.kind or "", current_only=filters.current)
    return [seat_out(s) for s in rows]


@router.post("/democracy/seats", response={201: SeatOut, **WRITE},
             summary="登记职工董事或职工监事：由本单位职代会的哪次会议选举、任期")
def seat_create(request: HttpRequest, payload: SeatIn,
                idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    employer = load_employer(request, payload.employer_id)
    try:
        session = selectors.session_get(scope=view_scope(request), pk=payload.elected_by)
    except NotFound:
        raise NotFound(field="elected_by") from None
    pk = create_once_for(request, idempotency_key, payload, lambda: services.seat_elect(
        actor=request.user, employer=employer, kind=payload.kind, holder_name=payload.holder_name,
        elected_by=session, starts_on=payload.starts_on, ends_on=payload.ends_on))
    return Status(201, seat_out(selectors.seat_get(scope=view_scope(request), pk=pk)))


@router.post("/democracy/seats/{seat_id}/end", response={200: SeatOut, **WRITE},
             summary="离任（已离任的再次提交返回409）")
def seat_end(request: HttpRequest, seat_id: PathId, payload: SeatEndIn) -> Any:
    seat = selectors.seat_get(scope=view_scope(request), pk=seat_id)
    return seat_out(services.seat_end(actor=request.user, seat=seat, ended_on=payload.ended_on))


@router.get("/democracy/missing-directors", response={200: list[MissingDirectorOut], **READ},
            summary="应设未设职工董事的企业：规定经济类型、职工人数不少于规定人数且无在任职工董事（规则可调）")
@paginate(Pagination)
def missing_directors(request: HttpRequest) -> Any:
    return [{"id": e.pk, "name": e.name, "credit_code": e.credit_code, "ownership": label(Ownership, e.ownership),
             "employee_count": e.employee_count}
            for e in selectors.employers_missing_director(scope=list_scope(request))]


@router.get("/democracy/figures", response={200: DemocracyFiguresOut, **READ},
            summary="民主管理统计：[start, end] 内召开的会议、提交的提案、发布的厂务公开；"
                    "end 当日在任的代表和职工董事监事；职代会建制率（%）")
def figures(request: HttpRequest, filters: Query[DemocracyFiguresFilters]) -> dict[str, Any]:
    if filters.end < filters.start:
        raise ValidationFailed(field="end", code="range")
    f = democracy_figures(scope=list_scope(request), start=filters.start, end=filters.end)
    rate = None if f.establishment_rate is None else float(f.establishment_rate)
    return {**f.__dict__, "establishment_rate": rate}

"""Employers (用人单位): list with filters, detail, create and edit through the services."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.api.common.unions import load_union, view_scope
from gonghui.api.orgs.employer_schemas import EmployerCreateIn, EmployerFilters, EmployerOut, EmployerUpdateIn
from gonghui.orgs import selectors, services
from gonghui.orgs.models import Employer

router = Router(tags=["employers"])

EmployerId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ = {READ_ERRORS: ErrorOut}
WRITE = {WRITE_ERRORS: ErrorOut}
# The services name the union by its model attribute; the API takes its id.
RENAMED = {"union": "union_id"}


def load_employer(request: HttpRequest, pk: int) -> Employer:
    return selectors.employer_get(scope=view_scope(request), pk=pk)


@router.get("/employers", response={200: list[EmployerOut], **READ},
            summary="用人单位列表：union 指定工会（subtree=true 含全部下级），q 按名称、拼音首字母或信用代码")
@paginate(Pagination)
def employer_list(request: HttpRequest, filters: Query[EmployerFilters]) -> Any:
    union = load_union(request, filters.union, field="union") if filters.union else None
    return selectors.employer_list(scope=view_scope(request), union=union, subtree=filters.subtree, query=filters.q,
                                   unionized=filters.unionized)


@router.get("/employers/{employer_id}", response={200: EmployerOut, **READ}, summary="用人单位详情")
def employer_get(request: HttpRequest, employer_id: EmployerId) -> Employer:
    return load_employer(request, employer_id)


@router.post("/employers", response={201: EmployerOut, **WRITE}, summary="登记用人单位")
def employer_create(request: HttpRequest, payload: EmployerCreateIn) -> Status[Employer]:
    data = payload.model_dump(exclude_unset=True)
    union = load_union(request, data.pop("union_id"), field="union_id")
    with fields_renamed(RENAMED):
        employer = services.employer_create(actor=request.user, union=union, **data)
    return Status(201, load_employer(request, employer.pk))


@router.patch("/employers/{employer_id}", response={200: EmployerOut, **WRITE},
              summary="修改用人单位（只改提交的字段；须带 version；改 union_id 即转到另一工会）")
def employer_update(request: HttpRequest, employer_id: EmployerId, payload: EmployerUpdateIn) -> Employer:
    data = payload.model_dump(exclude_unset=True)
    employer = load_employer(request, employer_id)
    if "union_id" in data:
        data["union"] = load_union(request, data.pop("union_id"), field="union_id")
    with fields_renamed(RENAMED):
        services.employer_update(actor=request.user, employer=employer, **data)
    return load_employer(request, employer_id)

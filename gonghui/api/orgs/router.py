"""The org tree: browse, search, summary figures, and every structural change through its service."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import MAX_LIMIT, Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.api.common.unions import load_union, view_scope
from gonghui.api.orgs.schemas import (
    DissolveIn,
    MergeIn,
    MoveIn,
    SummaryOut,
    UnionCreateIn,
    UnionDetailOut,
    UnionListFilters,
    UnionOut,
    UnionSearchFilters,
    UnionUpdateIn,
)
from gonghui.orgs import selectors, services

router = Router(tags=["orgs"])

OrgId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ = {READ_ERRORS: ErrorOut}
WRITE = {WRITE_ERRORS: ErrorOut}


def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return UnionDetailOut.of(selectors.union_detail(scope=view_scope(request), pk=pk))


@router.get("/orgs", response={200: list[UnionOut], **READ},
            summary="不带 parent：本人可见范围的顶层工会；带 parent：其可见的下级工会")
@paginate(Pagination)
def org_list(request: HttpRequest, filters: Query[UnionListFilters]) -> Any:
    scope = view_scope(request)
    if filters.parent is None:
        return selectors.tree_roots(scope=scope)
    parent = load_union(request, filters.parent, field="parent")
    return selectors.union_children(scope=scope, parent=parent, include_ended=filters.include_ended)


@router.get("/orgs/search", response={200: list[UnionOut], **READ},
            summary=f"按名称、拼音首字母或统一社会信用代码查找工会（最多{MAX_LIMIT}条）")
@paginate(Pagination)
def org_search(request: HttpRequest, filters: Query[UnionSearchFilters]) -> Any:
    within = load_union(request, filters.within, field="within") if filters.within else None
    return selectors.union_search(scope=view_scope(request), query=filters.q, within=within, limit=MAX_LIMIT)


@router.get("/orgs/{org_id}", response={200: UnionDetailOut, **READ}, summary="工会详情，含上级路径和数量")
def org_get(request: HttpRequest, org_id: OrgId) -> dict[str, Any]:
    return detail(request, org_id)


@router.get("/orgs/{org_id}/summary", response={200: SummaryOut, **READ},
            summary="下辖工会、用人单位、建会率（organizing_rate，无单位时为 null）")
def org_summary(request: HttpRequest, org_id: OrgId) -> dict[str, Any]:
    union = load_union(request, org_id)
    return SummaryOut.of(selectors.subtree_summary(scope=view_scope(request), union=union))


@router.post("/orgs", response={201: UnionDetailOut, **WRITE}, summary="新建下级工会")
def org_create(request: HttpRequest, payload: UnionCreateIn) -> Status[dict[str, Any]]:
    data = payload.model_dump(exclude_unset=True)
    parent = load_union(request, data.pop("parent_id"), field="parent_id")
    with fields_renamed({"parent": "parent_id"}):
        union = services.union_create(actor=request.user, parent=parent, **data)
    return Status(201, detail(request, union.pk))


@router.patch("/orgs/{org_id}", response={200: UnionDetailOut, **WRITE},
              summary="修改工会信息（只改提交的字段；须带 version）")
def org_update(request: HttpRequest, org_id: OrgId, payload: UnionUpdateIn) -> dict[str, Any]:
    data = payload.model_dump(exclude_unset=True)
    union = load_union(request, org_id)
    services.union_update(actor=request.user, union=union, **data)
    return detail(request, org_id)


@router.post("/orgs/{org_id}/move", response={200: UnionDetailOut, **WRITE}, summary="把工会连同下级移到新上级之下")
def org_move(request: HttpRequest, org_id: OrgId, payload: MoveIn) -> dict[str, Any]:
    union = load_union(request, org_id)
    new_parent = load_union(request, payload.new_parent_id, field="new_parent_id")
    with fields_renamed({"new_parent": "new_parent_id"}):
        services.union_move(actor=request.user, union=union, new_parent=new_parent)
    return detail(request, org_id)


@router.post("/orgs/{org_id}/merge", response={200: UnionDetailOut, **WRITE},
             summary="把工会并入另一工会：下级工会和用人单位随之转入")
def org_merge(request: HttpRequest, org_id: OrgId, payload: MergeIn) -> dict[str, Any]:
    source = load_union(request, org_id)
    target = load_union(request, payload.target_id, field="target_id")
    with fields_renamed({"target": "target_id"}):
        services.union_merge(actor=request.user, source=source, target=target)
    return detail(request, org_id)


@router.post("/orgs/{org_id}/dissolve", response={200: UnionDetailOut, **WRITE},
             summary="撤销工会：用人单位退回上级，不再计为已建会")
def org_dissolve(request: HttpRequest, org_id: OrgId, payload: DissolveIn) -> dict[str, Any]:
    union = load_union(request, org_id)
    services.union_dissolve(actor=request.user, union=union, reason=payload.reason)
    return detail(request, org_id)


@router.delete("/orgs/{org_id}", response={204: None, **WRITE}, summary="删除误建的工会（已有记录的只能合并或撤销）")
def org_delete(request: HttpRequest, org_id: OrgId) -> Status[None]:
    union = load_union(request, org_id)
    services.union_delete(actor=request.user, union=union)
    return Status(204, None)

"""帮扶项目: programmes and their budgets, campaigns, the aid a household or a worker received, and
the figures of a subtree for a period. Batches and their money are in aid_batches.py.

Reads go through the aid selectors with the caller's scope (whoever works in the registry or in aid
sees a subtree's programmes); the services check the permission each write needs and answer 403 to
a cadre who sees a programme but may not manage it, 404 to one who cannot see it.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.aid import services
from gonghui.aid.figures import aid_figures
from gonghui.aid.models import AidProgramme
from gonghui.aid.selectors import (
    campaign_get,
    campaign_list,
    campaigns_usable,
    grants_of_file,
    grants_of_person,
    programme_get,
    programme_list,
    programmes_usable,
)
from gonghui.api.aid.schemas import (
    AidFiguresFilters,
    AidFiguresOut,
    BudgetIn,
    CampaignFilters,
    CampaignIn,
    CampaignOut,
    GrantHistoryOut,
    PersonIn,
    ProgrammeFilters,
    ProgrammeIn,
    ProgrammeOut,
)
from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut, yuan
from gonghui.assistance.selectors import hardship_get
from gonghui.core.errors import NotFound, PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for, scope_for_any
from gonghui.orgs.selectors import tree_roots, union_get

router = Router(tags=["aid"])

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
AID_PERMISSIONS = (Perm.HARDSHIP_VIEW, Perm.AID_MANAGE, Perm.AID_DISBURSE)


def aid_scope(request: HttpRequest) -> Scope:
    """Where the caller works in the registry or in aid; nowhere at all is a refusal, not an empty list."""
    scope = scope_for_any(request.user, AID_PERMISSIONS)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def load_union(request: HttpRequest, pk: int, field: str) -> TradeUnion:
    try:
        return union_get(scope=aid_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def load_programme(request: HttpRequest, pk: int, field: str | None = None) -> AidProgramme:
    try:
        return programme_get(scope=aid_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


@router.get("/aid/programmes", response={200: list[ProgrammeOut], **READ},
            summary="帮扶项目：送温暖、金秋助学、夏送清凉、医疗救助、生活救助、困难劳模帮扶等，含预算、已承诺和已发放金额")
@paginate(Pagination)
def programme_index(request: HttpRequest, filters: Query[ProgrammeFilters]) -> Any:
    scope = aid_scope(request)
    if filters.usable:
        return programmes_usable(scope=scope, kind=filters.kind or "")
    return programme_list(scope=scope, kind=filters.kind or "", active_only=filters.active_only)


@router.post("/aid/programmes", response={201: ProgrammeOut, **WRITE},
             summary="设立帮扶项目：类别、资金来源、周期、可选取的困难类别、标准金额和物资、预算（须有项目管理权限）")
def programme_create(request: HttpRequest, payload: ProgrammeIn) -> Status[Any]:
    union = load_union(request, payload.union_id, "union_id")
    data = payload.dict(exclude={"union_id"})
    with fields_renamed({"union": "union_id"}):
        programme = services.programme_create(actor=request.user, union=union, **data)
    return Status(201, load_programme(request, programme.pk))


@router.get("/aid/programmes/{programme_id}", response={200: ProgrammeOut, **READ}, summary="帮扶项目详情")
def programme_detail(request: HttpRequest, programme_id: ObjectId) -> AidProgramme:
    return load_programme(request, programme_id)


@router.post("/aid/programmes/{programme_id}/budget", response={200: ProgrammeOut, **WRITE},
             summary="调整项目预算（不能低于已承诺金额，否则返回 budget_exceeded）")
def programme_budget(request: HttpRequest, programme_id: ObjectId, payload: BudgetIn) -> AidProgramme:
    programme = load_programme(request, programme_id)
    services.programme_set_budget(actor=request.user, programme=programme, budget=payload.budget)
    return load_programme(request, programme_id)


@router.get("/aid/campaigns", response={200: list[CampaignOut], **READ},
            summary="本级及下级工会主办项目的年度（期次）活动，可按年度、项目筛选；usable=true 时为可在其下发放的活动")
@paginate(Pagination)
def campaign_index(request: HttpRequest, filters: Query[CampaignFilters]) -> Any:
    scope = aid_scope(request)
    if filters.usable:
        return campaigns_usable(scope=scope, year=filters.year, programme_id=filters.programme)
    programme = load_programme(request, filters.programme, "programme") if filters.programme else None
    return campaign_list(scope=scope, year=filters.year, programme=programme)


@router.post("/aid/campaigns", response={201: CampaignOut, **WRITE},
             summary="新建年度（期次）活动，如“2026年送温暖”；同一项目同一年度（期次）只有一个")
def campaign_create(request: HttpRequest, payload: CampaignIn) -> Status[Any]:
    programme = load_programme(request, payload.programme_id, "programme_id")
    campaign = services.campaign_create(actor=request.user, programme=programme, **payload.dict(
        exclude={"programme_id"}))
    return Status(201, campaign_get(scope=aid_scope(request), pk=campaign.pk))


@router.get("/aid/campaigns/{campaign_id}", response={200: CampaignOut, **READ},
            summary="活动详情（含上级工会主办、由本级发放的活动）")
def campaign_detail(request: HttpRequest, campaign_id: ObjectId) -> Any:
    return campaign_get(scope=aid_scope(request), pk=campaign_id)


@router.get("/aid/files/{file_id}/grants", response={200: list[GrantHistoryOut], **READ},
            summary="一户困难职工家庭历次获得的帮扶（各项目、各工会，限您的查看范围），最近的在前")
@paginate(Pagination)
def grants_of_household(request: HttpRequest, file_id: ObjectId) -> Any:
    # The household itself must be in view: another union's file is a 404 like a missing one.
    file = hardship_get(scope=scope_for(request.user, Perm.HARDSHIP_VIEW), pk=file_id)
    return grants_of_file(scope=aid_scope(request), hardship_file_id=file.pk)


@router.post("/aid/grants/of-person", response={200: list[GrantHistoryOut], **WRITE},
             summary="一名职工历次获得的帮扶（按证件号码或手机号码查找；各项目、各工会，限您的查看范围），最近的在前")
@paginate(Pagination)
def grants_of_worker(request: HttpRequest, payload: PersonIn) -> Any:
    # A POST, so the identity number travels in the body and never in an address that logs keep.
    return grants_of_person(scope=aid_scope(request), id_type=payload.id_type, id_number=payload.id_number,
                            phone=payload.phone)


@router.get("/aid/figures", response={200: AidFiguresOut, **READ},
            summary="帮扶统计：期间到账的帮扶，按项目计人、人次、户、场次、金额（元、万元）和预算使用；"
                    "送温暖、夏送清凉另分会员与非会员")
def figures(request: HttpRequest, filters: Query[AidFiguresFilters]) -> dict[str, Any]:
    if filters.end < filters.start:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), field="end", code="range")
    scope = aid_scope(request)
    union = load_union(request, filters.union, "union") if filters.union else tree_roots(scope=scope).first()
    if union is None:
        raise NotFound(field="union")
    result = aid_figures(scope=scope, root_path=union.path, start=filters.start, end=filters.end)

    def counts(c: Any) -> dict[str, Any] | None:
        return None if c is None else {**c.__dict__, "cash": yuan(c.cash), "goods": yuan(c.goods),
                                       "amount": yuan(c.amount), "amount_wan": c.amount_wan}

    return {"start": result.start, "end": result.end, "total": counts(result.total),
            "programmes": [{**p.__dict__, "counts": counts(p.counts), "members": counts(p.members),
                            "non_members": counts(p.non_members), "budget": yuan(p.budget),
                            "committed": yuan(p.committed), "paid": yuan(p.paid),
                            "budget_used_rate": p.budget_used_rate}
                           for p in result.programmes]}

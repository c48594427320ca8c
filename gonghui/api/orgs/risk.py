"""The 劳动关系风险名单 over the API: a scope's listed employers, one employer's spells, list and take off."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.api.common.unions import view_scope
from gonghui.api.orgs.risk_schemas import RiskFilters, RiskListIn, RiskListingOut, RiskRemoveIn
from gonghui.orgs import selectors, services
from gonghui.orgs.models import EmployerRiskListing

router = Router(tags=["employers"])

EmployerId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ = {READ_ERRORS: ErrorOut}
WRITE = {WRITE_ERRORS: ErrorOut}


@router.get("/risk-listings", response={200: list[RiskListingOut], **READ},
            summary="劳动关系风险名单：本人范围内在名单中的用人单位（include_removed=true 含已移出的），最新列入的在前")
@paginate(Pagination)
def risk_listing_list(request: HttpRequest, filters: Query[RiskFilters]) -> Any:
    return selectors.risk_listings(scope=view_scope(request), query=filters.q, reason=filters.reason or "",
                                   listed_from=filters.listed_from, listed_to=filters.listed_to,
                                   include_removed=filters.include_removed)


@router.get("/employers/{employer_id}/risk-listings", response={200: list[RiskListingOut], **READ},
            summary="一家用人单位列入风险名单的全部记录（current=true 的为当前在名单中），最新的在前")
def employer_risk_listings(request: HttpRequest, employer_id: EmployerId) -> list[EmployerRiskListing]:
    scope = view_scope(request)
    employer = selectors.employer_get(scope=scope, pk=employer_id)
    return selectors.employer_risk_history(scope=scope, employer=employer)


@router.post("/employers/{employer_id}/risk-listings", response={201: RiskListingOut, **WRITE},
             summary="把用人单位列入劳动关系风险名单（已在名单中则拒绝；原因为 other 时须写 note）")
def employer_risk_list(request: HttpRequest, employer_id: EmployerId, payload: RiskListIn
                       ) -> Status[EmployerRiskListing]:
    employer = selectors.employer_get(scope=view_scope(request), pk=employer_id)
    listing = services.employer_risk_list(actor=request.user, employer=employer, reason=payload.reason,
                                          note=payload.note, listed_on=payload.listed_on)
    return Status(201, listing)


@router.post("/employers/{employer_id}/risk-listings/remove", response={200: RiskListingOut, **WRITE},
             summary="把用人单位移出劳动关系风险名单（须写移出原因；记录保留）")
def employer_risk_remove(request: HttpRequest, employer_id: EmployerId, payload: RiskRemoveIn) -> EmployerRiskListing:
    employer = selectors.employer_get(scope=view_scope(request), pk=employer_id)
    return services.employer_risk_remove(actor=request.user, employer=employer, reason=payload.reason,
                                         removed_on=payload.removed_on)

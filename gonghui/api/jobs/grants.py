"""Which employers a partner key may submit postings for, over the API for union cadres: the grants in
scope, the keys that may be granted, granting (idempotent) and revoking. Another union's grant or
employer is a 404 like a missing one."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.schemas import MAX_ID, Id, StrictInput
from gonghui.api.jobs.router import READ, WRITE, manage_scope, ref, view_scope
from gonghui.core.errors import NotFound
from gonghui.jobs import selectors, services
from gonghui.jobs.models import JobPartner
from gonghui.orgs.selectors import employer_get

router = Router(tags=["jobs"])
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
RENAMED = {"partner": "partner_id", "employer": "employer_id"}


class JobGrantIn(StrictInput):
    partner_id: Id
    employer_id: Id


class JobGrantFilters(Schema):
    employer_id: Id | None = None


class JobPartnerOut(Schema):
    id: int
    name: str
    key_prefix: str


class JobGrantOut(Schema):
    id: int
    partner: JobPartnerOut
    employer: dict[str, Any]
    is_active: bool
    granted_by: str
    granted_at: str


def _partner_out(p: Any) -> dict[str, Any]:
    return {"id": p.pk, "name": p.name, "key_prefix": p.key_prefix}


def grant_out(g: JobPartner) -> dict[str, Any]:
    return {"id": g.pk, "partner": _partner_out(g.partner), "employer": ref(g.employer), "is_active": g.is_active,
            "granted_by": g.granted_by, "granted_at": g.granted_at.isoformat()}


@router.get("/jobs/partner-grants", response={200: list[JobGrantOut], **READ},
            summary="岗位报送授权：哪些合作方可为哪些用人单位报送岗位（可按用人单位筛选）")
def grant_list(request: HttpRequest, filters: Query[JobGrantFilters]) -> list[dict[str, Any]]:
    rows = selectors.job_partner_list(scope=view_scope(request), employer_id=filters.employer_id)
    return [grant_out(g) for g in rows[:500]]


@router.get("/jobs/partner-grants/partners", response={200: list[JobPartnerOut], **READ},
            summary="可授权报送岗位的合作方（已开通“报送招聘岗位”用途、未吊销）")
def grantable(request: HttpRequest) -> list[dict[str, Any]]:
    view_scope(request)
    return [_partner_out(p) for p in selectors.grantable_partners(scope=manage_scope(request))]


@router.post("/jobs/partner-grants", response={201: JobGrantOut, **WRITE},
             summary="授权合作方为用人单位报送岗位（已授权的再次授权不变）")
def grant_create(request: HttpRequest, payload: JobGrantIn) -> Status[Any]:
    scope = view_scope(request)
    with fields_renamed(RENAMED):
        partner = selectors.partner_for_grant(scope=scope, pk=payload.partner_id)
        try:
            employer = employer_get(scope=scope, pk=payload.employer_id)
        except NotFound as exc:
            exc.field = "employer"
            raise
        grant = services.job_partner_grant(actor=request.user, partner=partner, employer=employer)
    return Status(201, grant_out(grant))


@router.post("/jobs/partner-grants/{grant_id}/revoke", response={200: JobGrantOut, **WRITE},
             summary="撤销岗位报送授权：该合作方此后为此单位报送岗位将被拒绝（403），已报送的岗位不受影响")
def grant_revoke(request: HttpRequest, grant_id: PathId) -> dict[str, Any]:
    grant = selectors.job_partner_get(scope=view_scope(request), pk=grant_id)
    return grant_out(services.job_partner_revoke(actor=request.user, grant=grant))

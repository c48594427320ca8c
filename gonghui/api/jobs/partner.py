"""/jobs/partner: an employer submits postings with its partner key (X-Partner-Key), for the employers
it was granted; they land 待审核 for the employer's union. It follows its own postings and receives the
applications whose workers consented, and nothing else: it can never publish."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Router, Status

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.api.common.security import PartnerKey
from gonghui.api.jobs.router import posting_out, ref
from gonghui.api.jobs.schemas import JobEmployerApplicantOut, JobPartnerPostingIn, JobPostingIn, JobPostingOut, JobRef
from gonghui.core.request_context import client_ip
from gonghui.jobs import selectors
from gonghui.jobs.services import posting_resubmit_by_partner, posting_submit_by_partner
from gonghui.jobs.services.grants import partner_employers
from gonghui.members.models import Partner, PartnerPurpose

router = Router(tags=["jobs-partner"], auth=PartnerKey(PartnerPurpose.JOBS))
PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 401, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS | {401}: ErrorOut}


def _partner(request: HttpRequest) -> Partner:
    return request.auth  # type: ignore[attr-defined,no-any-return]


@router.get("/jobs/partner/employers", response={200: list[JobRef], **READ},
            summary="本合作方获准报送岗位的用人单位")
def employer_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [ref(e) for e in partner_employers(_partner(request))]


@router.get("/jobs/partner/postings", response={200: list[JobPostingOut], **READ},
            summary="本合作方报送的岗位及审核状态")
def posting_list(request: HttpRequest) -> list[dict[str, Any]]:
    return [posting_out(p) for p in selectors.partner_posting_list(partner=_partner(request))[:500]]


@router.post("/jobs/partner/postings", response={201: JobPostingOut, **WRITE},
             summary="用人单位报送岗位：进入待审核，由所属工会审核后发布")
def posting_submit(request: HttpRequest, payload: JobPartnerPostingIn) -> Status[Any]:
    posting = posting_submit_by_partner(partner=_partner(request), employer_id=payload.employer_id,
                                        ip=client_ip(request), **payload.dict(exclude={"employer_id"}))
    return Status(201, posting_out(posting))


@router.put("/jobs/partner/postings/{posting_id}", response={200: JobPostingOut, **WRITE},
            summary="修改被退回的岗位并重新报送审核")
def posting_resubmit(request: HttpRequest, posting_id: PathId, payload: JobPostingIn) -> dict[str, Any]:
    return posting_out(posting_resubmit_by_partner(partner=_partner(request), posting_id=posting_id,
                                                   ip=client_ip(request), **payload.dict()))


@router.get("/jobs/partner/postings/{posting_id}/applications", response={200: list[JobEmployerApplicantOut], **READ},
            summary="职工同意提供的求职申请（未经同意的申请不出现）")
def applicants(request: HttpRequest, posting_id: PathId) -> list[dict[str, Any]]:
    partner = _partner(request)
    posting = selectors.partner_posting_get(partner=partner, pk=posting_id)
    return [a.__dict__ for a in selectors.partner_applicants(partner=partner, posting=posting)]

"""The review queue of join applications, and 会籍接转 between unions: both ends act through the
transfer services, which check each end's scope."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.api.common.unions import load_union
from gonghui.api.members.schemas import (
    ApplicationOut,
    ApprovalOut,
    ApproveIn,
    RejectIn,
    TransferAcceptIn,
    TransferConfirmIn,
    TransferCreateIn,
    TransferFilters,
    TransferNoteIn,
    TransferOut,
    TransferRefuseIn,
)
from gonghui.core.errors import PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.members import selectors
from gonghui.members.models import JoinApplication, Transfer
from gonghui.members.services import applications, transfer_consent, transfers
from gonghui.orgs.scope import scope_for

router = Router(tags=["member-flows"])

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ = {READ_ERRORS: ErrorOut}
LIST = {READ_ERRORS | {403}: ErrorOut}
WRITE = {WRITE_ERRORS: ErrorOut}


def load_application(request: HttpRequest, pk: int) -> JoinApplication:
    # Loaded through member.view so a cadre who sees it but may not review it gets 403, not 404.
    return selectors.application_get(scope=scope_for(request.user, Perm.MEMBER_VIEW), pk=pk)


def load_transfer(request: HttpRequest, pk: int) -> Transfer:
    return selectors.transfer_get(scope=scope_for(request.user, Perm.MEMBER_VIEW), pk=pk)


@router.get("/member-applications", response={200: list[ApplicationOut], **LIST},
            summary="待审核的入会申请（须有审核权限）")
@paginate(Pagination)
def application_queue(request: HttpRequest) -> Any:
    review = scope_for(request.user, Perm.MEMBER_REVIEW)
    if review.is_empty:
        raise PermissionDenied()
    return selectors.application_queue(scope=review)


@router.post("/member-applications/{application_id}/approve", response={200: ApprovalOut, **WRITE},
             summary="通过入会申请；申请人已是其他工会会员时转为会籍接转申请")
def application_approve(request: HttpRequest, application_id: ObjectId, payload: ApproveIn) -> dict[str, Any]:
    result = applications.application_approve(actor=request.user, application=load_application(request,
                                                                                                application_id),
                                              join_date=payload.join_date)
    if isinstance(result, Transfer):
        return {"outcome": "transfer", "member_id": result.member_id, "transfer_id": result.pk}
    return {"outcome": "admitted", "member_id": result.member_id, "transfer_id": None}


@router.post("/member-applications/{application_id}/reject", response={200: ApplicationOut, **WRITE},
             summary="不通过入会申请（须填原因，申请人会看到）")
def application_reject(request: HttpRequest, application_id: ObjectId, payload: RejectIn) -> JoinApplication:
    return applications.application_reject(actor=request.user, application=load_application(request, application_id),
                                           reason=payload.reason)


@router.get("/member-transfers", response={200: list[TransferOut], **READ},
            summary="会籍接转：box=in 待本方接收，box=out 待本方转出")
@paginate(Pagination)
def transfer_list(request: HttpRequest, filters: Query[TransferFilters]) -> Any:
    member_scope = scope_for(request.user, Perm.MEMBER_VIEW)
    if filters.box == "out":
        return selectors.transfer_outbox(scope=member_scope)
    return selectors.transfer_inbox(scope=member_scope)


@router.post("/member-transfers", response={201: TransferOut, 429: ErrorOut, **WRITE},
             summary="接收工会按证件号码申请会籍接转（此人须是其他工会的会员）：系统向此人会籍记录上的手机号发送"
                     "确认短信；本人确认前不显示此人姓名和所在工会。按证件号码查询有次数限制（429）")
def transfer_create(request: HttpRequest, payload: TransferCreateIn) -> Status[Transfer]:
    to_union = load_union(request, payload.to_union_id, field="to_union_id")
    with fields_renamed({"to_union": "to_union_id"}):
        transfer = transfers.transfer_request_by_identity(actor=request.user, to_union=to_union,
                                                          id_type=payload.id_type, id_number=payload.id_number,
                                                          reason=payload.reason)
    return Status(201, load_transfer(request, transfer.pk))


@router.post("/member-transfers/{transfer_id}/confirm", response={200: TransferOut, 429: ErrorOut, **WRITE},
             summary="接收工会录入本人告知的短信验证码，确认本人同意接转（之后转出工会才会看到）")
def transfer_confirm(request: HttpRequest, transfer_id: ObjectId, payload: TransferConfirmIn) -> Transfer:
    transfer_consent.transfer_confirm(actor=request.user, transfer=load_transfer(request, transfer_id),
                                      code=payload.code)
    return load_transfer(request, transfer_id)


@router.post("/member-transfers/{transfer_id}/resend-code", response={200: TransferOut, 429: ErrorOut, **WRITE},
             summary="重新向此人会籍记录上的手机号发送确认短信")
def transfer_resend_code(request: HttpRequest, transfer_id: ObjectId) -> Transfer:
    transfer_consent.transfer_code_resend(actor=request.user, transfer=load_transfer(request, transfer_id))
    return load_transfer(request, transfer_id)


@router.post("/member-transfers/{transfer_id}/release", response={200: TransferOut, **WRITE},
             summary="转出工会同意转出")
def transfer_release(request: HttpRequest, transfer_id: ObjectId, payload: TransferNoteIn) -> Transfer:
    transfers.transfer_release(actor=request.user, transfer=load_transfer(request, transfer_id), note=payload.note)
    return load_transfer(request, transfer_id)


@router.post("/member-transfers/{transfer_id}/accept", response={200: TransferOut, **WRITE},
             summary="接收工会接收：原会籍转出，新会籍开始")
def transfer_accept(request: HttpRequest, transfer_id: ObjectId, payload: TransferAcceptIn) -> Transfer:
    transfers.transfer_accept(actor=request.user, transfer=load_transfer(request, transfer_id), on=payload.on)
    return load_transfer(request, transfer_id)


@router.post("/member-transfers/{transfer_id}/refuse", response={200: TransferOut, **WRITE},
             summary="接收工会拒绝接收（须填原因）")
def transfer_refuse(request: HttpRequest, transfer_id: ObjectId, payload: TransferRefuseIn) -> Transfer:
    transfers.transfer_refuse(actor=request.user, transfer=load_transfer(request, transfer_id), note=payload.note)
    return load_transfer(request, transfer_id)


@router.post("/member-transfers/{transfer_id}/cancel", response={200: TransferOut, **WRITE},
             summary="接收工会撤回本方发起的接转")
def transfer_cancel(request: HttpRequest, transfer_id: ObjectId) -> Transfer:
    transfers.transfer_cancel(actor=request.user, transfer=load_transfer(request, transfer_id))
    return load_transfer(request, transfer_id)

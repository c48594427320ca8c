"""Each step of a contract's workflow, one endpoint per step, each calling the one service the console
calls. Every step answers with the contract as it now is. A step that moves the status is safe to
repeat (the repeat finds the status moved on and is refused); `version` (required where the status
stays, optional elsewhere) refuses a request made on a stale copy with 409."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import File, Router, Status, UploadedFile

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.schemas import Omit
from gonghui.api.contracts.router import DONE, RENAMED, WRITE, ContractId, contract_out, load, scope_of
from gonghui.api.contracts.schemas import (
    ContractAnswerIn,
    ContractAttachmentOut,
    ContractGuidanceIn,
    ContractOut,
    ContractVoteIn,
    DraftIn,
    FileIn,
    MeetingIn,
    PublishIn,
    RenewIn,
    ReviewIn,
    SignIn,
    SupervisionIn,
    TerminateIn,
)
from gonghui.contracts import services
from gonghui.contracts.choices import Reach
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.selectors import contract_attachment_get, employers_by_ids
from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.permissions import Perm

router = Router(tags=["contracts"])
_NOT_FOUND = _("第%(row)s行：找不到该用人单位，或不在您的管辖范围内。")


def _step(request: HttpRequest, contract_id: int, fn: Callable[..., Any], version: int | None,
          renamed: dict[str, str] | None = None, **kwargs: Any) -> dict[str, Any]:
    contract = load(request, contract_id)
    with fields_renamed({**RENAMED, **(renamed or {})}):
        fn(actor=request.user, contract=contract, version=version, **kwargs)
    return contract_out(request, contract)


@router.post("/contracts/{contract_id}/answer", response=DONE, summary="回应要约（应在收到要约20日内），进入协商")
def answer(request: HttpRequest, contract_id: ContractId, payload: ContractAnswerIn) -> dict[str, Any]:
    return _step(request, contract_id, services.contract_answer, payload.version, answered_on=payload.answered_on,
                 note=payload.note)


@router.post("/contracts/{contract_id}/meetings", response=DONE, summary="记录一次协商会议和会议纪要（须带 version）")
def meeting(request: HttpRequest, contract_id: ContractId, payload: MeetingIn) -> dict[str, Any]:
    return _step(request, contract_id, services.contract_meet, payload.version, held_on=payload.held_on,
                 place=payload.place, minutes=payload.minutes)


def _coverage(request: HttpRequest, contract: CollectiveContract, payload: DraftIn) -> list[services.CoverageIn]:
    if contract.reach == Reach.EMPLOYER and not payload.coverage:
        return []
    found = employers_by_ids(scope=scope_of(request, Perm.CONTRACT_MANAGE),
                             ids=[row.employer_id for row in payload.coverage])
    rows, errors = [], []
    for i, row in enumerate(payload.coverage, start=1):
        employer = found.get(row.employer_id)
        if employer is None:
            errors.append(ValidationFailed(msg(_NOT_FOUND, {"row": i}), field="coverage", code="coverage_unknown"))
            continue
        rows.append(services.CoverageIn(employer, row.workers_covered))
    if errors:
        raise InvalidFields(errors)
    return rows


@router.post("/contracts/{contract_id}/draft", response=DONE, summary=(
    "形成（或修改）草案：期限（三年以内）、双方协商代表（各3至10人、人数对等、各一名首席）、主要条款、文本；"
    "区域性、行业性合同逐一列出覆盖单位"))
def draft(request: HttpRequest, contract_id: ContractId, payload: DraftIn) -> dict[str, Any]:
    contract = load(request, contract_id)
    coverage = _coverage(request, contract, payload)
    return _step(request, contract_id, services.contract_draft, payload.version, title=payload.title,
                 start_on=payload.start_on, end_on=payload.end_on, text=payload.text, terms=dict(payload.terms),
                 coverage=coverage or None,
                 negotiators=[services.NegotiatorIn(n.side, n.name, n.position, n.is_chief, n.member_id)
                              for n in payload.negotiators])


@router.post("/contracts/{contract_id}/vote", response=DONE, summary=(
    "职代会或全体职工大会审议草案：三分之二以上到会、全体半数以上同意方获通过，未达到时说明人数"))
def vote(request: HttpRequest, contract_id: ContractId, payload: ContractVoteIn) -> dict[str, Any]:
    return _step(request, contract_id, services.contract_vote, payload.version, body=payload.body,
                 held_on=payload.held_on, entitled=payload.entitled, present=payload.present,
                 in_favour=payload.in_favour, against=payload.against, abstained=payload.abstained)


@router.post("/contracts/{contract_id}/sign", response=DONE, summary="签订（此后10日内报送人社部门）")
def sign(request: HttpRequest, contract_id: ContractId, payload: SignIn) -> dict[str, Any]:
    return _step(request, contract_id, services.contract_sign, payload.version, signed_on=payload.signed_on)


@router.post("/contracts/{contract_id}/file", response=DONE,
             summary="报送人社部门审查：收到之日起15日内未提出异议即生效；逾期报送的予以标记")
def file_for_review(request: HttpRequest, contract_id: ContractId, payload: FileIn) -> dict[str, Any]:
    return _step(request, contract_id, services.contract_file, payload.version, filed_on=payload.filed_on)


@router.post("/contracts/{contract_id}/review", response=DONE, summary=(
    "审查结果：no_objection 无异议（须带生效日期），objection 提出异议（须写审查意见，合同退回协商）"))
def review(request: HttpRequest, contract_id: ContractId, payload: ReviewIn) -> dict[str, Any]:
    if payload.result == "objection":
        return _step(request, contract_id, services.contract_object, payload.version, objection=payload.objection)
    return _step(request, contract_id, services.contract_approve, payload.version, effective_on=payload.effective_on)


@router.post("/contracts/{contract_id}/publish", response=DONE, summary="向职工公布已生效的合同")
def publish(request: HttpRequest, contract_id: ContractId, payload: PublishIn) -> dict[str, Any]:
    return _step(request, contract_id, services.contract_publish, payload.version,
                 published_on=payload.published_on, note=payload.note)


@router.post("/contracts/{contract_id}/supervision", response=DONE, summary=(
    "年度履约检查：本合同各项条款已履行（kept）或未履行（broken），每年一次（须带 version）"))
def supervision(request: HttpRequest, contract_id: ContractId, payload: SupervisionIn) -> dict[str, Any]:
    return _step(request, contract_id, services.contract_check, payload.version, year=payload.year,
                 checked_on=payload.checked_on, kept=payload.kept, broken=payload.broken, note=payload.note)


@router.post("/contracts/{contract_id}/renew", response={201: ContractOut, **WRITE}, summary=(
    "续签：期满前三个月内提出新的要约，新合同与原合同关联，生效时原合同即告续签终止；已有进行中的续签时拒绝"))
def renew(request: HttpRequest, contract_id: ContractId, payload: RenewIn,
          idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[dict[str, Any]]:
    contract = load(request, contract_id)

    def create() -> CollectiveContract:
        with fields_renamed(RENAMED):
            return services.contract_renew(actor=request.user, contract=contract, received_on=payload.received_on,
                                           offered_by=payload.offered_by, offer_text=payload.offer_text)

    pk = create_once_for(request, idempotency_key, payload, create)
    return Status(201, contract_out(request, load(request, pk)))


@router.post("/contracts/{contract_id}/terminate", response=DONE, summary="终止合同（须写原因）")
def terminate(request: HttpRequest, contract_id: ContractId, payload: TerminateIn) -> dict[str, Any]:
    return _step(request, contract_id, services.contract_terminate, payload.version, ended_on=payload.ended_on,
                 reason=payload.reason)


@router.post("/contracts/{contract_id}/attachments", response={201: ContractAttachmentOut, **WRITE},
             summary="上传附件：协商纪要、职代会决议、授权委托书等（PDF、JPG/PNG、Word；大小和数量有上限）")
def attach(request: HttpRequest, contract_id: ContractId, file: File[UploadedFile],
           idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    contract = load(request, contract_id)
    pk = create_once_for(request, idempotency_key, {"name": file.name, "size": file.size},
                         lambda: services.contract_attach(actor=request.user, contract=contract, upload=file))
    return Status(201, contract_attachment_get(scope=scope_of(request), contract=contract, pk=pk))


@router.post("/contracts/{contract_id}/guidance", response=DONE, summary=(
    "上级工会提出指导意见：记入办理过程，不改变合同状态；同一人重复提交相同内容只记一次"))
def guidance(request: HttpRequest, contract_id: ContractId, payload: ContractGuidanceIn) -> dict[str, Any]:
    contract = load(request, contract_id)
    with fields_renamed(RENAMED):
        services.contract_guide(actor=request.user, contract=contract, note=payload.note)
    return contract_out(request, contract)

"""互助保障给付: a claim filed by the member's union with its documents, reviewed there, approved (an
amount within the plan's limits) or rejected and paid by the plan's union; the diagnosis shown in
full only on request, with a reason, audited. One endpoint per step, each calling its service; a
step answers with the claim as it now is, and a stale `version` is a 409."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import label
from gonghui.api.mutualaid.router import READ, WRITE, ObjectId, load_enrolment, load_plan, mutual_aid_scope
from gonghui.api.mutualaid.schemas import (
    ClaimApproveIn,
    ClaimDocumentOut,
    ClaimFilters,
    ClaimIn,
    ClaimListOut,
    ClaimNoteIn,
    ClaimOut,
    ClaimRejectIn,
    ClaimRevealIn,
    DiagnosisOut,
    PayIn,
)
from gonghui.core.audit import actor_shown
from gonghui.mutualaid import services
from gonghui.mutualaid.choices import ClaimKind, ClaimStatus
from gonghui.mutualaid.models import MutualAidClaim, MutualAidClaimDocument
from gonghui.mutualaid.selectors import claim_documents, claim_get, claim_list, claim_timeline
from gonghui.mutualaid.workflow import RULES, At, allowed_actions
from gonghui.orgs.scope import scope_for

router = Router(tags=["mutual-aid"])
DONE: dict[Any, Any] = {200: ClaimOut, **WRITE}


def load_claim(request: HttpRequest, pk: int) -> MutualAidClaim:
    return claim_get(scope=mutual_aid_scope(request), pk=pk)


def actions_for(user: Any, claim: MutualAidClaim) -> list[str]:
    """Steps the table allows now that the user's grant reaches: the member's union or the plan's."""
    out = []
    for action in allowed_actions(claim.status):
        rule = RULES[action]
        path = claim.org_path if rule.at == At.MEMBER_UNION else claim.plan.org_path
        if scope_for(user, rule.permission).covers(path):
            out.append(action)
    return out


def document_out(d: MutualAidClaimDocument) -> dict[str, Any]:
    return {"id": d.pk, "name": d.name, "content_type": d.content_type, "size": d.size, "sha256": d.sha256,
            "uploaded_by": d.uploaded_by_label, "at": d.at}


def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    claim = load_claim(request, pk)
    payable = services.claim_payable(claim=claim)
    return {
        "id": claim.pk, "plan": {"id": claim.plan.pk, "name": claim.plan.name},
        "member": {"id": claim.member.pk, "name": claim.member.name, "id_number_masked": claim.member.id_masked},
        "kind": claim.kind, "kind_label": label(ClaimKind, claim.kind), "status": claim.status,
        "status_label": label(ClaimStatus, claim.status),
        **{f: getattr(claim, f) for f in ("event_date", "amount_claimed", "amount_approved", "reason", "paid_on",
                                          "submitted_at", "version", "enrolment_id", "reviewed_at", "decided_at",
                                          "paid_at")},
        "payable": {"amount": payable.amount, "caps": [str(c) for c in payable.caps]},
        "events": [{"action": e.action, "old_status": e.old_status, "new_status": e.new_status,
                    "actor": actor_shown(e.actor_label), "note": e.note, "at": e.at}
                   for e in claim_timeline(claim=claim)],
        "documents": [document_out(d) for d in claim_documents(claim=claim)],
        "actions": actions_for(request.user, claim),
    }


@router.get("/mutual-aid/claims", response={200: list[ClaimListOut], **READ},
            summary="给付申请，可按计划、状态筛选（不含诊断内容）")
@paginate(Pagination)
def claim_index(request: HttpRequest, filters: Query[ClaimFilters]) -> Any:
    scope = mutual_aid_scope(request)
    plan = load_plan(request, filters.plan, "plan") if filters.plan else None
    return claim_list(scope=scope, plan=plan, status=filters.status or "")


@router.post("/mutual-aid/claims", response={201: ClaimOut, **WRITE},
             summary="申请给付（multipart）：会员的参保记录、给付类别、发病/出险日期、申请金额、诊断/事故经过，"
                     "可附证明材料（PDF 或 JPG/PNG，可多份）")
def claim_create(request: HttpRequest, payload: Form[ClaimIn],
                 documents: File[list[UploadedFile]] = None,  # type: ignore[assignment]
                 ) -> Status[dict[str, Any]]:
    enrolment = load_enrolment(request, payload.enrolment_id, "enrolment_id")
    with fields_renamed({"enrolment": "enrolment_id", "plan": "enrolment_id"}):
        claim = services.claim_submit(actor=request.user, enrolment=enrolment,
                                      data=payload.dict(exclude={"enrolment_id"}), documents=documents or [])
    return Status(201, detail(request, claim.pk))


@router.get("/mutual-aid/claims/{claim_id}", response={200: ClaimOut, **READ},
            summary="给付申请详情：可核定金额及限制原因、办理过程、证明材料和可执行的操作（不含诊断内容）")
def claim_get_one(request: HttpRequest, claim_id: ObjectId) -> dict[str, Any]:
    return detail(request, claim_id)


@router.post("/mutual-aid/claims/{claim_id}/documents", response={201: ClaimDocumentOut, **WRITE},
             summary="补充证明材料（审核、审批前）")
def claim_attach(request: HttpRequest, claim_id: ObjectId, file: File[UploadedFile]) -> Status[dict[str, Any]]:
    with fields_renamed({"documents": "file"}):
        document = services.claim_attach(actor=request.user, claim=load_claim(request, claim_id), upload=file)
    return Status(201, document_out(document))


def step(request: HttpRequest, claim_id: int, fn: Callable[..., Any], **kwargs: Any) -> dict[str, Any]:
    fn(actor=request.user, claim=load_claim(request, claim_id), **kwargs)
    return detail(request, claim_id)


@router.post("/mutual-aid/claims/{claim_id}/review", response=DONE, summary="审核（会员所在工会）：材料与申请相符")
def claim_review(request: HttpRequest, claim_id: ObjectId, payload: ClaimNoteIn) -> dict[str, Any]:
    return step(request, claim_id, services.claim_review, note=payload.note, version=payload.version)


@router.post("/mutual-aid/claims/{claim_id}/approve", response=DONE,
             summary="批准（计划承办工会）：核定金额不超过单次限额和本年度剩余额度，等待期内不能批准")
def claim_approve(request: HttpRequest, claim_id: ObjectId, payload: ClaimApproveIn) -> dict[str, Any]:
    return step(request, claim_id, services.claim_approve, amount=payload.amount, note=payload.note,
                version=payload.version)


@router.post("/mutual-aid/claims/{claim_id}/reject", response=DONE, summary="拒付（计划承办工会，须填原因）")
def claim_reject(request: HttpRequest, claim_id: ObjectId, payload: ClaimRejectIn) -> dict[str, Any]:
    return step(request, claim_id, services.claim_reject, reason=payload.reason, version=payload.version)


@router.post("/mutual-aid/claims/{claim_id}/pay", response=DONE,
             summary="给付（计划承办工会）：给付日期不早于批准日期、不晚于今天")
def claim_pay(request: HttpRequest, claim_id: ObjectId, payload: PayIn) -> dict[str, Any]:
    return step(request, claim_id, services.claim_pay, paid_on=payload.paid_on, note=payload.note,
                version=payload.version)


@router.post("/mutual-aid/claims/{claim_id}/reveal", response={200: DiagnosisOut, **WRITE},
             summary="查看诊断/事故经过（健康信息：须填写理由，每次记入审计日志）")
def claim_reveal(request: HttpRequest, response: HttpResponse, claim_id: ObjectId,
                 payload: ClaimRevealIn) -> dict[str, str]:
    with fields_renamed({"reveal_reason": "reason"}):
        value = services.claim_diagnosis_reveal(actor=request.user, claim=load_claim(request, claim_id),
                                                reason=payload.reason)
    response["Cache-Control"] = "no-store"  # shown once; no cache along the way may keep it
    return {"value": value}

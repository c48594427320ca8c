"""职代会提案 over the API: submission with co-signers, the list, one proposal with its timeline, and one
endpoint per step of the workflow. Every step takes the `version` the client read, so a retried step
on a proposal already moved on is a 409, never a second step."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit
from gonghui.api.democracy.router import READ, WRITE, PathId, list_scope, view_scope
from gonghui.api.democracy.schemas import (
    ConvertIn,
    ProposalAnswerIn,
    ProposalAssignIn,
    ProposalFilters,
    ProposalIn,
    ProposalListOut,
    ProposalOut,
    RateIn,
    StepIn,
)
from gonghui.core.audit import actor_shown
from gonghui.core.errors import NotFound
from gonghui.democracy import selectors, services
from gonghui.democracy.choices import ProposalAction
from gonghui.democracy.models import Delegate, Proposal
from gonghui.democracy.standing import may_act
from gonghui.democracy.workflow import allowed_actions

router = Router(tags=["democracy"])
DONE: dict[Any, Any] = {200: ProposalOut, **WRITE}


def proposal_list_out(p: Proposal) -> dict[str, Any]:
    return {"id": p.pk, "number": p.number, "title": p.title, "congress_id": p.congress_id,
            "employer": {"id": p.congress.employer_id, "name": p.congress.employer.name},
            "submitter": {"id": p.submitter_id, "name": p.submitter.name}, "status": p.status,
            "status_label": str(p.get_status_display()), "department": p.department, "due_at": p.due_at,
            "rating": p.rating, "version": p.version}


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    p = selectors.proposal_get(scope=view_scope(request), pk=pk)
    return {**proposal_list_out(p), "content": p.content, "committee_note": p.committee_note, "answer": p.answer,
            "rating_note": p.rating_note, "submitted_at": p.submitted_at, "answered_at": p.answered_at,
            "published_at": p.published_at,
            "actions": allowed_actions(p.status) if may_act(request.user, p.org_path) else [],
            "cosigners": [{"id": c.delegate_id, "name": c.delegate.name}
                          for c in p.cosigns.select_related("delegate").order_by("pk")],
            "events": [{"action": e.action, "old_status": e.old_status, "new_status": e.new_status,
                        "actor": actor_shown(e.actor_label), "note": e.note, "at": e.at}
                       for e in selectors.proposal_events(proposal=p)]}


def _delegate(request: HttpRequest, pk: int, field: str) -> Delegate:
    try:
        return selectors.delegate_get(scope=view_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


@router.get("/democracy/proposals", response={200: list[ProposalListOut], **READ},
            summary="职代会提案：可按状态筛选、按编号/案由/承办部门查找，overdue=true 为答复已超期的")
@paginate(Pagination)
def proposal_list(request: HttpRequest, filters: Query[ProposalFilters]) -> Any:
    rows = selectors.proposal_list(scope=list_scope(request), status=filters.status or "", query=filters.q,
                                   overdue=filters.overdue)
    return [proposal_list_out(p) for p in rows]


@router.post("/democracy/congresses/{congress_id}/proposals", response={201: ProposalOut, **WRITE},
             summary="提交提案：提案人和附议人须为本单位职工代表，附议人数不少于规定人数（提案人本人不计）")
def proposal_create(request: HttpRequest, congress_id: PathId, payload: ProposalIn,
                    idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    congress = selectors.congress_get(scope=view_scope(request), pk=congress_id)
    submitter = _delegate(request, payload.submitter_id, "submitter_id")
    cosigners = [_delegate(request, pk, "cosigner_ids") for pk in dict.fromkeys(payload.cosigner_ids)]
    session = None
    if payload.session_id is not None:
        try:
            session = selectors.session_get(scope=view_scope(request), pk=payload.session_id)
        except NotFound:
            raise NotFound(field="session_id") from None

    def create() -> Proposal:
        with fields_renamed({"submitter": "submitter_id", "cosigners": "cosigner_ids", "session": "session_id"}):
            return services.proposal_submit(actor=request.user, congress=congress, submitter=submitter,
                                            title=payload.title, content=payload.content, cosigners=cosigners,
                                            session=session)

    return Status(201, _detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/democracy/proposals/{proposal_id}", response={200: ProposalOut, **READ},
            summary="提案详情：附议人、审查意见、承办和答复、提案人评价、办理过程和当前可做的步骤")
def proposal_get(request: HttpRequest, proposal_id: PathId) -> dict[str, Any]:
    return _detail(request, proposal_id)


def _step(request: HttpRequest, proposal_id: int, action: str, version: int | None, **kwargs: Any
          ) -> dict[str, Any]:
    p = selectors.proposal_get(scope=view_scope(request), pk=proposal_id)
    with fields_renamed({"rating_note": "note"}):
        services.proposal_transition(actor=request.user, proposal=p, action=action, version=version, **kwargs)
    return _detail(request, proposal_id)



@router.post("/democracy/proposals/{proposal_id}/accept", response=DONE, summary="提案审查：立案（可附审查意见）")
def proposal_accept(request: HttpRequest, proposal_id: PathId, payload: StepIn) -> dict[str, Any]:
    return _step(request, proposal_id, ProposalAction.ACCEPT, payload.version, note=payload.note)


@router.post("/democracy/proposals/{proposal_id}/convert", response=DONE,
             summary="提案审查：不予立案，转为意见建议（须说明理由）")
def proposal_convert(request: HttpRequest, proposal_id: PathId, payload: ConvertIn) -> dict[str, Any]:
    with fields_renamed({"reason": "reason"}):
        return _step(request, proposal_id, ProposalAction.CONVERT, payload.version, note=payload.reason)


@router.post("/democracy/proposals/{proposal_id}/assign", response=DONE,
             summary="交办承办部门：答复期限按工作日计算（天数为规则，工作日按所在地日历）")
def proposal_assign(request: HttpRequest, proposal_id: PathId, payload: ProposalAssignIn) -> dict[str, Any]:
    return _step(request, proposal_id, ProposalAction.ASSIGN, payload.version, department=payload.department)


@router.post("/democracy/proposals/{proposal_id}/answer", response=DONE, summary="承办部门答复")
def proposal_answer(request: HttpRequest, proposal_id: PathId, payload: ProposalAnswerIn) -> dict[str, Any]:
    return _step(request, proposal_id, ProposalAction.ANSWER, payload.version, answer=payload.answer)


@router.post("/democracy/proposals/{proposal_id}/rate", response=DONE,
             summary="代为登记提案人评价（仅限未关联会员的代表；已关联会员的由本人在职工服务平台评价）")
def proposal_rate(request: HttpRequest, proposal_id: PathId, payload: RateIn) -> dict[str, Any]:
    return _step(request, proposal_id, ProposalAction.RATE, payload.version, rating=payload.rating,
                 note=payload.note)


@router.post("/democracy/proposals/{proposal_id}/publish", response=DONE, summary="向本单位职工公布办理结果")
def proposal_publish(request: HttpRequest, proposal_id: PathId, payload: StepIn) -> dict[str, Any]:
    return _step(request, proposal_id, ProposalAction.PUBLISH, payload.version, note=payload.note)

"""五小 and 合理化建议 over the API: a cadre enters a worker's suggestion, reviews it (采纳, 不予采纳 with the
reason, 实施), records the benefit in 万元 with who assessed it, the rewards and the patents.
Each step takes the `version` read, so a retried step on a suggestion already moved on is a 409."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit, yuan
from gonghui.api.skills.common import (
    READ,
    WRITE,
    PathId,
    events_out,
    list_scope,
    load_employer,
    load_member,
    view_scope,
)
from gonghui.api.skills.innovation_schemas import (
    SuggestionBenefitIn,
    SuggestionDetailOut,
    SuggestionFilters,
    SuggestionIn,
    SuggestionOut,
    SuggestionPatentFilters,
    SuggestionPatentIn,
    SuggestionPatentOut,
    SuggestionRejectIn,
    SuggestionRewardIn,
    SuggestionRewardOut,
    SuggestionStepIn,
)
from gonghui.core.errors import NotFound
from gonghui.skills import studio_selectors
from gonghui.skills import suggestion_selectors as selectors
from gonghui.skills.innovation_choices import SuggestionAction
from gonghui.skills.models import Patent, Suggestion
from gonghui.skills.services import suggestions as services

router = Router(tags=["skills"])
DONE: dict[Any, Any] = {200: SuggestionDetailOut, **WRITE}


def _money(amount: Any) -> Any:
    return yuan(amount) if amount is not None else None


def suggestion_out(s: Suggestion) -> dict[str, Any]:
    return {"id": s.pk, "kind": s.kind, "kind_label": str(s.get_kind_display()), "title": s.title,
            "employer": {"id": s.employer_id, "name": s.employer.name}, "proposer_name": s.proposer_name,
            "proposer_id": s.proposer_id, "department": s.department, "channel": s.channel, "status": s.status,
            "status_label": str(s.get_status_display()), "submitted_on": s.submitted_on, "benefit": s.benefit,
            "reward_total": _money(getattr(s, "reward_total", None)), "patent_count": getattr(s, "patent_count", 0),
            "version": s.version}


def patent_out(p: Patent) -> dict[str, Any]:
    return {"id": p.pk, "number": p.number, "kind": p.kind, "title": p.title, "granted_on": p.granted_on,
            "suggestion_id": p.suggestion_id, "studio_id": p.studio_id}


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    s = selectors.suggestion_list(scope=view_scope(request)).filter(pk=pk).first()
    if s is None:
        raise NotFound()
    rewards = list(selectors.suggestion_rewards(suggestion=s))
    return {**suggestion_out(s), **{f: getattr(s, f) for f in (
        "content", "co_proposers", "decided_on", "review_note", "implemented_on", "implementation_note",
        "benefit_assessor", "benefit_assessed_on", "benefit_basis")},
        "rewards": [{"id": r.pk, "amount": r.amount, "paid_on": r.paid_on, "note": r.note} for r in rewards],
        "patents": [patent_out(p) for p in selectors.suggestion_patents(suggestion=s)],
        "events": events_out(selectors.suggestion_events(suggestion=s))}


@router.get("/skills/suggestions", response={200: list[SuggestionOut], **READ},
            summary="五小和合理化建议：可按状态、类别、单位、提出日期筛选，按名称、提出人、单位查找")
@paginate(Pagination)
def suggestion_list(request: HttpRequest, filters: Query[SuggestionFilters]) -> Any:
    scope = list_scope(request)
    employer = load_employer(request, filters.employer_id) if filters.employer_id is not None else None
    rows = selectors.suggestion_list(scope=scope, status=filters.status or "", kind=filters.kind or "",
                                     employer=employer, query=filters.q, submitted_from=filters.submitted_from,
                                     submitted_to=filters.submitted_to)
    return [suggestion_out(s) for s in rows]


@router.post("/skills/suggestions", response={201: SuggestionDetailOut, **WRITE},
             summary="工会代为录入一条建议（纸质、意见箱、合理化建议月）；提出人为本单位会员时可关联")
def suggestion_create(request: HttpRequest, payload: SuggestionIn,
                      idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    employer = load_employer(request, payload.employer_id)
    proposer = load_member(request, payload.proposer_id, "proposer_id")

    def create() -> Suggestion:
        with fields_renamed({"employer": "employer_id", "proposer": "proposer_id"}):
            return services.suggestion_enter(actor=request.user, employer=employer, kind=payload.kind,
                                             title=payload.title, content=payload.content,
                                             proposer_name=payload.proposer_name, proposer=proposer,
                                             co_proposers=payload.co_proposers, department=payload.department,
                                             submitted_on=payload.submitted_on)

    return Status(201, _detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/skills/suggestions/{suggestion_id}", response={200: SuggestionDetailOut, **READ},
            summary="一条建议：内容、评审、实施、创效核定、奖励、专利和办理过程")
def suggestion_get(request: HttpRequest, suggestion_id: PathId) -> dict[str, Any]:
    return _detail(request, suggestion_id)


def _step(request: HttpRequest, pk: int, action: str, payload: Any, note: str) -> dict[str, Any]:
    s = selectors.suggestion_get(scope=view_scope(request), pk=pk)
    services.suggestion_transition(actor=request.user, suggestion=s, action=action, on=payload.on, note=note,
                                   version=payload.version)
    return _detail(request, pk)


@router.post("/skills/suggestions/{suggestion_id}/adopt", response=DONE, summary="评审：采纳（可附评审意见）")
def suggestion_adopt(request: HttpRequest, suggestion_id: PathId, payload: SuggestionStepIn) -> dict[str, Any]:
    return _step(request, suggestion_id, SuggestionAction.ADOPT, payload, payload.note)


@router.post("/skills/suggestions/{suggestion_id}/reject", response=DONE, summary="评审：不予采纳（须说明理由）")
def suggestion_reject(request: HttpRequest, suggestion_id: PathId, payload: SuggestionRejectIn) -> dict[str, Any]:
    return _step(request, suggestion_id, SuggestionAction.REJECT, payload, payload.reason)


@router.post("/skills/suggestions/{suggestion_id}/implement", response=DONE,
             summary="已采纳的建议付诸实施（可附实施情况）")
def suggestion_implement(request: HttpRequest, suggestion_id: PathId, payload: SuggestionStepIn) -> dict[str, Any]:
    with fields_renamed({"implementation_note": "note"}):
        return _step(request, suggestion_id, SuggestionAction.IMPLEMENT, payload, payload.note)


@router.post("/skills/suggestions/{suggestion_id}/benefit", response=DONE,
             summary="核定创效（万元）及核定人、核定日期（实施后；再次核定替换原数字，过程中保留原值）")
def suggestion_benefit(request: HttpRequest, suggestion_id: PathId, payload: SuggestionBenefitIn) -> dict[str, Any]:
    s = selectors.suggestion_get(scope=view_scope(request), pk=suggestion_id)
    services.suggestion_assess_benefit(actor=request.user, suggestion=s, benefit=payload.benefit,
                                       assessor=payload.assessor, assessed_on=payload.assessed_on,
                                       basis=payload.basis, version=payload.version)
    return _detail(request, suggestion_id)


@router.post("/skills/suggestions/{suggestion_id}/rewards", response={201: SuggestionRewardOut, **WRITE},
             summary="登记奖励（元；采纳后）")
def suggestion_reward(request: HttpRequest, suggestion_id: PathId, payload: SuggestionRewardIn,
                      idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    s = selectors.suggestion_get(scope=view_scope(request), pk=suggestion_id)
    pk = create_once_for(request, idempotency_key, payload, lambda: services.suggestion_reward(
        actor=request.user, suggestion=s, amount=payload.amount, paid_on=payload.paid_on, note=payload.note))
    r = selectors.suggestion_rewards(suggestion=s).get(pk=pk)
    return Status(201, {"id": r.pk, "amount": r.amount, "paid_on": r.paid_on, "note": r.note})


@router.get("/skills/patents", response={200: list[SuggestionPatentOut], **READ},
            summary="建议和创新工作室取得的专利，可按类型筛选，按专利号或名称查找")
@paginate(Pagination)
def patent_list(request: HttpRequest, filters: Query[SuggestionPatentFilters]) -> Any:
    rows = selectors.patent_list(scope=list_scope(request), kind=filters.kind or "", query=filters.q)
    return [patent_out(p) for p in rows]


@router.post("/skills/patents", response={201: SuggestionPatentOut, **WRITE},
             summary="登记专利（属于一条建议或一个创新工作室；同一专利号只登记一次）")
def patent_create(request: HttpRequest, payload: SuggestionPatentIn,
                  idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    scope = view_scope(request)
    suggestion = studio = None
    try:
        if payload.suggestion_id is not None:
            suggestion = selectors.suggestion_get(scope=scope, pk=payload.suggestion_id)
    except NotFound:
        raise NotFound(field="suggestion_id") from None
    try:
        if payload.studio_id is not None:
            studio = studio_selectors.studio_get(scope=scope, pk=payload.studio_id)
    except NotFound:
        raise NotFound(field="studio_id") from None

    def create() -> Patent:
        with fields_renamed({"suggestion": "suggestion_id", "patent_kind": "kind"}):
            return services.patent_register(actor=request.user, number=payload.number, kind=payload.kind,
                                            title=payload.title, granted_on=payload.granted_on,
                                            suggestion=suggestion, studio=studio)

    pk = create_once_for(request, idempotency_key, payload, create)
    return Status(201, patent_out(selectors.patent_list(scope=scope).get(pk=pk)))

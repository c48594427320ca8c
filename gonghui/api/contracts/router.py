"""集体合同: the list with the console's filters and tabs, one contract with the steps the caller may
take now, recording an offer, the coverage and key terms of a contract, the codebook, the figures
and the two work lists (unionised employers with no wage contract; contracts lapsing this quarter).

Contracts load through contract.view, so one out of scope is a 404 like a missing one; the services
then refuse with 403 whoever sees a contract but may not act on it, and with 409 a lost race.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut, Omit
from gonghui.api.contracts.schemas import (
    CodebookOut,
    ContractEmployerOut,
    ContractFiguresFilters,
    ContractFiguresOut,
    ContractFilters,
    ContractListOut,
    ContractOut,
    CoverageOut,
    OfferIn,
    OfferOut,
    TermsOut,
    UnionFilter,
)
from gonghui.contracts import figures as contract_figures
from gonghui.contracts import selectors
from gonghui.contracts.models import CollectiveContract, ContractKind, KeyTerm
from gonghui.contracts.services import contract_offer
from gonghui.core.audit import actor_shown
from gonghui.core.errors import NotFound, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import employer_get, union_get

router = Router(tags=["contracts"])

ContractId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
DONE: dict[Any, Any] = {200: ContractOut, **WRITE}
# Service field names → the keys a client sends.
RENAMED = {"union": "union_id", "kind": "kind_id", "employer": "employer_id"}


def scope_of(request: HttpRequest, permission: str = Perm.CONTRACT_VIEW) -> Scope:
    return scope_for(request.user, permission)


def load(request: HttpRequest, contract_id: int) -> CollectiveContract:
    return selectors.contract_get(scope=scope_of(request), pk=contract_id)


def _union(request: HttpRequest, pk: int | None, field: str) -> TradeUnion:
    scope = scope_of(request)
    try:
        union = selectors.figures_union(scope=scope, pk=pk)
    except NotFound:
        raise NotFound(field=field) from None
    if union is None:
        raise NotFound(field=field)
    return union


def _kind(pk: int) -> ContractKind:
    kind = selectors.kinds(active_only=False).filter(pk=pk).first()
    if kind is None:
        raise NotFound(field="kind_id")
    return kind


def term_out(term: KeyTerm) -> dict[str, Any]:
    v = term.variable
    return {"code": v.code, "topic": v.topic.name, "name": v.name, "unit": v.unit, "plain_words": v.plain_words,
            "number": term.number, "flag": term.flag, "text": term.text}


def contract_out(request: HttpRequest, contract: CollectiveContract) -> dict[str, Any]:
    scope = scope_of(request)
    contract = selectors.contract_get(scope=scope, pk=contract.pk)
    parts = selectors.contract_parts(scope=scope, contract=contract)
    today = timezone.localdate()
    return {
        **ContractListOut.of(contract, today), "offered_by": contract.offered_by, "offer_text": contract.offer_text,
        "text": contract.text, "objection": contract.objection, "end_reason": contract.end_reason,
        "employers_covered": len(parts.coverage),
        "actions": selectors.contract_actions(actor=request.user, contract=contract,
                                              has_terms=bool(parts.terms), today=today),
        "negotiators": parts.negotiators, "terms": [term_out(t) for t in parts.terms], "meetings": parts.meetings,
        "votes": parts.votes, "checks": parts.checks, "attachments": parts.attachments,
        "events": [{"action": e.action, "old_status": e.old_status, "new_status": e.new_status,
                    "actor": actor_shown(e.actor_label), "note": e.note, "at": e.at} for e in parts.events],
        "renewal_ids": [r.pk for r in parts.renewals],
        "cases": [{"case_id": link.case.pk, "number": link.case.number, "status": link.case.status,
                   "status_label": str(link.case.get_status_display()),
                   "employer": {"id": link.employer.pk, "name": link.employer.name},
                   "term": link.term.name if link.term else "", "at": link.created_at} for link in parts.cases],
    }


@router.get("/contracts", response={200: list[ContractListOut], **READ}, summary=(
    "集体合同列表：show 为 all 全部、open 协商中、in_force 生效中、expiring 90天内到期、overdue_answer 要约逾期未回应、"
    "to_file 待报送、late_filing 逾期报送、in_review 审查中；可按工会（含下级）、种类、覆盖范围、状态筛选，按名称查找"))
@paginate(Pagination)
def contract_list(request: HttpRequest, filters: Query[ContractFilters]) -> Any:
    scope = scope_of(request)
    union = None
    if filters.union is not None:
        try:
            union = union_get(scope=scope, pk=filters.union)
        except NotFound:
            raise NotFound(field="union") from None
    kind = _kind(filters.kind) if filters.kind is not None else None
    today = timezone.localdate()
    qs = selectors.contract_list(scope=scope, union=union, kind=kind, reach=filters.reach or "",
                                 status=filters.status or "", show=filters.show, query=filters.q or "", today=today)
    return [ContractListOut.of(c, today) for c in qs]


@router.post("/contracts", response={201: OfferOut, **WRITE}, summary=(
    "记录要约：一方书面提出协商要求，另一方应在20日内书面回应；同一双方同一种类正在协商的其他合同一并返回（仅提示）"))
def contract_create(request: HttpRequest, payload: OfferIn,
                    idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[dict[str, Any]]:
    manage = scope_of(request, Perm.CONTRACT_MANAGE)
    try:
        union = union_get(scope=scope_of(request), pk=payload.union_id)
    except NotFound:
        raise NotFound(field="union_id") from None
    employer = None
    if payload.employer_id is not None:
        try:
            employer = employer_get(scope=manage, pk=payload.employer_id)
        except NotFound:
            raise NotFound(field="employer_id") from None

    def create() -> CollectiveContract:
        with fields_renamed(RENAMED):
            return contract_offer(actor=request.user, union=union, kind=_kind(payload.kind_id), reach=payload.reach,
                                  offered_by=payload.offered_by, received_on=payload.received_on, employer=employer,
                                  employer_side=payload.employer_side, title=payload.title,
                                  offer_text=payload.offer_text)

    pk = create_once_for(request, idempotency_key, payload, create)
    scope = scope_of(request)
    contract = selectors.contract_get(scope=scope, pk=pk)
    return Status(201, {
        "contract": ContractListOut.of(selectors.contract_get(scope=scope, pk=contract.pk), timezone.localdate()),
        "same_parties_negotiating": [c.pk for c in
                                     selectors.same_parties_negotiating(scope=scope, contract=contract)[:20]]})


@router.get("/contracts/codebook", response={200: CodebookOut, **READ},
            summary="合同种类和主要条款编码表（起草时 terms 的代码）")
def contract_codebook(request: HttpRequest) -> dict[str, Any]:
    return {"kinds": list(selectors.kinds()), "topics": [
        {"code": t.code, "name": t.name, "variables": list(t.variables.all())} for t in selectors.codebook()]}


@router.get("/contracts/figures", response={200: ContractFiguresOut, **READ}, summary=(
    "集体合同统计：期间内签订、报送（备案率）、逾期报送，按种类和覆盖范围；生效合同、覆盖单位和职工（每个单位只计一次）、"
    "建会单位建制率、工资专项平均增幅、90天内到期"))
def contract_figures_get(request: HttpRequest, filters: Query[ContractFiguresFilters]) -> dict[str, Any]:
    if filters.end < filters.start:
        raise ValidationFailed(field="end", code="range")
    union = _union(request, filters.union, "union")
    f = contract_figures.contract_figures(scope=scope_of(request), union=union, start=filters.start, end=filters.end)
    return {**f.__dict__, "union": {"id": union.pk, "name": union.name}, "filing_rate": f.filing_rate,
            "coverage_rate": f.coverage_rate, "by_reach": {str(k): v for k, v in f.by_reach.items()}}


@router.get("/contracts/work-lists/no-wage-contract", response={200: list[ContractEmployerOut], **READ},
            summary="工作清单：已建会但没有生效工资专项集体合同（本单位或区域性、行业性）的用人单位")
@paginate(Pagination)
def contract_no_wage_list(request: HttpRequest, filters: Query[UnionFilter]) -> Any:
    union = _union(request, filters.union, "union")
    return [{"id": e.pk, "name": e.name, "credit_code": e.credit_code, "employee_count": e.employee_count,
             "union": {"id": e.union.pk, "name": e.union.name} if e.union else None}
            for e in contract_figures.without_wage_contract(scope=scope_of(request), union=union)]


@router.get("/contracts/work-lists/lapsing", response={200: list[ContractListOut], **READ},
            summary="工作清单：本季度内期满的生效合同，按期满日期排列")
@paginate(Pagination)
def contract_lapsing_list(request: HttpRequest, filters: Query[UnionFilter]) -> Any:
    union = _union(request, filters.union, "union")
    today = timezone.localdate()
    return [ContractListOut.of(c, today)
            for c in contract_figures.lapsing_this_quarter(scope=scope_of(request), union=union, today=today)]


@router.get("/contracts/{contract_id}", response={200: ContractOut, **READ},
            summary="一份集体合同：各阶段日期和期限、协商代表、主要条款、会议、审议、履约检查、过程记录、"
                    "职工反映形成的案件，以及调用者现在可以办理的步骤")
def contract_get_one(request: HttpRequest, contract_id: ContractId) -> dict[str, Any]:
    return contract_out(request, load(request, contract_id))


@router.get("/contracts/{contract_id}/coverage", response={200: list[CoverageOut], **READ},
            summary="合同覆盖的用人单位和覆盖职工人数")
@paginate(Pagination)
def contract_coverage(request: HttpRequest, contract_id: ContractId) -> Any:
    scope = scope_of(request)
    parts = selectors.contract_parts(scope=scope, contract=load(request, contract_id))
    return [{"employer": {"id": c.employer.pk, "name": c.employer.name}, "credit_code": c.employer.credit_code,
             "workers_covered": c.workers_covered, "own": c.own, "in_force": c.in_force} for c in parts.coverage]


@router.get("/contracts/{contract_id}/terms", response={200: TermsOut, **READ},
            summary="主要条款（按编码表），以及约定的企业最低工资与当地最低工资标准的比较")
def contract_terms(request: HttpRequest, contract_id: ContractId) -> dict[str, Any]:
    scope = scope_of(request)
    contract = load(request, contract_id)
    parts = selectors.contract_parts(scope=scope, contract=contract)
    wage = selectors.lowest_wage_check(scope=scope, contract=contract)
    return {"terms": [term_out(t) for t in parts.terms], "wage_check": {
        "lowest_paid": wage.lowest_paid, "minimum_monthly": wage.minimum.monthly if wage.minimum else None,
        "minimum_source": wage.minimum.source if wage.minimum else "", "below_minimum": wage.below}}

"""职工互助保障: plans (create, edit while a draft, open, close), enrolment from the registry or from
an uploaded list (a preview first, then the commit), 退保, and the figures of a subtree for a year.
Claims are in mutualaid_claims.py.

A plan is seen by the unions it covers and those above; enrolments and claims by the member's
union and those above. The services refuse with 403 a cadre who sees but may not act, with 409 a
stale `version` or an enrolment that raced another.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Form, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, Day, ErrorOut, Omit, VersionedStepIn, label, yuan
from gonghui.api.mutualaid.schemas import (
    CancelIn,
    EnrolIn,
    EnrolmentFilters,
    EnrolmentOut,
    EnrolmentResultOut,
    ImportReportOut,
    MutualAidFiguresFilters,
    MutualAidFiguresOut,
    PlanDetailOut,
    PlanFilters,
    PlanIn,
    PlanOut,
    PlanUpdateIn,
)
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.mutualaid import services
from gonghui.mutualaid.choices import PlanKind, PlanStatus
from gonghui.mutualaid.models import MutualAidEnrolment, MutualAidPlan
from gonghui.mutualaid.selectors import (
    enrolment_get,
    enrolment_list,
    mutual_aid_figures,
    mutual_aid_figures_by_plan,
    plan_get,
    plan_list,
)
from gonghui.mutualaid.workflow import PLAN_TRANSITIONS
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import tree_roots, union_get

router = Router(tags=["mutual-aid"])

ObjectId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
PLAN_STEPS = {"open": "open", "closed": "close"}


def mutual_aid_scope(request: HttpRequest) -> Scope:
    """Where the caller runs mutual aid; nowhere at all is a refusal, not an empty list."""
    scope = scope_for(request.user, Perm.MUTUAL_AID_MANAGE)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def load_union(request: HttpRequest, pk: int, field: str) -> TradeUnion:
    try:
        return union_get(scope=mutual_aid_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def load_plan(request: HttpRequest, pk: int, field: str | None = None) -> MutualAidPlan:
    try:
        return plan_get(scope=mutual_aid_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def load_enrolment(request: HttpRequest, pk: int, field: str | None = None) -> MutualAidEnrolment:
    try:
        return enrolment_get(scope=mutual_aid_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def plan_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    plan = load_plan(request, pk)
    manages = scope_for(request.user, Perm.MUTUAL_AID_MANAGE).covers(plan.org_path)
    actions = [PLAN_STEPS[s] for s in sorted(PLAN_TRANSITIONS[plan.status])] if manages else []
    fields = ("id", "name", "kind", "year", "starts_on", "ends_on", "premium", "per_claim_limit", "yearly_limit",
              "waiting_days", "status", "version")
    return {**{f: getattr(plan, f) for f in fields}, "kind_label": label(PlanKind, plan.kind),
            "status_label": label(PlanStatus, plan.status), "union": {"id": plan.union.pk, "name": plan.union.name},
            "actions": actions}


@router.get("/mutual-aid/plans", response={200: list[PlanOut], **READ},
            summary="互助保障计划：本级及下级工会承办的，以及覆盖本单位会员的上级工会计划")
@paginate(Pagination)
def plan_index(request: HttpRequest, filters: Query[PlanFilters]) -> Any:
    return plan_list(scope=mutual_aid_scope(request), year=filters.year, status=filters.status or "")


@router.post("/mutual-aid/plans", response={201: PlanDetailOut, **WRITE},
             summary="新建互助保障计划（筹备中）：保障类别、年度、保障期、互助金、单次和年度给付限额、等待期")
def plan_create(request: HttpRequest, payload: PlanIn) -> Status[dict[str, Any]]:
    union = load_union(request, payload.union_id, "union_id")
    with fields_renamed({"union": "union_id"}):
        plan = services.plan_create(actor=request.user, union=union, data=payload.dict(exclude={"union_id"}))
    return Status(201, plan_detail(request, plan.pk))


@router.get("/mutual-aid/plans/{plan_id}", response={200: PlanDetailOut, **READ}, summary="互助保障计划详情")
def plan_get_one(request: HttpRequest, plan_id: ObjectId) -> dict[str, Any]:
    return plan_detail(request, plan_id)


@router.patch("/mutual-aid/plans/{plan_id}", response={200: PlanDetailOut, **WRITE},
              summary="修改计划（只改提交的字段）：名称随时可改，保障规则只能在筹备中修改")
def plan_update(request: HttpRequest, plan_id: ObjectId, payload: PlanUpdateIn) -> dict[str, Any]:
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    services.plan_update(actor=request.user, plan=load_plan(request, plan_id), data=data, version=version)
    return plan_detail(request, plan_id)


@router.post("/mutual-aid/plans/{plan_id}/open", response={200: PlanDetailOut, **WRITE},
             summary="开始参保：此后保障规则不再修改")
def plan_open(request: HttpRequest, plan_id: ObjectId, payload: VersionedStepIn) -> dict[str, Any]:
    services.plan_open(actor=request.user, plan=load_plan(request, plan_id), version=payload.version)
    return plan_detail(request, plan_id)


@router.post("/mutual-aid/plans/{plan_id}/close", response={200: PlanDetailOut, **WRITE},
             summary="结束计划：不再参保；保障期内发生的给付申请仍可办理")
def plan_close(request: HttpRequest, plan_id: ObjectId, payload: VersionedStepIn) -> dict[str, Any]:
    services.plan_close(actor=request.user, plan=load_plan(request, plan_id), version=payload.version)
    return plan_detail(request, plan_id)


@router.get("/mutual-aid/plans/{plan_id}/enrolments", response={200: list[EnrolmentOut], **READ},
            summary="计划的参保会员（限您的查看范围，证件号码为遮蔽形式）")
@paginate(Pagination)
def enrolment_index(request: HttpRequest, plan_id: ObjectId, filters: Query[EnrolmentFilters]) -> Any:
    plan = load_plan(request, plan_id)
    union = load_union(request, filters.union, "union") if filters.union else None
    return enrolment_list(scope=mutual_aid_scope(request), plan=plan, union=union)


@router.post("/mutual-aid/plans/{plan_id}/enrolments", response={200: EnrolmentResultOut, **WRITE},
             summary="从会员库参保：一个工会（默认含下级工会）的全部在册会员，或选定的会员；已参保的自动跳过")
def enrol(request: HttpRequest, plan_id: ObjectId, payload: EnrolIn) -> Any:
    plan = load_plan(request, plan_id)
    union = load_union(request, payload.union_id, "union_id") if payload.union_id else None
    with fields_renamed({"union": "union_id", "members": "member_ids"}):
        return services.enrolment_bulk_create(actor=request.user, plan=plan, union=union,
                                              include_branch=payload.include_branch, members=payload.member_ids,
                                              enrolled_on=payload.enrolled_on, paid_on=payload.paid_on)


@router.post("/mutual-aid/plans/{plan_id}/enrolments/import", response={200: ImportReportOut, **WRITE},
             summary="导入参保名单（.xlsx/.xls/.ods/.csv，按证件号码）：commit=false 只检查并逐行报告，"
                     "commit=true 将全部无误的行一次参保")
def enrol_import(request: HttpRequest, plan_id: ObjectId, file: File[UploadedFile], commit: Form[bool] = False,
                 enrolled_on: Form[Day | Omit] = None, paid_on: Form[Day | Omit] = None) -> dict[str, Any]:
    plan = load_plan(request, plan_id)
    report = services.enrolment_import(actor=request.user, plan=plan, file=file, filename=file.name or "",
                                       commit=commit, enrolled_on=enrolled_on, paid_on=paid_on)
    return {"rows": report.rows, "valid": report.valid, "already": report.already,
            "issue_count": report.issue_count, "issues": [i.as_dict() for i in report.issues],
            "committed": report.committed, "result": report.result}


@router.post("/mutual-aid/enrolments/{enrolment_id}/cancel", response={200: EnrolmentOut, **WRITE},
             summary="退保（须填原因）：会员有未办结或已给付的申请时不能退保")
def enrolment_cancel(request: HttpRequest, enrolment_id: ObjectId, payload: CancelIn) -> MutualAidEnrolment:
    enrolment = load_enrolment(request, enrolment_id)
    services.enrolment_cancel(actor=request.user, enrolment=enrolment, reason=payload.reason)
    return load_enrolment(request, enrolment_id)


@router.get("/mutual-aid/figures", response={200: MutualAidFiguresOut, **READ},
            summary="互助保障统计：一个保障年度内参保人数、互助金、按状态的申请件数、给付例数和金额，另按计划列出")
def figures(request: HttpRequest, filters: Query[MutualAidFiguresFilters]) -> dict[str, Any]:
    scope = mutual_aid_scope(request)
    union = load_union(request, filters.union, "union") if filters.union else tree_roots(scope=scope).first()
    if union is None:
        raise NotFound(field="union")
    plan = load_plan(request, filters.plan, "plan") if filters.plan else None
    total = mutual_aid_figures(scope=scope, union=union, year=filters.year, plan=plan)

    def out(f: Any) -> dict[str, Any]:
        return {**f.__dict__, "premiums": yuan(f.premiums), "paid_amount": yuan(f.paid_amount),
                "claim_total": f.claim_total, "average_payout": f.average_payout}

    by_plan = mutual_aid_figures_by_plan(scope=scope, union=union, year=filters.year)
    return {**out(total), "union": {"id": union.pk, "name": union.name}, "year": filters.year,
            "by_plan": [{**out(f), "plan_id": pk} for pk, f in sorted(by_plan.items())
                        if plan is None or pk == plan.pk]}

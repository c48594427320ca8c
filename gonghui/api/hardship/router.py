"""困难职工档案: the list, one file with its whole record, the survey that opens a file, the household,
causes, consent and documents, and showing a sensitive value in full (access-logged).

Files load through the registry's scoped selector, so another union's file is a 404 like a missing
one; the services then refuse with 403 a cadre who sees a file but may not act on it, and with 409
a stale `version` or a lost race. Each step of the workflow is in hardship_actions.py; rules,
assessment, re-checks due and figures in hardship_rules.py.
"""

from typing import Annotated, Any

from django.http import HttpRequest, HttpResponse
from ninja import File, Form, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut, Omit, Version, label
from gonghui.api.hardship.schemas import (
    CausesIn,
    ConsentRecordIn,
    DocumentOut,
    FileFilters,
    FileListOut,
    FileOut,
    HardshipRevealIn,
    HardshipRevealOut,
    HouseholdSetIn,
    SurveyIn,
    bilingual,
)
from gonghui.assistance import services
from gonghui.assistance.choices import Action, DocumentKind, HardshipClass, RecheckResult, Relation
from gonghui.assistance.choices import Status as FileStatus
from gonghui.assistance.models import HardshipDocument, HardshipFile
from gonghui.assistance.selectors import hardship_get, hardship_history, hardship_list, household_member_get
from gonghui.assistance.services.transition import approval_path
from gonghui.assistance.workflow import RULES, Level, allowed_actions
from gonghui.core.audit import actor_shown
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.members.selectors import member_get
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import union_get

router = Router(tags=["hardship"])

FileId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
DONE: dict[Any, Any] = {200: FileOut, **WRITE}
# The services name the worker's and the consent's fields by their model attributes.
RENAMED = {"union": "union_id", "member": "member_id", "worker_name": "worker.name",
           "worker_id_number": "worker.id_number", "worker_phone": "worker.phone", "id_type": "worker.id_type",
           "employer_name": "worker.employer_name", "address": "worker.address", "consent_signer": "consent.signer",
           "consent_text_version": "consent.text_version", "consent_at": "consent.at"}
# The list's own fields, copied as they are into a file's detail.
LIST_FIELDS = ("id", "number", "status", "worker_name", "worker_id_masked", "worker_phone_masked", "hardship_class",
               "suggested_class", "household_size", "income_per_head", "next_recheck_on", "recheck_overdue",
               "is_relapse", "surveyed_at", "filed_at", "version")
CONSENT_RENAMED = {"consent_signer": "signer", "consent_text_version": "text_version", "consent_at": "at"}


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.HARDSHIP_VIEW)


def list_scope(request: HttpRequest) -> Scope:
    """A list for someone who holds the permission nowhere is a refusal, not an empty page."""
    scope = view_scope(request)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def load_union(request: HttpRequest, pk: int, field: str) -> TradeUnion:
    try:
        return union_get(scope=view_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def load_file(request: HttpRequest, pk: int) -> HardshipFile:
    return hardship_get(scope=view_scope(request), pk=pk)


def actions_for(user: Any, file: HardshipFile) -> list[str]:
    """The steps the table allows in this status that the user's grants reach (approval at the county)."""
    out = []
    for action in allowed_actions(file.status):
        rule = RULES[action]
        county = rule.level == Level.COUNTY or (action == Action.REJECT and file.status == FileStatus.REVIEWED)
        path = approval_path(file.org_path) if county else file.org_path
        if scope_for(user, rule.permission).covers(path):
            out.append(action)
    return out


def document_out(d: HardshipDocument) -> dict[str, Any]:
    return {"id": d.pk, "kind": d.kind, "kind_label": label(DocumentKind, d.kind), "name": d.name,
            "content_type": d.content_type, "size": d.size, "sha256": d.sha256, "uploaded_by": d.uploaded_by_label,
            "at": d.at}


def file_out(request: HttpRequest, file: HardshipFile) -> dict[str, Any]:
    history = hardship_history(file=file)
    scope = view_scope(request)
    # Incomes are the household's sensitive data: shown to those who may reveal it over this union.
    incomes = scope_for(request.user, Perm.HARDSHIP_REVEAL).covers(file.org_path)

    def rule(r: Any) -> dict[str, Any] | None:
        return {"id": r.pk, "area_name": r.area_name, "version": r.version} if r is not None else None

    def chained(f: HardshipFile) -> dict[str, Any]:
        seen = scope.covers(f.org_path)
        return {"id": f.pk if seen else None, "number": f.number if seen else "", "status": f.status,
                "status_label": label(FileStatus, f.status), "surveyed_at": f.surveyed_at, "is_relapse": f.is_relapse,
                "union": {"id": f.union.pk, "name": f.union.name} if seen else None}

    return {
        **{f: getattr(file, f) for f in LIST_FIELDS}, "status_label": label(FileStatus, file.status),
        "hardship_class_label": label(HardshipClass, file.hardship_class),
        "union": {"id": file.union.pk, "name": file.union.name}, "causes": history.causes,
        "member_id": file.member_id, "employer_name": file.employer_name, "address": file.address,
        "adcode": file.adcode, "survey_note": file.survey_note,
        "household_income": file.household_income if incomes else None, "rigid_expenses": file.rigid_expenses,
        "suggested_class_label": label(HardshipClass, file.suggested_class),
        "suggested_rule": rule(file.suggested_rule), "rule": rule(file.rule),
        "assessment_reasons": [r if isinstance(r, dict) else bilingual(r) for r in file.assessment_reasons],
        "consent": {"signer": file.consent_signer, "text_version": file.consent_text_version,
                    "at": file.consent_at} if file.consent_at else None,
        **{f: getattr(file, f) for f in ("applied_at", "reviewed_at", "approved_at", "aided_at", "last_recheck_at",
                                         "exited_at", "exit_reason", "exit_note", "watch_until", "closed_at",
                                         "reject_reason", "previous_file_id")},
        "incomes_shown": incomes, "actions": actions_for(request.user, file),
        "household": [{"id": m.pk, "relation": m.relation, "relation_label": label(Relation, m.relation),
                       "name": m.name, "id_type": m.id_type, "id_masked": m.id_masked,
                       "annual_income": m.annual_income if incomes else None,
                       "has_health_notes": bool(m.health_notes)} for m in history.household],
        "events": [{"action": e.action, "action_label": label(Action, e.action), "old_status": e.old_status,
                    "new_status": e.new_status, "actor": actor_shown(e.actor_label), "note": e.note, "at": e.at}
                   for e in history.events],
        "documents": [document_out(d) for d in history.documents],
        "rechecks": [{"due_on": r.due_on, "done_at": r.done_at, "on_time": r.on_time, "result": r.result,
                      "result_label": label(RecheckResult, r.result), "income_per_head": r.income_per_head,
                      "suggested_class": r.suggested_class, "note": r.note, "actor": actor_shown(r.actor_label)}
                     for r in history.rechecks],
        "chain": [chained(f) for f in history.chain],
    }


def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return file_out(request, load_file(request, pk))


@router.get("/hardship/files", response={200: list[FileListOut], **READ},
            summary="困难职工档案列表：按状态、困难类别、致困原因、回头看到期、工会筛选，按姓名、档案编号、"
                    "完整证件号码或手机号查找（证件号码、手机号均为遮蔽形式）")
@paginate(Pagination)
def file_list(request: HttpRequest, filters: Query[FileFilters]) -> Any:
    scope = list_scope(request)
    union = load_union(request, filters.union, "union") if filters.union else None
    open_only = filters.status == "open"
    return hardship_list(scope=scope, status="" if open_only else filters.status or "",
                         hardship_class=filters.hardship_class or "", cause=filters.cause or "",
                         due_recheck=filters.due_recheck, union=union, query=filters.q or "", open_only=open_only)


@router.post("/hardship/files", response={201: FileOut, **WRITE},
             summary="摸底登记：职工（或会员库中的会员）、家庭成员和收入、致困原因；"
                     "此人已有在办档案时返回 already_filed")
def file_create(request: HttpRequest, payload: SurveyIn) -> Status[dict[str, Any]]:
    union = load_union(request, payload.union_id, "union_id")
    member = None
    if payload.member_id is not None:
        try:
            member = member_get(scope=scope_for(request.user, Perm.MEMBER_VIEW), pk=payload.member_id)
        except NotFound:
            raise NotFound(field="member_id") from None
    with fields_renamed(RENAMED):
        file = services.hardship_survey(
            actor=request.user, union=union, member=member, worker=payload.worker.dict(),
            household=[row.dict() for row in payload.household], causes=list(payload.causes),
            rigid_expenses=payload.rigid_expenses, adcode=payload.adcode, survey_note=payload.survey_note,
            consent=payload.consent.dict() if payload.consent is not None else None)
    return Status(201, detail(request, file.pk))


@router.get("/hardship/files/{file_id}", response={200: FileOut, **READ},
            summary="档案详情：家庭成员（遮蔽）、致困原因、测算依据、办理过程、证明材料、回头看记录、历次档案和可执行的操作")
def file_get(request: HttpRequest, file_id: FileId) -> dict[str, Any]:
    return detail(request, file_id)


@router.post("/hardship/files/{file_id}/household", response=DONE,
             summary="修改家庭成员、收入、刚性支出和致困原因；重新测算月人均收入和建议类别（已建档的困难类别不变，"
                     "由回头看调整）")
def household_set(request: HttpRequest, file_id: FileId, payload: HouseholdSetIn) -> dict[str, Any]:
    file = load_file(request, file_id)
    services.hardship_household_set(actor=request.user, file=file, household=[r.dict() for r in payload.household],
                                    causes=list(payload.causes), rigid_expenses=payload.rigid_expenses,
                                    adcode=payload.adcode, note=payload.note, version=payload.version)
    return detail(request, file_id)


@router.post("/hardship/files/{file_id}/causes", response=DONE, summary="修改致困原因（家庭成员不变），重新测算")
def causes_set(request: HttpRequest, file_id: FileId, payload: CausesIn) -> dict[str, Any]:
    file = load_file(request, file_id)
    # The household goes back to the service as it is stored, so only the causes change.
    household = [{"relation": m.relation, "name": m.name, "id_type": m.id_type, "id_number": m.id_number,
                  "annual_income": m.annual_income, "health_notes": m.health_notes}
                 for m in hardship_history(file=file).household]
    services.hardship_household_set(actor=request.user, file=file, household=household, causes=list(payload.causes),
                                    rigid_expenses=file.rigid_expenses, version=payload.version)
    return detail(request, file_id)


@router.post("/hardship/files/{file_id}/consent", response=DONE,
             summary="登记本人对敏感个人信息（健康、残疾、收入）的单独同意：同意人、同意书版本、时间")
def consent_record(request: HttpRequest, file_id: FileId, payload: ConsentRecordIn) -> dict[str, Any]:
    file = load_file(request, file_id)
    with fields_renamed(CONSENT_RENAMED):
        services.hardship_consent_record(actor=request.user, file=file, signer=payload.signer,
                                         text_version=payload.text_version, at=payload.at, version=payload.version)
    return detail(request, file_id)


@router.post("/hardship/files/{file_id}/documents", response={201: DocumentOut, **WRITE},
             summary="上传证明材料（PDF 或 JPG/PNG 图片，大小有上限）；kind 为材料类型")
def document_upload(request: HttpRequest, file_id: FileId, kind: Form[DocumentKind],
                    file: File[UploadedFile], version: Form[Version | Omit] = None) -> Status[dict[str, Any]]:
    hardship_file = load_file(request, file_id)
    document = services.hardship_attach(actor=request.user, file=hardship_file, kind=kind, upload=file,
                                        version=version)
    return Status(201, document_out(document))


@router.post("/hardship/files/{file_id}/reveal", response={200: HardshipRevealOut, **WRITE},
             summary="查看完整证件号码、手机号码或健康情况（须有权限并填写理由；每次记入个人信息访问日志）")
def reveal(request: HttpRequest, response: HttpResponse, file_id: FileId, payload: HardshipRevealIn) -> dict[str, Any]:
    file = load_file(request, file_id)
    person = None
    if payload.household_member_id is not None:
        try:
            person = household_member_get(file=file, pk=payload.household_member_id)
        except NotFound:
            raise NotFound(field="household_member_id") from None
    value = services.hardship_reveal(actor=request.user, file=file, field=payload.field, reason=payload.reason,
                                     household_member=person)
    response["Cache-Control"] = "no-store"  # shown once; no cache along the way may keep it
    return {"field": payload.field, "value": value}

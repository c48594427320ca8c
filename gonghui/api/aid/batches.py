"""发放批次: a batch from its creation through selection, review, submission, approval and payment,
the bank's payment list out and its result back. One endpoint per step, each calling its service.

A step answers with the batch as it now is; `version`, when sent, guards against acting on a stale
copy (409). A person already aided by the same programme in the cycle, in any union, is set aside
from a list with the earlier grant named as far as the caller may see it, and refused alone with
409 duplicate_grant. The bank's result is applied whole or not at all: every wrong row is named.
"""

import tempfile
from collections.abc import Callable
from typing import Annotated, Any

from django.http import FileResponse, HttpRequest, HttpResponseBase
from django.utils.translation import gettext_lazy as _
from ninja import File, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from gonghui.aid import services
from gonghui.aid.choices import BatchStatus, GrantStatus
from gonghui.aid.models import AidBatch
from gonghui.aid.recipients import clean_worker
from gonghui.aid.selectors import batch_events, batch_get, batch_list, batch_totals, campaign_get, grant_get, grant_list
from gonghui.aid.services.batches import Selection
from gonghui.aid.services.files import batch_add_files
from gonghui.aid.workflow import RULES, allowed_actions
from gonghui.api.aid.batch_schemas import (
    BankResultOut,
    BatchDetailOut,
    BatchFilters,
    BatchIn,
    BatchOut,
    BatchReasonIn,
    DuplicateErrorOut,
    FileErrorOut,
    FilesIn,
    GrantAdjustIn,
    GrantFilters,
    RecipientIn,
    RecipientsIn,
    RemovedOut,
    RemoveIn,
    SelectionOut,
)
from gonghui.api.aid.router import READ, WRITE, ObjectId, aid_scope, load_union
from gonghui.api.aid.schemas import GrantOut
from gonghui.api.common.errors import WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut, VersionedStepIn, label, yuan
from gonghui.core.audit import actor_shown
from gonghui.core.errors import InvalidFields, NotFound, ValidationFailed, msg
from gonghui.orgs.scope import scope_for_any

router = Router(tags=["aid"])

GrantId = Annotated[int, Path(ge=1, le=MAX_ID)]
DONE: dict[Any, Any] = {200: BatchDetailOut, **WRITE}
# A write that may find the recipient already aided answers 409 with the earlier grant.
SELECTS: dict[Any, Any] = {409: DuplicateErrorOut, WRITE_ERRORS - {409}: ErrorOut}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_DOC = {"responses": {200: {"description": "银行代发清单（.xlsx）", "content": {
    XLSX: {"schema": {"type": "string", "format": "binary"}}}}}}


def load_batch(request: HttpRequest, pk: int) -> AidBatch:
    return batch_get(scope=aid_scope(request), pk=pk)


def actions_for(user: Any, batch: AidBatch) -> list[str]:
    """The steps the table allows in this status that the user's grants over the batch's union reach."""
    return [a for a in allowed_actions(batch.status)
            if scope_for_any(user, RULES[a].permissions).covers(batch.org_path)]


def batch_out(request: HttpRequest, batch: AidBatch) -> dict[str, Any]:
    totals = batch_totals(batch=batch)
    return {
        "id": batch.pk, "title": batch.title, "status": batch.status, "status_label": label(BatchStatus, batch.status),
        "programme": {"id": batch.programme.pk, "name": batch.programme.name},
        "campaign": {"id": batch.campaign.pk, "name": batch.campaign.name},
        "union": {"id": batch.union.pk, "name": batch.union.name}, "granted_on": batch.granted_on,
        "prepared_by_id": batch.prepared_by_id, "approved_by_id": batch.approved_by_id,
        "prepared_by": batch.prepared_by.full_name if batch.prepared_by else "",
        "approved_by": batch.approved_by.full_name if batch.approved_by else "",
        **{f: getattr(batch, f) for f in ("submitted_at", "approved_at", "paid_at", "cancelled_at", "cancel_reason",
                                          "committed", "version")},
        "totals": {"rows": totals.live_rows, "cash": yuan(totals.live_cash), "goods": yuan(totals.live_goods),
                   "amount": yuan(totals.live_amount), "members": totals.members, "non_members": totals.non_members,
                   "by_status": {s: {"rows": totals.rows(s), "amount": yuan(totals.amount(s))}
                                 for s in GrantStatus.values if totals.rows(s)}},
        "events": [{"action": e.action, "old_status": e.old_status, "new_status": e.new_status,
                    "actor": actor_shown(e.actor_label), "note": e.note, "detail": e.detail, "at": e.at}
                   for e in batch_events(batch=batch)],
        "actions": actions_for(request.user, batch),
    }


def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    return batch_out(request, load_batch(request, pk))


def selection_out(selection: Selection) -> dict[str, Any]:
    return {"added": selection.added, "set_aside": selection.duplicates}


def recipients_of(rows: list[RecipientIn]) -> list[Any]:
    """Every worker cleaned, every mistake named by its row (recipients.3.id_number), all at once."""
    errors: list[ValidationFailed] = []
    cleaned = []
    for number, row in enumerate(rows, start=1):
        try:
            cleaned.append(clean_worker(row.dict(exclude_none=True)))
        except ValidationFailed as exc:
            for e in exc.errors if isinstance(exc, InvalidFields) else [exc]:
                message = msg(_("名单第%(row)d行：%(error)s"), {"row": number, "error": e.message})
                errors.append(ValidationFailed(message, field=f"recipients.{number}.{e.field}", code=e.code))
    if errors:
        raise InvalidFields(errors)
    return cleaned


@router.get("/aid/batches", response={200: list[BatchOut], **READ}, summary="发放批次，可按状态、活动筛选")
@paginate(Pagination)
def batch_index(request: HttpRequest, filters: Query[BatchFilters]) -> Any:
    scope = aid_scope(request)
    try:
        campaign = campaign_get(scope=scope, pk=filters.campaign) if filters.campaign else None
    except NotFound:
        raise NotFound(field="campaign") from None
    return batch_list(scope=scope, status=filters.status or "", campaign=campaign)


@router.post("/aid/batches", response={201: BatchDetailOut, **WRITE},
             summary="新建发放批次（草稿）：发放工会为项目主办工会或其下级工会（须有发放权限）")
def batch_create(request: HttpRequest, payload: BatchIn) -> Status[dict[str, Any]]:
    try:
        campaign = campaign_get(scope=aid_scope(request), pk=payload.campaign_id)
    except NotFound:
        raise NotFound(field="campaign_id") from None
    union = load_union(request, payload.union_id, "union_id")
    with fields_renamed({"union": "union_id", "programme": "campaign_id"}):
        batch = services.batch_create(actor=request.user, campaign=campaign, union=union, title=payload.title,
                                      granted_on=payload.granted_on)
    return Status(201, detail(request, batch.pk))


@router.get("/aid/batches/{batch_id}", response={200: BatchDetailOut, **READ},
            summary="批次详情：人次、金额、会员与非会员、按状态的合计，办理过程和可执行的操作")
def batch_detail(request: HttpRequest, batch_id: ObjectId) -> dict[str, Any]:
    return detail(request, batch_id)


@router.get("/aid/batches/{batch_id}/grants", response={200: list[GrantOut], **READ},
            summary="批次的发放记录（证件号码、手机号码、银行账号均为遮蔽形式）")
@paginate(Pagination)
def batch_grants(request: HttpRequest, batch_id: ObjectId, filters: Query[GrantFilters]) -> Any:
    batch = load_batch(request, batch_id)
    return grant_list(scope=aid_scope(request), batch=batch, status=filters.status or "")


@router.post("/aid/batches/{batch_id}/select", response={200: SelectionOut, **SELECTS},
             summary="从困难职工档案选取：批次工会范围内、项目所定困难类别的在档户；本周期已领取的列入 set_aside")
def batch_select(request: HttpRequest, batch_id: ObjectId) -> dict[str, Any]:
    selection = services.batch_select_eligible(actor=request.user, batch=load_batch(request, batch_id))
    return selection_out(selection)


@router.post("/aid/batches/{batch_id}/files", response={200: SelectionOut, **SELECTS},
             summary="按档案添加：选定的在档户（须在批次工会范围内、符合项目困难类别）；本周期已领取的列入 set_aside")
def batch_files(request: HttpRequest, batch_id: ObjectId, payload: FilesIn) -> dict[str, Any]:
    batch = load_batch(request, batch_id)
    with fields_renamed({"files": "file_ids"}):
        selection = batch_add_files(actor=request.user, batch=batch, file_ids=payload.file_ids)
    return selection_out(selection)


@router.post("/aid/batches/{batch_id}/recipients", response={200: SelectionOut, **SELECTS},
             summary="列入档案以外的职工（户外劳动者、新就业形态劳动者等，会员或非会员，每条计1人次）；"
                     "本周期已领取或名单内重复的列入 set_aside")
def batch_recipients(request: HttpRequest, batch_id: ObjectId, payload: RecipientsIn) -> dict[str, Any]:
    batch = load_batch(request, batch_id)
    selection = services.batch_add_recipients(actor=request.user, batch=batch,
                                              recipients=recipients_of(payload.recipients))
    return selection_out(selection)


@router.post("/aid/batches/{batch_id}/grants", response={201: GrantOut, **SELECTS},
             summary="列入一名职工；本周期已领取过该项目（任何工会）时返回409 duplicate_grant，并说明此前的发放")
def grant_create(request: HttpRequest, batch_id: ObjectId, payload: RecipientIn) -> Status[Any]:
    batch = load_batch(request, batch_id)
    grant = services.grant_add(actor=request.user, batch=batch, data=payload.dict(exclude_none=True))
    return Status(201, grant_get(scope=aid_scope(request), pk=grant.pk))


@router.post("/aid/batches/{batch_id}/remove", response={200: RemovedOut, **WRITE},
             summary="调整名单：从草稿批次中取消记录（保留为已取消，释放其本周期名额）")
def grants_remove(request: HttpRequest, batch_id: ObjectId, payload: RemoveIn) -> dict[str, int]:
    batch = load_batch(request, batch_id)
    removed = services.batch_remove_grants(actor=request.user, batch=batch, grant_ids=payload.grant_ids,
                                           reason=payload.reason)
    return {"removed": removed}


@router.patch("/aid/grants/{grant_id}", response={200: GrantOut, **WRITE},
              summary="调整一条记录：金额、物资、户名和账号、学生信息（批次为草稿时；只改提交的字段）")
def grant_update(request: HttpRequest, grant_id: GrantId, payload: GrantAdjustIn) -> Any:
    grant = grant_get(scope=aid_scope(request), pk=grant_id)
    services.grant_adjust(actor=request.user, grant=grant, **payload.dict(exclude_unset=True))
    return grant_get(scope=aid_scope(request), pk=grant_id)


def step(request: HttpRequest, batch_id: int, payload: VersionedStepIn, fn: Callable[..., Any], **kwargs: Any
         ) -> dict[str, Any]:
    fn(actor=request.user, batch=load_batch(request, batch_id), version=payload.version, **kwargs)
    return detail(request, batch_id)


@router.post("/aid/batches/{batch_id}/submit", response=DONE, summary="提交审批")
def submit(request: HttpRequest, batch_id: ObjectId, payload: VersionedStepIn) -> dict[str, Any]:
    return step(request, batch_id, payload, services.batch_submit)


@router.post("/aid/batches/{batch_id}/return", response=DONE, summary="退回修改（须填原因）")
def return_(request: HttpRequest, batch_id: ObjectId, payload: BatchReasonIn) -> dict[str, Any]:
    return step(request, batch_id, payload, services.batch_return, reason=payload.reason)


@router.post("/aid/batches/{batch_id}/approve", response=DONE,
             summary="审批通过：金额计入项目已承诺；预算余额不足时返回409 budget_exceeded；经办人不能审批")
def approve(request: HttpRequest, batch_id: ObjectId, payload: VersionedStepIn) -> dict[str, Any]:
    return step(request, batch_id, payload, services.batch_approve)


@router.post("/aid/batches/{batch_id}/cancel", response=DONE,
             summary="作废（须填原因；已有发放成功的记录时不能作废；已承诺金额退回预算）")
def cancel(request: HttpRequest, batch_id: ObjectId, payload: BatchReasonIn) -> dict[str, Any]:
    return step(request, batch_id, payload, services.batch_cancel, reason=payload.reason)


@router.post("/aid/batches/{batch_id}/mark-paid", response=DONE,
             summary="确认发放：现金当面发放或物资送达，全部记录为已发放，困难职工家庭转为帮扶中")
def mark_paid(request: HttpRequest, batch_id: ObjectId, payload: VersionedStepIn) -> dict[str, Any]:
    return step(request, batch_id, payload, services.batch_mark_paid)


@router.get("/aid/batches/{batch_id}/bank-export", response={frozenset({400, 401, 403, 404, 422}): ErrorOut},
            openapi_extra=EXPORT_DOC,
            summary="下载银行代发清单（.xlsx；已审批的批次；银行账号在有查看完整信息权限时为完整号码；记入审计日志）")
def bank_export(request: HttpRequest, batch_id: ObjectId) -> HttpResponseBase:
    batch = load_batch(request, batch_id)
    out = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it when sent)
    try:
        services.bank_export(actor=request.user, batch=batch, out=out)
    except BaseException:
        out.close()
        raise
    out.seek(0)
    response = FileResponse(out, as_attachment=True, filename=f"aid-batch-{batch.pk}-bank.xlsx", content_type=XLSX)
    response["Cache-Control"] = "no-store"
    return response


@router.post("/aid/batches/{batch_id}/bank-result",
             response={200: BankResultOut, 400: FileErrorOut, WRITE_ERRORS - {400}: ErrorOut},
             summary="导入银行回盘（.xlsx 或 .csv，按发放编号对应）：全部行无误才导入，否则按行号列出错误")
def bank_result(request: HttpRequest, batch_id: ObjectId, file: File[UploadedFile]) -> dict[str, Any]:
    batch = load_batch(request, batch_id)
    result = services.bank_result_import(actor=request.user, batch=batch, file=file, filename=file.name or "")
    return {"paid": result.paid, "failed": result.failed, "status": result.status}

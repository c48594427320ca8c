"""Each step of a hardship file's workflow, one endpoint per step, each calling its one service.

Every step answers with the file as it now is (返困 with the new file it opens). `version`, when
sent, is the copy the cadre acted on: an older one is a 409, as is a race lost at the write. Who may
take a step is the services' decision: the holding union's cadres with the step's permission, and
for approval (and a refusal after review) the county-level federation above, never the reviewer.
"""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.schemas import VersionedStepIn
from gonghui.api.hardship.router import DONE, WRITE, FileId, detail, load_file
from gonghui.api.hardship.schemas import ExitIn, FileOut, HardshipNoteIn, HardshipReasonIn, RecheckIn, RelapseIn
from gonghui.assistance import services

router = Router(tags=["hardship"])


def step(request: HttpRequest, file_id: int, payload: VersionedStepIn, fn: Callable[..., Any], **kwargs: Any
         ) -> dict[str, Any]:
    file = load_file(request, file_id)
    # Services name a few fields by the model attribute; the client sent them under these keys.
    with fields_renamed({"exit_reason": "reason"}):
        fn(actor=request.user, file=file, version=payload.version, **kwargs)
    return detail(request, file_id)


@router.post("/hardship/files/{file_id}/apply", response=DONE,
             summary="提交申请：须已登记本人同意、所在地区、家庭成员（含本人）和致困原因")
def apply(request: HttpRequest, file_id: FileId, payload: HardshipNoteIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_apply, note=payload.note)


@router.post("/hardship/files/{file_id}/review", response=DONE, summary="基层审核通过（须有审核权限）")
def review(request: HttpRequest, file_id: FileId, payload: HardshipNoteIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_review, note=payload.note)


@router.post("/hardship/files/{file_id}/approve", response=DONE,
             summary="县级审批通过：按现行认定标准确定困难类别和标准版本（县级或以上工会审批，审核人不能审批）")
def approve(request: HttpRequest, file_id: FileId, payload: HardshipNoteIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_approve, note=payload.note)


@router.post("/hardship/files/{file_id}/reject", response=DONE,
             summary="审核或审批不通过（须填原因；基层审核后只能由县级工会退回）")
def reject(request: HttpRequest, file_id: FileId, payload: HardshipReasonIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_reject, reason=payload.reason)


@router.post("/hardship/files/{file_id}/withdraw", response=DONE, summary="撤销摸底登记或申请（须填原因）")
def withdraw(request: HttpRequest, file_id: FileId, payload: HardshipReasonIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_withdraw, reason=payload.reason)


@router.post("/hardship/files/{file_id}/open", response=DONE, summary="建档：编档案编号，排定首次回头看日期")
def file_open(request: HttpRequest, file_id: FileId, payload: HardshipNoteIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_file_open, note=payload.note)


@router.post("/hardship/files/{file_id}/aid", response=DONE,
             summary="登记已帮扶（帮扶中）：帮扶项目发放到户时自动登记，此处用于项目以外的帮扶")
def mark_aided(request: HttpRequest, file_id: FileId, payload: HardshipNoteIn) -> dict[str, Any]:
    file = load_file(request, file_id)
    services.hardship_mark_aided(actor=request.user, file=file, note=payload.note)
    return detail(request, file_id)


@router.post("/hardship/files/{file_id}/recheck", response=DONE,
             summary="回头看：按现行标准重新测算；只有结论为 reclassify 时调整困难类别")
def recheck(request: HttpRequest, file_id: FileId, payload: RecheckIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_recheck, result=payload.result, note=payload.note)


@router.post("/hardship/files/{file_id}/exit", response=DONE, summary="解困脱困：转入监测期（防返困）")
def exit_(request: HttpRequest, file_id: FileId, payload: ExitIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_exit, reason=payload.reason, note=payload.note)


@router.post("/hardship/files/{file_id}/close", response=DONE, summary="监测期满，未返困，结束监测")
def close_watch(request: HttpRequest, file_id: FileId, payload: HardshipNoteIn) -> dict[str, Any]:
    return step(request, file_id, payload, services.hardship_close_watch, note=payload.note)


@router.post("/hardship/files/{file_id}/relapse", response={201: FileOut, **WRITE},
             summary="返困：本档案结束为“已返困”，另开一份关联的新档案（从申请开始，按现行标准重新审核审批）；返回新档案")
def relapse(request: HttpRequest, file_id: FileId, payload: RelapseIn) -> Status[dict[str, Any]]:
    file = load_file(request, file_id)
    new = services.hardship_relapse(actor=request.user, file=file, note=payload.note, version=payload.version,
                                    causes=list(payload.causes) if payload.causes is not None else None)
    return Status(201, detail(request, new.pk))

"""Each step of a case's workflow, one endpoint per step, each calling its one service. Every step
answers with the case as it now is; `version` (optional) guards against acting on a stale copy."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Path, Router, Status, UploadedFile

from gonghui.accounts.selectors import user_get
from gonghui.api.cases.router import DONE, WRITE, CaseId, _detail, _load, _scope, _step, _union
from gonghui.api.cases.schemas import (
    AssignIn,
    AttachmentOut,
    CallbackIn,
    ClassifyIn,
    DispatchIn,
    NoteIn,
    ReasonIn,
    ReplyIn,
    RequiredNoteIn,
    ResolveIn,
    SuperviseIn,
)
from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.schemas import MAX_ID
from gonghui.cases import services
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import Scope

router = Router(tags=["cases"])
SupervisionId = Annotated[int, Path(ge=1, le=MAX_ID)]


@router.post("/cases/{case_id}/classify", response=DONE, summary="分类定级：问题类别和难易程度，确定办结时限")
def classify(request: HttpRequest, case_id: CaseId, payload: ClassifyIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_classify, category=payload.category,
                 difficulty=payload.difficulty, kind=payload.kind or "", note=payload.note)


@router.post("/cases/{case_id}/dispatch", response=DONE, summary="派单：派往本人办理范围内的工会")
def dispatch(request: HttpRequest, case_id: CaseId, payload: DispatchIn) -> dict[str, Any]:
    _load(request, case_id)
    union = _union(request, payload.union_id, Perm.CASE_VIEW, "union_id")
    return _step(request, case_id, payload, services.case_dispatch, union=union, note=payload.note)


@router.post("/cases/{case_id}/accept", response=DONE, summary="签收派来的案件")
def accept(request: HttpRequest, case_id: CaseId, payload: NoteIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_accept, note=payload.note)


@router.post("/cases/{case_id}/return", response=DONE, summary="退回派单工会（须填原因）")
def return_(request: HttpRequest, case_id: CaseId, payload: ReasonIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_return, reason=payload.reason)


@router.post("/cases/{case_id}/start", response=DONE, summary="开始办理（未指定承办人时由本人承办）")
def start(request: HttpRequest, case_id: CaseId, payload: NoteIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_start, note=payload.note)


@router.post("/cases/{case_id}/notes", response=DONE, summary="办理记录：不改变状态")
def add_note(request: HttpRequest, case_id: CaseId, payload: RequiredNoteIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_add_note, note=payload.note)


@router.post("/cases/{case_id}/assign", response=DONE, summary="指定承办人和/或律师（须有本工会办案权限）")
def assign(request: HttpRequest, case_id: CaseId, payload: AssignIn) -> dict[str, Any]:
    case = _load(request, case_id)
    people: dict[str, Any] = {}
    for name, pk in (("handler", payload.handler_id), ("lawyer", payload.lawyer_id)):
        if pk is not None:
            # Only cadres of the handling union's subtree can be found; anyone else is simply unknown here.
            try:
                people[name] = user_get(scope=Scope.of([case.org_path]), pk=pk)
            except NotFound:
                raise NotFound(field=f"{name}_id") from None
    return _step(request, case_id, payload, services.case_assign, note=payload.note, **people)


@router.post("/cases/{case_id}/resolve", response=DONE, summary="办结：办理结果、挽回经济损失（元）、涉及人数")
def resolve(request: HttpRequest, case_id: CaseId, payload: ResolveIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_resolve, outcome=payload.outcome,
                 money_recovered=payload.money_recovered, people_helped=payload.people_helped)


@router.post("/cases/{case_id}/callback", response=DONE, summary="回访：满意度；联系不上时 reached=false 并说明")
def callback(request: HttpRequest, case_id: CaseId, payload: CallbackIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_callback, rating=payload.rating or "",
                 note=payload.note, reached=payload.reached)


@router.post("/cases/{case_id}/close", response=DONE, summary="归档")
def close(request: HttpRequest, case_id: CaseId, payload: NoteIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_close, note=payload.note)


@router.post("/cases/{case_id}/reopen", response=DONE, summary="重新办理：诉求人不满意且归档未满30天")
def reopen(request: HttpRequest, case_id: CaseId, payload: ReasonIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_reopen, reason=payload.reason)


@router.post("/cases/{case_id}/escalate", response=DONE, summary="上报上一级工会")
def escalate(request: HttpRequest, case_id: CaseId, payload: ReasonIn) -> dict[str, Any]:
    return _step(request, case_id, payload, services.case_escalate, reason=payload.reason)


@router.post("/cases/{case_id}/supervise", response=DONE, summary="督办：由承办工会的上级工会提出，可要求回复日期")
def supervise(request: HttpRequest, case_id: CaseId, payload: SuperviseIn) -> dict[str, Any]:
    case = _load(request, case_id)
    by_union = _union(request, payload.by_union_id, Perm.CASE_VIEW, "by_union_id")
    with fields_renamed({"union": "by_union_id", "reply_due": "reply_due"}):
        services.case_supervise(actor=request.user, case=case, by_union=by_union, note=payload.note,
                                reply_due=payload.reply_due, version=payload.version)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/supervisions/{supervision_id}/reply", response=DONE, summary="回复督办")
def supervision_reply(request: HttpRequest, case_id: CaseId, supervision_id: SupervisionId,
                      payload: ReplyIn) -> dict[str, Any]:
    _load(request, case_id)
    from gonghui.cases.selectors import case_detail

    supervision = next((s for s in case_detail(scope=_scope(request), pk=case_id).supervisions
                        if s.pk == supervision_id), None)
    if supervision is None:
        raise NotFound()
    services.supervision_reply(actor=request.user, supervision=supervision, reply=payload.reply,
                               version=payload.version)
    return _detail(request, case_id)


@router.post("/cases/{case_id}/attachments", response={201: AttachmentOut, **WRITE},
             summary="上传附件（PDF、JPG/PNG、Word、Excel、MP3/AMR、文本；大小有上限）")
def attach(request: HttpRequest, case_id: CaseId, file: File[UploadedFile]) -> Status[Any]:
    case = _load(request, case_id)
    attachment = services.case_attach(actor=request.user, case=case, upload=file)
    return Status(201, attachment)

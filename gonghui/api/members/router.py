"""The real-name registry: list, detail with history, admit, edit, status changes, reveal, cards and
the Excel export, each through its selector or service."""

import tempfile
from typing import Annotated, Any

from django.http import FileResponse, HttpRequest, HttpResponse, HttpResponseBase
from django.utils import timezone
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.api.common.unions import load_union
from gonghui.api.members.schemas import (
    AdmitErrorOut,
    CardOut,
    ExportOptions,
    LeaveIn,
    MemberCreateIn,
    MemberDetailOut,
    MemberFilters,
    MemberOut,
    MemberUpdateIn,
    OnDateIn,
    ReinstateIn,
    RetainIn,
    RevealIn,
    RevealOut,
)
from gonghui.core.errors import NotFound
from gonghui.core.permissions import Perm
from gonghui.members import selectors
from gonghui.members.models import Member
from gonghui.members.services import cards, export, personal, registry
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import union_get

router = Router(tags=["members"])

MemberId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ = {READ_ERRORS: ErrorOut}
WRITE = {WRITE_ERRORS: ErrorOut}
RENAMED = {"union": "union_id"}
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORT_DOC = {"responses": {200: {"description": "Excel 工作簿（.xlsx）", "content": {
    XLSX: {"schema": {"type": "string", "format": "binary"}}}}}}


def member_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.MEMBER_VIEW)


def filter_union(request: HttpRequest, pk: int | None) -> TradeUnion | None:
    """The `union` filter, loaded through the member scope the list is read with (one grants query)."""
    if pk is None:
        return None
    try:
        return union_get(scope=member_scope(request), pk=pk)
    except NotFound as exc:
        exc.field = "union"
        raise


def load_member(request: HttpRequest, pk: int) -> Member:
    return selectors.member_get(scope=member_scope(request), pk=pk)


def detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    member = load_member(request, pk)
    return MemberDetailOut.of(member, selectors.member_history(member=member))


def _blank_for_none(data: dict[str, Any]) -> dict[str, Any]:
    # The API clears an optional choice with null; the registry stores it as "".
    return {k: "" if v is None else v for k, v in data.items()}


@router.get("/members", response={200: list[MemberOut], **READ},
            summary="会员列表（证件号码、手机号码均为遮蔽形式）")
@paginate(Pagination)
def member_list(request: HttpRequest, filters: Query[MemberFilters]) -> Any:
    union = filter_union(request, filters.union)
    return selectors.member_list(scope=member_scope(request), union=union, **filters.selector_kwargs())


@router.get("/members/export", response={frozenset({400, 401, 403, 404, 422}): ErrorOut}, openapi_extra=EXPORT_DOC,
            summary="按列表的筛选条件导出 Excel（证件号码、手机号码默认遮蔽；full=true 导出完整号码，须有查看权限并填写"
                    "理由，每位会员记一条查看记录；记入审计日志）")
def member_export(request: HttpRequest, filters: Query[MemberFilters], options: Query[ExportOptions]
                  ) -> HttpResponseBase:
    union = filter_union(request, filters.union)
    # Written to a temporary file, not memory, and streamed from there: a province is millions of rows.
    out = tempfile.TemporaryFile()  # noqa: SIM115  (FileResponse closes it when sent)
    try:
        export.member_export(actor=request.user, out=out, union=union, full=options.full, reason=options.reason,
                             **filters.selector_kwargs())
    except BaseException:
        out.close()
        raise
    out.seek(0)
    name = f"members-{timezone.localdate():%Y%m%d}.xlsx"
    response = FileResponse(out, as_attachment=True, filename=name, content_type=XLSX)
    response["Cache-Control"] = "no-store"
    return response


@router.get("/members/{member_id}", response={200: MemberDetailOut, **READ},
            summary="会员详情，含历次会籍、会员卡和会籍接转")
def member_get(request: HttpRequest, member_id: MemberId) -> dict[str, Any]:
    return detail(request, member_id)


@router.post("/members", response={201: MemberDetailOut, frozenset({400}): AdmitErrorOut,
                                   (WRITE_ERRORS - {400}) | {429}: ErrorOut},
             summary="登记会员（已是会员时返回 already_member；是其他工会会员时 hint 为 transfer_request，不说明是哪个"
                     "工会；按证件号码查询有次数限制，超过时 429）")
def member_create(request: HttpRequest, payload: MemberCreateIn) -> Status[dict[str, Any]]:
    data = _blank_for_none(payload.model_dump())
    union = load_union(request, data.pop("union_id"), field="union_id")
    channel, join_date = data.pop("channel"), data.pop("join_date") or None
    try:
        with fields_renamed(RENAMED):
            membership = registry.member_admit(actor=request.user, union=union, data=data, channel=channel,
                                               join_date=join_date)
    except registry.AlreadyMember as exc:
        # The message names the other union only when the caller may see it (the service decides).
        return Status(400, exc.as_dict() | {"hint": None if exc.here else "transfer_request"})
    return Status(201, detail(request, membership.member_id))


@router.patch("/members/{member_id}", response={200: MemberDetailOut, **WRITE},
              summary="修改会员信息（只改提交的字段；须带 version；证件不能修改）")
def member_update(request: HttpRequest, member_id: MemberId, payload: MemberUpdateIn) -> dict[str, Any]:
    data = _blank_for_none(payload.model_dump(exclude_unset=True))
    version = data.pop("version")
    registry.member_update(actor=request.user, member=load_member(request, member_id), version=version, data=data)
    return detail(request, member_id)


@router.post("/members/{member_id}/leave", response={200: MemberDetailOut, **WRITE}, summary="退会（须填原因）")
def member_leave(request: HttpRequest, member_id: MemberId, payload: LeaveIn) -> dict[str, Any]:
    registry.membership_leave(actor=request.user, member=load_member(request, member_id), note=payload.note,
                              on=payload.on)
    return detail(request, member_id)


@router.post("/members/{member_id}/retain", response={200: MemberDetailOut, **WRITE},
             summary="保留会籍（失业或退休）")
def member_retain(request: HttpRequest, member_id: MemberId, payload: RetainIn) -> dict[str, Any]:
    registry.membership_retain(actor=request.user, member=load_member(request, member_id), reason=payload.reason,
                               on=payload.on)
    return detail(request, member_id)


@router.post("/members/{member_id}/death", response={200: MemberDetailOut, **WRITE}, summary="登记会员去世")
def member_death(request: HttpRequest, member_id: MemberId, payload: OnDateIn) -> dict[str, Any]:
    registry.membership_death(actor=request.user, member=load_member(request, member_id), on=payload.on)
    return detail(request, member_id)


@router.post("/members/{member_id}/reinstate", response={200: MemberDetailOut, **WRITE},
             summary="恢复会籍：保留会籍者恢复正常；已退会者重新入会")
def member_reinstate(request: HttpRequest, member_id: MemberId, payload: ReinstateIn) -> dict[str, Any]:
    member = load_member(request, member_id)
    union = load_union(request, payload.union_id, field="union_id") if payload.union_id else None
    with fields_renamed(RENAMED):
        registry.membership_reinstate(actor=request.user, member=member, union=union, on=payload.on)
    return detail(request, member_id)


@router.post("/members/{member_id}/reveal", response={200: RevealOut, **WRITE},
             summary="查看完整证件号码或手机号码（须有权限并填写理由；每次记入个人信息访问日志）")
def member_reveal(request: HttpRequest, response: HttpResponse, member_id: MemberId,
                  payload: RevealIn) -> dict[str, Any]:
    value = personal.member_reveal(actor=request.user, member=load_member(request, member_id),
                                   field=payload.field, reason=payload.reason)
    response["Cache-Control"] = "no-store"  # shown once; no cache along the way may keep it
    return {"field": payload.field, "value": value}


@router.post("/members/{member_id}/card", response={200: CardOut, **WRITE},
             summary="办理会员卡（已有有效卡时返回该卡）")
def member_card(request: HttpRequest, member_id: MemberId) -> Any:
    return cards.card_issue(actor=request.user, member=load_member(request, member_id))

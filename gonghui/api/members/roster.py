"""集体登记入会 through the API, for HR and payroll systems: upload a roster for a union, follow its
validation, read the report, commit. The same services as the console (members.services.roster),
so the scope, the audit rows and the background tasks are the ones the console's import has.

Each step can be repeated safely: an upload with the same `Idempotency-Key` from the same caller
returns the first import; validate and commit on an import that is already past that step answer
with its state and do nothing again; a commit on a report the union's roster has outdated is a 409
(`stale`) and the import is validated again.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Form, Header, Path, Query, Router, Status, UploadedFile
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut, Id, Omit
from gonghui.api.common.unions import load_union
from gonghui.api.members.roster_schemas import IdempotencyKey, RosterImportOut, RosterIssueFilters, RosterIssueOut
from gonghui.core.errors import Conflict
from gonghui.core.permissions import Perm
from gonghui.members import roster_selectors as selectors
from gonghui.members.models import RosterImport
from gonghui.members.services import roster
from gonghui.orgs.scope import scope_for

router = Router(tags=["roster-imports"])

ImportId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ = {READ_ERRORS: ErrorOut}
WRITE = {WRITE_ERRORS: ErrorOut}
DONE = (RosterImport.Status.COMMITTING, RosterImport.Status.COMMITTED)
IDEMPOTENCY_KEY = Header(None, alias="Idempotency-Key")


def load_import(request: HttpRequest, pk: int) -> RosterImport:
    # Out of the caller's import scope answers exactly like a missing import.
    return selectors.roster_get(scope=scope_for(request.user, Perm.MEMBER_EDIT), pk=pk)


def state(request: HttpRequest, pk: int) -> Status[dict[str, Any]]:
    ri = load_import(request, pk)
    return Status(202 if ri.running else 200, RosterImportOut.of(ri))


@router.post("/members/roster-imports", response={201: RosterImportOut, **WRITE},
             summary="上传入会名单（multipart：union_id 与 file，.xlsx/.xls/.ods/.csv）：文件先检查大小和结构，"
                     "校验随即在后台进行，返回批次编号和状态；带 Idempotency-Key 重复上传返回同一批次")
def roster_upload(request: HttpRequest, union_id: Form[Id], file: File[UploadedFile],
                  idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY
                  ) -> Status[dict[str, Any]]:
    union = load_union(request, union_id, field="union_id")
    with fields_renamed({"union": "union_id", "idempotency_key": "Idempotency-Key"}):
        ri = roster.roster_upload(actor=request.user, union=union, file=file, filename=file.name or "",
                                  idempotency_key=idempotency_key or "")
    return Status(201, RosterImportOut.of(load_import(request, ri.pk)))


@router.get("/members/roster-imports/{import_id}", response={200: RosterImportOut, **READ},
            summary="入会名单批次的状态和行数统计（校验、提交在后台进行时 running 为 true，可轮询）")
def roster_get(request: HttpRequest, import_id: ImportId) -> dict[str, Any]:
    return RosterImportOut.of(load_import(request, import_id))


@router.get("/members/roster-imports/{import_id}/issues", response={200: list[RosterIssueOut], **READ},
            summary="校验报告：逐行列出错误和提示，每条写明行号和字段（分页）")
@paginate(Pagination)
def roster_issues(request: HttpRequest, import_id: ImportId, filters: Query[RosterIssueFilters]) -> Any:
    ri = load_import(request, import_id)
    return selectors.roster_issues(roster_import=ri, severity=filters.severity or "")


@router.post("/members/roster-imports/{import_id}/validate", response={200: RosterImportOut,
                                                                        202: RosterImportOut, **WRITE},
             summary="校验名单（上传后已自动开始）：正在校验返回202，已校验返回200且不重复校验；"
                     "校验后本工会会员名册有变动的，按最新数据重新校验（202）")
def roster_validate(request: HttpRequest, import_id: ImportId) -> Status[dict[str, Any]]:
    roster.roster_validate_request(actor=request.user, roster_import=load_import(request, import_id))
    return state(request, import_id)


@router.post("/members/roster-imports/{import_id}/commit", response={200: RosterImportOut,
                                                                      202: RosterImportOut, **WRITE},
             summary="提交：全部无误的行在后台一次入会，其他工会的会员发起会籍接转（202）；已在提交或已完成的返回"
                     "200且不重复提交；校验后名册有变动的返回409（stale）并自动重新校验")
def roster_commit(request: HttpRequest, import_id: ImportId) -> Status[dict[str, Any]]:
    ri = load_import(request, import_id)
    if ri.status not in DONE:
        try:
            roster.roster_commit_request(actor=request.user, roster_import=ri)
        except Conflict:
            # Two clients racing the same commit: the loser answers with the state the winner made.
            if load_import(request, import_id).status not in DONE:
                raise
    return state(request, import_id)

"""就业服务 over the API for union cadres: postings (entry, edit, review, 下架), their applicants
(masked until the worker consents), recommending a member, job fairs with employers, postings and
results, and the figures. Another union's rows are a 404 like missing ones."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.api.common.unions import load_union
from gonghui.api.jobs.schemas import (
    JobApplicantOut,
    JobDecideIn,
    JobFairEmployerIn,
    JobFairFilters,
    JobFairIn,
    JobFairOut,
    JobFairPostingIn,
    JobFairResultIn,
    JobFigureFilters,
    JobFiguresOut,
    JobNoteIn,
    JobPostingCreateIn,
    JobPostingEditIn,
    JobPostingFilters,
    JobPostingOut,
    JobRecommendIn,
    JobReviewIn,
)
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.jobs import selectors, services
from gonghui.jobs.figures import FairFigures, fair_figures
from gonghui.jobs.models import JobFair, JobPosting
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import employer_get, tree_roots

router = Router(tags=["jobs"])

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}


def view_scope(request: HttpRequest) -> Scope:
    scope = scope_for(request.user, Perm.JOBS_VIEW)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def manage_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.JOBS_MANAGE)


def ref(obj: Any) -> dict[str, Any]:
    return {"id": obj.pk, "name": obj.name}


def posting_out(p: JobPosting) -> dict[str, Any]:
    return {"id": p.pk, "employer": ref(p.employer), "title": p.title, "places": p.places, "pay_min": p.pay_min,
            "pay_max": p.pay_max, "requirements": p.requirements, "region": p.region_id,
            "region_name": p.region.name, "address": p.address, "contact_name": p.contact_name,
            "contact_phone_masked": p.contact_phone_masked, "source": p.source, "status": p.status,
            "status_label": str(p.get_status_display()), "expires_on": p.expires_on, "review_note": p.review_note,
            "version": p.version}


def fair_out(f: JobFair) -> dict[str, Any]:
    brought = selectors.fair_postings(fair=f)
    return {"id": f.pk, "union": ref(f.union), "title": f.title, "mode": f.mode, "held_on": f.held_on,
            "region": f.region_id, "place": f.place, "status": f.status, "visitors": f.visitors,
            "intentions": f.intentions, "employers": [ref(e.employer) for e in selectors.fair_employers(fair=f)],
            "posting_ids": [fp.posting_id for fp in brought], "places": sum(fp.posting.places for fp in brought)}


def _posting(request: HttpRequest, pk: int, field: str | None = None) -> JobPosting:
    try:
        return selectors.posting_get(scope=view_scope(request), pk=pk)
    except NotFound as exc:
        exc.field = field
        raise


def _fair(request: HttpRequest, pk: int) -> JobFair:
    return selectors.fair_get(scope=view_scope(request), pk=pk)


@router.get("/jobs/postings", response={200: list[JobPostingOut], **READ},
            summary="招聘岗位：按状态、地区（行政区划代码前缀）、月薪、关键词筛选")
@paginate(Pagination)
def posting_list(request: HttpRequest, filters: Query[JobPostingFilters]) -> Any:
    return [posting_out(p) for p in selectors.posting_list(
        scope=view_scope(request), status=filters.status or "", region=filters.region,
        pay_at_least=filters.pay_at_least, query=filters.q)]


@router.post("/jobs/postings", response={201: JobPostingOut, **WRITE},
             summary="工会录入岗位（保存即发布）：月薪下限不高于上限，有效期不早于今天且不超过一年")
def posting_create(request: HttpRequest, payload: JobPostingCreateIn) -> Status[Any]:
    try:
        employer = employer_get(scope=view_scope(request), pk=payload.employer_id)
    except NotFound as exc:
        exc.field = "employer_id"
        raise
    with fields_renamed({"employer": "employer_id"}):
        posting = services.posting_create(actor=request.user, employer=employer,
                                          **payload.dict(exclude={"employer_id"}))
    return Status(201, posting_out(posting))


@router.get("/jobs/postings/{posting_id}", response={200: JobPostingOut, **READ}, summary="岗位详情")
def posting_get(request: HttpRequest, posting_id: PathId) -> dict[str, Any]:
    return posting_out(_posting(request, posting_id))


@router.put("/jobs/postings/{posting_id}", response={200: JobPostingOut, **WRITE},
            summary="修改岗位（已退回的岗位修改后发布）")
def posting_edit(request: HttpRequest, posting_id: PathId, payload: JobPostingEditIn) -> dict[str, Any]:
    values = payload.dict(exclude={"version"})
    posting = services.posting_edit(actor=request.user, posting=_posting(request, posting_id),
                                    version=payload.version, **values)
    return posting_out(posting)


@router.post("/jobs/postings/{posting_id}/review", response={200: JobPostingOut, **WRITE},
             summary="审核用人单位报送的岗位：通过即发布，退回须写明审核意见")
def posting_review(request: HttpRequest, posting_id: PathId, payload: JobReviewIn) -> dict[str, Any]:
    return posting_out(services.posting_review(actor=request.user, posting=_posting(request, posting_id),
                                               approve=payload.approve, note=payload.note, version=payload.version))


@router.post("/jobs/postings/{posting_id}/withdraw", response={200: JobPostingOut, **WRITE}, summary="下架岗位")
def posting_withdraw(request: HttpRequest, posting_id: PathId, payload: JobNoteIn) -> dict[str, Any]:
    return posting_out(services.posting_withdraw(actor=request.user, posting=_posting(request, posting_id),
                                                 note=payload.note))


@router.get("/jobs/postings/{posting_id}/applications", response={200: list[JobApplicantOut], **READ},
            summary="岗位的求职申请：职工本人同意前只显示部分姓名")
def application_list(request: HttpRequest, posting_id: PathId) -> list[dict[str, Any]]:
    posting = _posting(request, posting_id)
    return [{"id": a.pk, "name": a.name, "phone_masked": a.phone, "skills": a.skills, "experience": a.experience,
             "expected_pay": a.expected_pay, "desired_region": a.desired_region, "status": a.status,
             "consented": a.consented, "consent_at": a.consent_at, "priority": a.priority,
             "recommended": a.recommended}
            for a in selectors.applicants_shown(selectors.application_list(scope=view_scope(request),
                                                                           posting=posting))]


@router.post("/jobs/postings/{posting_id}/recommend", response={201: JobApplicantOut, **WRITE},
             summary="推荐本级及下级工会的会员：职工本人确认并同意后才提供给用人单位")
def recommend(request: HttpRequest, posting_id: PathId, payload: JobRecommendIn) -> Status[Any]:
    posting = _posting(request, posting_id)
    member = selectors.member_for_recommendation(scope=manage_scope(request), id_number=payload.id_number)
    with fields_renamed({"member": "id_number"}):
        application = services.application_recommend(actor=request.user, posting=posting, member=member)
    [shown] = selectors.applicants_shown([application])
    return Status(201, {**shown.__dict__, "id": shown.pk, "phone_masked": shown.phone})


@router.post("/jobs/applications/{application_id}/decide", response={200: JobApplicantOut, **WRITE},
             summary="登记用人单位的答复：达成就业意向或未达成")
def application_decide(request: HttpRequest, application_id: PathId, payload: JobDecideIn) -> dict[str, Any]:
    application = selectors.application_get(scope=view_scope(request), pk=application_id)
    application = services.application_decide(actor=request.user, application=application, intent=payload.intent)
    [shown] = selectors.applicants_shown([application])
    return {**shown.__dict__, "id": shown.pk, "phone_masked": shown.phone}


@router.get("/jobs/fairs", response={200: list[JobFairOut], **READ}, summary="招聘会：按形式、状态、年度筛选")
@paginate(Pagination)
def fair_list(request: HttpRequest, filters: Query[JobFairFilters]) -> Any:
    return [fair_out(f) for f in selectors.fair_list(scope=view_scope(request), mode=filters.mode or "",
                                                     status=filters.status or "", year=filters.year)]


@router.post("/jobs/fairs", response={201: JobFairOut, **WRITE},
             summary="新建招聘会：现场招聘会须有举办地行政区划；举办日期在五年前至一年后之间")
def fair_create(request: HttpRequest, payload: JobFairIn) -> Status[Any]:
    union = load_union(request, payload.union_id, field="union_id")
    with fields_renamed({"union": "union_id"}):
        fair = services.fair_create(actor=request.user, union=union, **payload.dict(exclude={"union_id"}))
    return Status(201, fair_out(fair))


@router.get("/jobs/fairs/{fair_id}", response={200: JobFairOut, **READ}, summary="招聘会详情：进场企业、岗位、结果")
def fair_get(request: HttpRequest, fair_id: PathId) -> dict[str, Any]:
    return fair_out(_fair(request, fair_id))


@router.post("/jobs/fairs/{fair_id}/employers", response={200: JobFairOut, **WRITE},
             summary="添加进场企业（须在主办工会范围内）")
def fair_employer_add(request: HttpRequest, fair_id: PathId, payload: JobFairEmployerIn) -> dict[str, Any]:
    fair = _fair(request, fair_id)
    try:
        employer = employer_get(scope=view_scope(request), pk=payload.employer_id)
    except NotFound as exc:
        exc.field = "employer_id"
        raise
    with fields_renamed({"employer": "employer_id"}):
        services.fair_add_employer(actor=request.user, fair=fair, employer=employer, booth=payload.booth)
    return fair_out(fair)


@router.post("/jobs/fairs/{fair_id}/postings", response={200: JobFairOut, **WRITE},
             summary="把已发布的岗位带到招聘会（其用人单位随之进场）")
def fair_posting_add(request: HttpRequest, fair_id: PathId, payload: JobFairPostingIn) -> dict[str, Any]:
    fair = _fair(request, fair_id)
    posting = _posting(request, payload.posting_id, field="posting_id")
    with fields_renamed({"posting": "posting_id", "employer": "posting_id"}):
        services.fair_add_posting(actor=request.user, fair=fair, posting=posting)
    return fair_out(fair)


@router.post("/jobs/fairs/{fair_id}/result", response={200: JobFairOut, **WRITE},
             summary="登记招聘会结果：入场求职人数和达成就业意向人数（后者不多于前者）")
def fair_result(request: HttpRequest, fair_id: PathId, payload: JobFairResultIn) -> dict[str, Any]:
    return fair_out(services.fair_record(actor=request.user, fair=_fair(request, fair_id),
                                         visitors=payload.visitors, intentions=payload.intentions))


@router.post("/jobs/fairs/{fair_id}/cancel", response={200: JobFairOut, **WRITE}, summary="取消筹备中的招聘会")
def fair_cancel(request: HttpRequest, fair_id: PathId) -> dict[str, Any]:
    return fair_out(services.fair_cancel(actor=request.user, fair=_fair(request, fair_id)))


def _row(union: Any, f: FairFigures) -> dict[str, Any]:
    return {"union": ref(union), "fairs": f.fairs, "employers": f.employers, "places": f.places,
            "visitors": f.visitors, "intentions": f.intentions}


@router.get("/jobs/figures", response={200: JobFiguresOut, **READ},
            summary="招聘会统计：场次、进场企业、提供岗位、达成就业意向，按下级工会分列；默认为可见范围的顶层工会")
def figures(request: HttpRequest, filters: Query[JobFigureFilters]) -> dict[str, Any]:
    scope = view_scope(request)
    if filters.union_id is not None:
        root = load_union(request, filters.union_id, field="union_id")
    else:
        top = tree_roots(scope=scope).order_by("depth", "path").first()
        if top is None:
            raise PermissionDenied()
        root = top
    table = fair_figures(scope=scope, root=root, start=filters.start, end=filters.end)
    return {"union": ref(root), "start": table.start, "end": table.end,
            "rows": [_row(u, f) for u, f in table.rows], "total": _row(root, table.total)}

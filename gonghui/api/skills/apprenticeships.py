"""师带徒 and 职工技能培训 over the API, and the innovation figures of the caller's subtrees for a period."""

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit
from gonghui.api.skills.common import (
    READ,
    WRITE,
    PathId,
    events_out,
    list_scope,
    load_employer,
    load_member,
    load_union,
    ref,
    view_scope,
)
from gonghui.api.skills.innovation_schemas import (
    ApprenticeshipDetailOut,
    ApprenticeshipFilters,
    ApprenticeshipGraduateIn,
    ApprenticeshipIn,
    ApprenticeshipOut,
    ApprenticeshipStepIn,
    ApprenticeshipTerminateIn,
    InnovationFigureFilters,
    InnovationFiguresOut,
    TrainingCourseIn,
    TrainingCourseOut,
    TrainingFilters,
)
from gonghui.core.errors import ValidationFailed
from gonghui.skills import apprenticeship_selectors as selectors
from gonghui.skills import training_selectors
from gonghui.skills.innovation_choices import ApprenticeshipAction
from gonghui.skills.innovation_figures import innovation_figures
from gonghui.skills.models import Apprenticeship, TrainingCourse
from gonghui.skills.services import apprenticeships as services
from gonghui.skills.services.training import training_course_delete, training_course_record

router = Router(tags=["skills"])
DONE: dict[Any, Any] = {200: ApprenticeshipDetailOut, **WRITE}


def pair_out(a: Apprenticeship) -> dict[str, Any]:
    return {"id": a.pk, "employer": ref(a.employer_id, a.employer.name), "master": ref(a.master_id, a.master.name),
            "apprentice": ref(a.apprentice_id, a.apprentice.name), "trade": a.trade, "agreed_on": a.agreed_on,
            "starts_on": a.starts_on, "ends_on": a.ends_on, "target_level": a.target_level, "allowance": a.allowance,
            "status": a.status, "status_label": str(a.get_status_display()), "outcome_level": a.outcome_level,
            "version": a.version}


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    a = selectors.apprenticeship_get(scope=view_scope(request), pk=pk)
    return {**pair_out(a), **{f: getattr(a, f) for f in ("targets", "started_on", "graduated_on", "outcome_note",
                                                          "terminated_on", "termination_reason")},
            "events": events_out(selectors.apprenticeship_events(apprenticeship=a))}


def course_out(c: TrainingCourse) -> dict[str, Any]:
    return {"id": c.pk, "union": ref(c.union_id, c.union.name),
            "employer": ref(c.employer_id, c.employer.name if c.employer else ""), "title": c.title, "kind": c.kind,
            "kind_label": str(c.get_kind_display()), "provider": c.provider, "starts_on": c.starts_on,
            "ends_on": c.ends_on, "hours": c.hours, "trainees": c.trainees,
            "levels": {row.level: row.count for row in c.levels.all()}}


@router.get("/skills/apprenticeships", response={200: list[ApprenticeshipOut], **READ},
            summary="师带徒协议：可按状态、单位筛选，按师傅、徒弟、工种查找")
@paginate(Pagination)
def apprenticeship_list(request: HttpRequest, filters: Query[ApprenticeshipFilters]) -> Any:
    scope = list_scope(request)
    employer = load_employer(request, filters.employer_id) if filters.employer_id is not None else None
    return [pair_out(a) for a in selectors.apprenticeship_list(scope=scope, status=filters.status or "",
                                                               employer=employer, query=filters.q)]


@router.post("/skills/apprenticeships", response={201: ApprenticeshipDetailOut, **WRITE},
             summary="签订师带徒协议（师傅和徒弟须为本单位会员）：期限、目标、目标技能等级、师傅津贴")
def apprenticeship_create(request: HttpRequest, payload: ApprenticeshipIn,
                          idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    employer = load_employer(request, payload.employer_id)
    master = load_member(request, payload.master_id, "master_id")
    apprentice = load_member(request, payload.apprentice_id, "apprentice_id")
    assert master is not None and apprentice is not None

    def create() -> Apprenticeship:
        with fields_renamed({"master": "master_id", "apprentice": "apprentice_id", "employer": "employer_id"}):
            return services.apprenticeship_sign(
                actor=request.user, employer=employer, master=master, apprentice=apprentice,
                agreed_on=payload.agreed_on, starts_on=payload.starts_on, ends_on=payload.ends_on,
                targets=payload.targets, trade=payload.trade, target_level=payload.target_level or "",
                allowance=payload.allowance)

    return Status(201, _detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/skills/apprenticeships/{apprenticeship_id}", response={200: ApprenticeshipDetailOut, **READ},
            summary="一份师带徒协议及其过程")
def apprenticeship_get(request: HttpRequest, apprenticeship_id: PathId) -> dict[str, Any]:
    return _detail(request, apprenticeship_id)


def _step(request: HttpRequest, pk: int, action: str, payload: Any, **kwargs: Any) -> dict[str, Any]:
    a = selectors.apprenticeship_get(scope=view_scope(request), pk=pk)
    services.apprenticeship_transition(actor=request.user, apprenticeship=a, action=action, on=payload.on,
                                       version=payload.version, **kwargs)
    return _detail(request, pk)


@router.post("/skills/apprenticeships/{apprenticeship_id}/start", response=DONE, summary="开始履行")
def apprenticeship_start(request: HttpRequest, apprenticeship_id: PathId, payload: ApprenticeshipStepIn
                         ) -> dict[str, Any]:
    return _step(request, apprenticeship_id, ApprenticeshipAction.START, payload)


@router.post("/skills/apprenticeships/{apprenticeship_id}/graduate", response=DONE,
             summary="出师（须填出师技能等级）")
def apprenticeship_graduate(request: HttpRequest, apprenticeship_id: PathId, payload: ApprenticeshipGraduateIn
                            ) -> dict[str, Any]:
    return _step(request, apprenticeship_id, ApprenticeshipAction.GRADUATE, payload,
                 outcome_level=payload.outcome_level, note=payload.note)


@router.post("/skills/apprenticeships/{apprenticeship_id}/terminate", response=DONE, summary="终止（须说明原因）")
def apprenticeship_terminate(request: HttpRequest, apprenticeship_id: PathId, payload: ApprenticeshipTerminateIn
                             ) -> dict[str, Any]:
    return _step(request, apprenticeship_id, ApprenticeshipAction.TERMINATE, payload, note=payload.reason)


@router.get("/skills/training-courses", response={200: list[TrainingCourseOut], **READ},
            summary="职工技能培训：可按结束年度、培训类型筛选，按名称或承办机构查找")
@paginate(Pagination)
def course_list(request: HttpRequest, filters: Query[TrainingFilters]) -> Any:
    rows = training_selectors.course_list(scope=list_scope(request), year=filters.year, kind=filters.kind or "",
                                          query=filters.q)
    return [course_out(c) for c in rows]


@router.post("/skills/training-courses", response={201: TrainingCourseOut, **WRITE},
             summary="登记一期已结束的培训：培训人次和取得各技能等级的人数（合计不超过培训人次）")
def course_create(request: HttpRequest, payload: TrainingCourseIn,
                  idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    union = load_union(request, payload.union_id)
    employer = load_employer(request, payload.employer_id) if payload.employer_id is not None else None

    def create() -> TrainingCourse:
        with fields_renamed({"employer": "employer_id"}):
            return training_course_record(actor=request.user, union=union, title=payload.title, kind=payload.kind,
                                          starts_on=payload.starts_on, ends_on=payload.ends_on,
                                          trainees=payload.trainees, employer=employer, provider=payload.provider,
                                          hours=payload.hours, levels={str(k): v for k, v in payload.levels.items()})

    pk = create_once_for(request, idempotency_key, payload, create)
    return Status(201, course_out(training_selectors.course_list(scope=view_scope(request)).get(pk=pk)))


@router.get("/skills/training-courses/{course_id}", response={200: TrainingCourseOut, **READ}, summary="一期培训")
def course_get(request: HttpRequest, course_id: PathId) -> dict[str, Any]:
    course = training_selectors.course_get(scope=view_scope(request), pk=course_id)
    return course_out(course)


@router.delete("/skills/training-courses/{course_id}", response={204: None, **WRITE},
               summary="删除误录的培训（审计日志保留原内容）")
def course_delete(request: HttpRequest, course_id: PathId) -> Status[None]:
    training_course_delete(actor=request.user,
                           course=training_selectors.course_get(scope=view_scope(request), pk=course_id))
    return Status(204, None)


@router.get("/skills/innovation-figures", response={200: InnovationFiguresOut, **READ},
            summary="职工创新统计（调用者可见范围、start 至 end）：建议提出、采纳、实施、创效，工作室，师带徒，培训")
def figures(request: HttpRequest, filters: Query[InnovationFigureFilters]) -> dict[str, Any]:
    if filters.end < filters.start:
        raise ValidationFailed(_("结束日期不能早于开始日期。"), field="end", code="dates_backwards")
    f = innovation_figures(scope=list_scope(request), start=filters.start, end=filters.end)
    s, st, ap, tr = f.suggestions, f.studios, f.apprenticeships, f.training
    return {"submitted": s.total.submitted, "adopted": s.total.adopted, "implemented": s.total.implemented,
            "benefit": s.total.benefit, "by_kind": {k: c.__dict__ for k, c in s.by_kind.items()},
            "rewards": s.rewards, "patents": s.patents, "studios": st.standing, "studios_by_level": st.by_level,
            "studio_results": st.results, "studio_results_benefit": st.results_benefit,
            "apprenticeships_signed": ap.signed, "apprenticeships_graduated": ap.graduated,
            "apprenticeships_in_force": ap.in_force, "allowance": ap.allowance, "courses": tr.courses,
            "trainees": tr.trainees, "trainees_by_level": tr.by_level}

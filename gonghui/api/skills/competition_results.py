"""A competition once approved over the API: entries (a person or a team, each person once),
scores in batches (one bad row refuses the batch and names the row), a stage's ranking page by
page as the tie rule orders it, advancing, awards, the 公示 of the results, recall, finalising,
the link of an award to an honours nomination, and the 阶段总结 and 年终表扬."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import Omit
from gonghui.api.skills.common import READ, WRITE, PathId, load_employer, load_member, view_scope
from gonghui.api.skills.competition_schemas import (
    CompetitionAdvanceOut,
    CompetitionAwardIn,
    CompetitionAwardOut,
    CompetitionAwardRemoveIn,
    CompetitionCommendIn,
    CompetitionDetailOut,
    CompetitionEntryFilters,
    CompetitionEntryIn,
    CompetitionEntryOut,
    CompetitionNominationIn,
    CompetitionPersonIn,
    CompetitionRankFilters,
    CompetitionRankingOut,
    CompetitionReasonIn,
    CompetitionReportOut,
    CompetitionScoresIn,
    CompetitionScoresOut,
    CompetitionStepIn,
    CompetitionSummaryIn,
)
from gonghui.api.skills.competitions import competition_detail
from gonghui.core.errors import NotFound
from gonghui.skills import competition_selectors as selectors
from gonghui.skills.competition_models import CompetitionAward, CompetitionEntry, CompetitionReport
from gonghui.skills.services import competitions as services

router = Router(tags=["skills"])
DONE: dict[Any, Any] = {200: CompetitionDetailOut, **WRITE}


def entry_out(e: CompetitionEntry) -> dict[str, Any]:
    try:
        award_id: int | None = e.award.pk
    except CompetitionAward.DoesNotExist:
        award_id = None
    return {"id": e.pk, "seq": e.seq, "is_team": e.is_team, "name": e.name, "employer_name": e.employer_name,
            "trade": e.trade, "reached": e.reached, "withdrawn": e.withdrawn, "award_id": award_id,
            "participants": [{"name": p.name, "id_masked": p.id_masked, "member_id": p.member_id,
                              "is_leader": p.is_leader} for p in e.participants.all()]}


def award_out(a: CompetitionAward) -> dict[str, Any]:
    return {"id": a.pk, "competition_id": a.competition_id, "entry_id": a.entry_id, "entry_name": a.entry.name,
            "grade": a.grade, "grade_label": str(a.get_grade_display()), "title": a.title,
            "skill_level": a.skill_level, "rank": a.rank, "score": a.score, "awarded_on": a.awarded_on,
            "honour_nomination_id": a.honour_nomination_id}


def report_out(r: CompetitionReport) -> dict[str, Any]:
    return {"id": r.pk, "kind": r.kind, "year": r.year, "title": r.title, "text": r.text,
            "written_on": r.written_on, "written_by": r.written_by,
            "commended": [{"id": e.pk, "name": e.name} for e in r.commended.all()]}


def _stage(request: HttpRequest, competition_id: int, stage_id: int) -> Any:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    return selectors.competition_stage_get(scope=view_scope(request), competition=c, pk=stage_id)


def _person(request: HttpRequest, p: CompetitionPersonIn, field: str) -> services.PersonIn:
    return services.PersonIn(name=p.name, id_number=p.id_number, id_type=p.id_type, is_leader=p.is_leader,
                             member=load_member(request, p.member_id, f"{field}.member_id"))


@router.get("/skills/competitions/{competition_id}/entries", response={200: list[CompetitionEntryOut], **READ},
            summary="参赛者（按报名序号）：stage_id 只看进入该阶段的，unscored=true 只看尚未登记成绩的；证件号码脱敏")
@paginate(Pagination)
def entry_list(request: HttpRequest, competition_id: PathId, filters: Query[CompetitionEntryFilters]) -> Any:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=competition_id)
    stage = None
    if filters.stage_id is not None:
        try:
            stage = selectors.competition_stage_get(scope=scope, competition=c, pk=filters.stage_id)
        except NotFound:
            raise NotFound(field="stage_id") from None
    rows = selectors.competition_entries(scope=scope, competition=c, stage=stage, unscored_only=filters.unscored,
                                         include_withdrawn=filters.withdrawn, query=filters.q)
    return [entry_out(e) for e in rows]


@router.post("/skills/competitions/{competition_id}/entries", response={201: CompetitionEntryOut, **WRITE},
             summary="登记参赛：个人（person）或团队（team_name 和 members）；同一人在一项竞赛中只能参赛一次")
def entry_create(request: HttpRequest, competition_id: PathId, payload: CompetitionEntryIn,
                 idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=competition_id)
    person = _person(request, payload.person, "person") if payload.person is not None else None
    members = [_person(request, p, f"members[{i}]") for i, p in enumerate(payload.members)]
    employer = load_employer(request, payload.employer_id) if payload.employer_id is not None else None

    def create() -> CompetitionEntry:
        with fields_renamed({"employer": "employer_id"}):
            return services.competition_enter(actor=request.user, competition=c, person=person,
                                              team_name=payload.team_name, members=members or None,
                                              employer=employer, employer_name=payload.employer_name,
                                              trade=payload.trade)

    pk = create_once_for(request, idempotency_key, payload, create)
    return Status(201, entry_out(selectors.competition_entries(scope=scope, competition=c, include_withdrawn=True)
                                 .get(pk=pk)))


@router.post("/skills/competitions/{competition_id}/entries/{entry_id}/withdraw",
             response={200: CompetitionEntryOut, **WRITE},
             summary="撤销参赛（须说明原因）：成绩作废，退出排名，不能再次报名")
def entry_withdraw(request: HttpRequest, competition_id: PathId, entry_id: PathId, payload: CompetitionAwardRemoveIn
                   ) -> dict[str, Any]:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=competition_id)
    entry = selectors.competition_entry_get(scope=scope, competition=c, pk=entry_id)
    services.competition_entry_withdraw(actor=request.user, entry=entry, reason=payload.reason)
    return entry_out(selectors.competition_entries(scope=scope, competition=c, include_withdrawn=True).get(pk=entry_id))


@router.post("/skills/competitions/{competition_id}/stages/{stage_id}/scores",
             response={200: CompetitionScoresOut, **WRITE},
             summary="登记一个阶段的成绩（整批校验：任一行超出评分范围或参赛者不在本阶段，整批不写入并指明第几行）")
def scores_record(request: HttpRequest, competition_id: PathId, stage_id: PathId, payload: CompetitionScoresIn
                  ) -> dict[str, Any]:
    stage = _stage(request, competition_id, stage_id)
    rows = [services.ScoreIn(r.entry_id, r.score, r.tiebreak) for r in payload.rows]
    renamed = {"entry": "rows[0].entry_id", "score": "rows[0].score", "tiebreak": "rows[0].tiebreak"}
    with fields_renamed(renamed if len(rows) == 1 else {}):
        n = services.competition_score(actor=request.user, stage=stage, rows=rows)
    return {"recorded": n}


@router.get("/skills/competitions/{competition_id}/stages/{stage_id}/ranking",
            response={200: CompetitionRankingOut, **READ},
            summary="阶段排名（按本竞赛的同分处理规则，在数据库中排序），分页")
def ranking(request: HttpRequest, competition_id: PathId, stage_id: PathId, filters: Query[CompetitionRankFilters]
            ) -> dict[str, Any]:
    stage = _stage(request, competition_id, stage_id)
    page = selectors.competition_ranking(scope=view_scope(request), stage=stage, after=filters.after,
                                         before=filters.before, per_page=filters.per_page)
    return {"stage_id": stage.pk, "total": page.total, "page": page.page, "pages": page.pages,
            "per_page": page.per_page, "next": page.next_cursor, "previous": page.prev_cursor,
            "rows": [{"rank": r.rank, "entry_id": r.entry.pk, "name": r.entry.name,
                      "employer_name": r.entry.employer_name, "score": r.score, "tiebreak": r.tiebreak,
                      "advanced": r.advanced} for r in page.rows]}


@router.post("/skills/competitions/{competition_id}/stages/{stage_id}/advance",
             response={200: CompetitionAdvanceOut, **WRITE},
             summary="结束本阶段，按排名晋级下一阶段（并列在晋级线上的一同晋级，按报名先后规则时恰好为名额数）")
def stage_advance(request: HttpRequest, competition_id: PathId, stage_id: PathId, payload: CompetitionStepIn
                  ) -> dict[str, Any]:
    stage = _stage(request, competition_id, stage_id)
    return {"advanced": services.competition_advance(actor=request.user, stage=stage, on=payload.on)}


@router.get("/skills/competitions/{competition_id}/awards", response={200: list[CompetitionAwardOut], **READ},
            summary="本竞赛评定的奖项（奖次、称号、晋升技能等级、名次和成绩）")
def award_list(request: HttpRequest, competition_id: PathId) -> list[dict[str, Any]]:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=competition_id)
    return [award_out(a) for a in selectors.competition_awards(scope=scope, competition=c)]


@router.post("/skills/competitions/{competition_id}/awards", response={201: CompetitionAwardOut, **WRITE},
             summary="评定奖项（结果公示前）：奖次或授予称号，可晋升技能等级；名次和成绩按评定时的排名记录")
def award_create(request: HttpRequest, competition_id: PathId, payload: CompetitionAwardIn,
                 idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=competition_id)
    try:
        entry = selectors.competition_entry_get(scope=scope, competition=c, pk=payload.entry_id)
    except NotFound:
        raise NotFound(field="entry_id") from None

    def create() -> CompetitionAward:
        with fields_renamed({"entry": "entry_id", "award_title": "title"}):
            return services.competition_award(actor=request.user, entry=entry, grade=payload.grade,
                                              title=payload.title, skill_level=payload.skill_level or "",
                                              note=payload.note, on=payload.on)

    pk = create_once_for(request, idempotency_key, payload, create)
    return Status(201, award_out(selectors.competition_award_get(scope=scope, pk=pk)))


@router.post("/skills/awards/{award_id}/remove", response={204: None, **WRITE},
             summary="撤销一个奖项（结果公示前，须说明原因）")
def award_remove(request: HttpRequest, award_id: PathId, payload: CompetitionAwardRemoveIn) -> Status[None]:
    award = selectors.competition_award_get(scope=view_scope(request), pk=award_id)
    services.competition_award_remove(actor=request.user, award=award, reason=payload.reason)
    return Status(204, None)


@router.post("/skills/awards/{award_id}/nomination", response={200: CompetitionAwardOut, **WRITE},
             summary="记录该奖项已作为荣誉推荐的依据（结果确定后；一个奖项只关联一项推荐）")
def award_link_nomination(request: HttpRequest, award_id: PathId, payload: CompetitionNominationIn
                          ) -> dict[str, Any]:
    scope = view_scope(request)
    award = selectors.competition_award_get(scope=scope, pk=award_id)
    with fields_renamed({"nomination": "nomination_id"}):
        services.competition_award_link_nomination(actor=request.user, award=award,
                                                   nomination_id=payload.nomination_id)
    return award_out(selectors.competition_award_get(scope=scope, pk=award_id))


@router.post("/skills/competitions/{competition_id}/publish", response=DONE,
             summary="公示结果：最后阶段结束，公示期按工作日计算")
def competition_publish(request: HttpRequest, competition_id: PathId, payload: CompetitionStepIn) -> dict[str, Any]:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    services.competition_publish(actor=request.user, competition=c, on=payload.on, version=payload.version)
    return competition_detail(request, competition_id)


@router.post("/skills/competitions/{competition_id}/recall", response=DONE,
             summary="撤回公示（如异议成立，须说明原因），最后阶段重新开放以更正成绩和奖项")
def competition_recall(request: HttpRequest, competition_id: PathId, payload: CompetitionReasonIn
                       ) -> dict[str, Any]:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    services.competition_recall(actor=request.user, competition=c, reason=payload.reason, version=payload.version)
    return competition_detail(request, competition_id)


@router.post("/skills/competitions/{competition_id}/finalise", response=DONE,
             summary="确定结果（公示期满后）")
def competition_finalise(request: HttpRequest, competition_id: PathId, payload: CompetitionStepIn
                         ) -> dict[str, Any]:
    c = selectors.competition_get(scope=view_scope(request), pk=competition_id)
    services.competition_finalise(actor=request.user, competition=c, on=payload.on, version=payload.version)
    return competition_detail(request, competition_id)


@router.get("/skills/competitions/{competition_id}/reports", response={200: list[CompetitionReportOut], **READ},
            summary="阶段总结和年终表扬")
def report_list(request: HttpRequest, competition_id: PathId) -> list[dict[str, Any]]:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=competition_id)
    return [report_out(r) for r in selectors.competition_reports(scope=scope, competition=c).order_by("-pk")]


@router.post("/skills/competitions/{competition_id}/summaries", response={201: CompetitionReportOut, **WRITE},
             summary="阶段总结（竞赛进行中或结果公示、确定后）")
def summary_create(request: HttpRequest, competition_id: PathId, payload: CompetitionSummaryIn,
                   idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=competition_id)
    pk = create_once_for(request, idempotency_key, payload, lambda: services.competition_summarise(
        actor=request.user, competition=c, title=payload.title, text=payload.text, on=payload.on))
    return Status(201, report_out(selectors.competition_reports(scope=scope, competition=c).get(pk=pk)))


@router.post("/skills/competitions/{competition_id}/commendations", response={201: CompetitionReportOut, **WRITE},
             summary="年终表扬（结果确定后），entry_ids 为表扬的参赛者")
def commendation_create(request: HttpRequest, competition_id: PathId, payload: CompetitionCommendIn,
                        idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    scope = view_scope(request)
    c = selectors.competition_get(scope=scope, pk=competition_id)
    entries = []
    for pk in dict.fromkeys(payload.entry_ids):
        try:
            entries.append(selectors.competition_entry_get(scope=scope, competition=c, pk=pk))
        except NotFound:
            raise NotFound(field="entry_ids") from None

    def create() -> CompetitionReport:
        with fields_renamed({"entry": "entry_ids"}):
            return services.competition_commend(actor=request.user, competition=c, year=payload.year,
                                                title=payload.title, text=payload.text, entries=entries,
                                                on=payload.on)

    pk = create_once_for(request, idempotency_key, payload, create)
    return Status(201, report_out(selectors.competition_reports(scope=scope, competition=c).get(pk=pk)))

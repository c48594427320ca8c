"""民主管理 (职代会) over the API: congresses, their terms with the delegate roster and its composition
check, sessions, agenda items with their votes and resolutions.

Records load through democracy.view, so another county's congress is a 404 like a missing one; the
services refuse with 403 one who sees but may not manage, and with 409 a second vote or resolution,
so a retried request never records twice.
"""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Status
from ninja.pagination import paginate

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS, fields_renamed
from gonghui.api.common.idempotency import IDEMPOTENCY_KEY, IdempotencyKey, create_once_for
from gonghui.api.common.pagination import Pagination
from gonghui.api.common.schemas import MAX_ID, ErrorOut, Omit
from gonghui.api.democracy.schemas import (
    AgendaVoteIn,
    CongressDetailOut,
    CongressFilters,
    CongressGuidanceIn,
    CongressIn,
    CongressOut,
    CongressTermOut,
    ItemIn,
    ItemOut,
    ResolutionIn,
    RosterIn,
    SessionIn,
    SessionOut,
    TermDetailOut,
    TermIn,
)
from gonghui.core.audit import actor_shown
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.democracy import selectors, services
from gonghui.democracy.models import AgendaItem, CongressSession, CongressTerm, WorkersCongress
from gonghui.democracy.standing import may_act, may_guide
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import employer_get

router = Router(tags=["democracy"])

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.DEMOCRACY_VIEW)


def list_scope(request: HttpRequest) -> Scope:
    """A list for someone who holds the permission nowhere is a refusal, not an empty page."""
    scope = view_scope(request)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def load_employer(request: HttpRequest, pk: int, field: str = "employer_id") -> Employer:
    try:
        return employer_get(scope=view_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field=field) from None


def congress_out(c: WorkersCongress) -> dict[str, Any]:
    return {"id": c.pk, "employer": {"id": c.employer_id, "name": c.employer.name}, "form": c.form,
            "form_label": str(c.get_form_display()), "established_on": c.established_on}


def _congress_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    scope = view_scope(request)
    c = selectors.congress_get(scope=scope, pk=pk)
    return {**congress_out(c), "terms": list(c.terms.order_by("-number")),
            "sessions": [{"id": s.pk, "term_id": s.term_id, "number": s.number, "held_on": s.held_on,
                          "title": s.title} for s in selectors.congress_sessions(scope=scope, congress=c)],
            "assessments": list(selectors.employer_assessments(scope=scope, employer=c.employer)),
            "guidance": [{"actor": actor_shown(g.actor_label), "note": g.note, "at": g.at}
                         for g in selectors.congress_guidance(congress=c)],
            "actions": [a for a, may in (("manage", may_act), ("guide", may_guide)) if may(request.user, c.org_path)]}


def _term_detail(request: HttpRequest, term: CongressTerm) -> dict[str, Any]:
    scope = view_scope(request)
    return {**CongressTermOut.from_orm(term).dict(), "congress_id": term.congress_id,
            "delegates": list(selectors.term_delegates(scope=scope, term=term)),
            "composition": [{"key": c.key, "rule": str(c.rule), "required": str(c.required),
                             "actual": str(c.actual), "ok": c.ok}
                            for c in selectors.term_composition(scope=scope, term=term)]}


def _session_detail(request: HttpRequest, session: CongressSession) -> dict[str, Any]:
    return {"id": session.pk, "term_id": session.term_id, "number": session.number, "held_on": session.held_on,
            "title": session.title, "congress_id": session.term.congress_id,
            "items": list(selectors.session_items(scope=view_scope(request), session=session))}


@router.get("/democracy/congresses", response={200: list[CongressOut], **READ},
            summary="职代会（职工代表大会或全体职工大会）制度：范围内已建制的单位，可按单位名称查找")
@paginate(Pagination)
def congress_list(request: HttpRequest, filters: Query[CongressFilters]) -> Any:
    return [congress_out(c) for c in selectors.congress_list(scope=list_scope(request), query=filters.q)]


@router.post("/democracy/congresses", response={201: CongressDetailOut, **WRITE},
             summary="建立职代会制度（职工少于规定人数的单位可为全体职工大会）")
def congress_create(request: HttpRequest, payload: CongressIn,
                    idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    employer = load_employer(request, payload.employer_id)

    def create() -> WorkersCongress:
        with fields_renamed({"employer": "employer_id"}):
            return services.congress_establish(actor=request.user, employer=employer, form=payload.form,
                                               established_on=payload.established_on)

    return Status(201, _congress_detail(request, create_once_for(request, idempotency_key, payload, create)))


@router.get("/democracy/congresses/{congress_id}", response={200: CongressDetailOut, **READ},
            summary="职代会：各届任期、历次会议和厂务公开民主评议结果")
def congress_get(request: HttpRequest, congress_id: PathId) -> dict[str, Any]:
    return _congress_detail(request, congress_id)


@router.post("/democracy/congresses/{congress_id}/guidance", response={200: CongressDetailOut, **WRITE},
             summary="上级工会对本单位职代会工作提出指导意见（不改变已登记内容；同一人重复提交相同内容只记一次）")
def congress_guidance(request: HttpRequest, congress_id: PathId, payload: CongressGuidanceIn) -> dict[str, Any]:
    c = selectors.congress_get(scope=view_scope(request), pk=congress_id)
    services.congress_guide(actor=request.user, congress=c, note=payload.note)
    return _congress_detail(request, c.pk)


@router.post("/democracy/congresses/{congress_id}/terms", response={201: TermDetailOut, **WRITE},
             summary="新一届任期（3至5年，规则可调），记录选举时的职工总数、女职工和劳务派遣职工人数")
def term_create(request: HttpRequest, congress_id: PathId, payload: TermIn,
                idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    c = selectors.congress_get(scope=view_scope(request), pk=congress_id)
    pk = create_once_for(request, idempotency_key, payload,
                         lambda: services.term_open(actor=request.user, congress=c, **payload.dict()))
    return Status(201, _term_detail(request, selectors.term_get(scope=view_scope(request), pk=pk)))


@router.get("/democracy/terms/{term_id}", response={200: TermDetailOut, **READ},
            summary="一届任期：职工代表名单及其构成是否符合规定（逐条列出要求和实际）")
def term_get(request: HttpRequest, term_id: PathId) -> dict[str, Any]:
    return _term_detail(request, selectors.term_get(scope=view_scope(request), pk=term_id))


@router.put("/democracy/terms/{term_id}/delegates", response={200: TermDetailOut, **WRITE},
            summary="登记本届职工代表名单（整体替换；构成不符合规定时整体拒绝并说明违反的规则）；"
                    "member_id 关联会员，不填时按姓名关联本单位唯一同名会员")
def term_roster(request: HttpRequest, term_id: PathId, payload: RosterIn) -> dict[str, Any]:
    term = selectors.term_get(scope=view_scope(request), pk=term_id)
    services.delegates_elect(actor=request.user, term=term, delegates=[
        services.DelegateInput(**row.dict(exclude_none=True)) for row in payload.delegates])
    return _term_detail(request, term)


@router.post("/democracy/terms/{term_id}/sessions", response={201: SessionOut, **WRITE},
             summary="登记一次会议（召开日期须在本届任期内）")
def session_create(request: HttpRequest, term_id: PathId, payload: SessionIn,
                   idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[Any]:
    term = selectors.term_get(scope=view_scope(request), pk=term_id)
    pk = create_once_for(request, idempotency_key, payload, lambda: services.session_hold(
        actor=request.user, term=term, held_on=payload.held_on, title=payload.title))
    return Status(201, _session_detail(request, selectors.session_get(scope=view_scope(request), pk=pk)))


@router.get("/democracy/sessions/{session_id}", response={200: SessionOut, **READ},
            summary="一次会议及其表决事项、表决结果和决议")
def session_get(request: HttpRequest, session_id: PathId) -> dict[str, Any]:
    return _session_detail(request, selectors.session_get(scope=view_scope(request), pk=session_id))


@router.post("/democracy/sessions/{session_id}/items", response={201: ItemOut, **WRITE},
             summary="增加表决事项（集体合同草案、涉及职工切身利益的规章制度、职工董事监事选举、民主评议领导人员等）")
def item_create(request: HttpRequest, session_id: PathId, payload: ItemIn,
                idempotency_key: IdempotencyKey | Omit = IDEMPOTENCY_KEY) -> Status[AgendaItem]:
    session = selectors.session_get(scope=view_scope(request), pk=session_id)
    pk = create_once_for(request, idempotency_key, payload, lambda: services.agenda_item_add(
        actor=request.user, session=session, kind=payload.kind, title=payload.title))
    return Status(201, selectors.agenda_item_get(scope=view_scope(request), pk=pk))


@router.post("/democracy/items/{item_id}/vote", response={200: ItemOut, **WRITE},
             summary="记录无记名投票结果（只记票数）：不足法定人数的拒绝并列出人数；未过半数的记为未通过；"
                     "已表决的再次提交返回409")
def item_vote(request: HttpRequest, item_id: PathId, payload: AgendaVoteIn) -> AgendaItem:
    scope = view_scope(request)
    item = selectors.agenda_item_get(scope=scope, pk=item_id)
    services.agenda_vote_record(actor=request.user, item=item, **payload.dict())
    return selectors.agenda_item_get(scope=scope, pk=item_id)


@router.post("/democracy/items/{item_id}/resolution", response={200: ItemOut, **WRITE},
             summary="形成决议（仅限表决通过的事项；已形成决议的再次提交返回409）")
def item_resolve(request: HttpRequest, item_id: PathId, payload: ResolutionIn) -> AgendaItem:
    item = selectors.agenda_item_get(scope=view_scope(request), pk=item_id)
    return services.agenda_resolve(actor=request.user, item=item, resolution=payload.resolution)

"""The employer risk radar over the API: the ranked list (keyset: pass `after` from the last page),
one employer's score, the alerts and their answers, the rules (root only to change)."""

from typing import Annotated, Any

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest
from ninja import Field, Path, Query, Router, Schema

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import employer_get
from gonghui.reports.risk import selectors
from gonghui.reports.risk.rules import current_rules
from gonghui.reports.risk.scoring import components_shown
from gonghui.reports.risk.services import alert_close, may_change_risk_rules, risk_list_employer, risk_rules_set
from gonghui.reports.risk_models import EmployerRiskScore, RiskAlert

router = Router(tags=["risk"])
Id = Annotated[int, Path(ge=1, le=MAX_ID)]
READ = {READ_ERRORS: ErrorOut}
WRITE = {WRITE_ERRORS: ErrorOut}


class RadarQuery(Schema):
    union: int | None = Field(None, ge=1, le=MAX_ID)
    industry: str = Field("", max_length=1)
    min_score: int = Field(0, ge=0, le=100000)
    component: str = Field("", max_length=20)
    all: bool = Field(False, description="true: every employer, those with a score of 0 included")
    after: str = Field("", max_length=40)


class ComponentOut(Schema):
    code: str
    label: str
    value: int
    points: int
    sentence: str


class ScoreOut(Schema):
    employer_id: int
    employer_name: str
    score: int
    computed_at: Any
    components: list[ComponentOut]


class RadarOut(Schema):
    rows: list[ScoreOut]
    next_after: str


class AlertOut(Schema):
    id: int
    employer_id: int
    employer_name: str
    score: int
    previous_score: int
    threshold: int
    status: str
    reason: str
    raised_at: Any
    listing_id: int | None


class AlertCloseIn(Schema):
    status: str = Field(..., max_length=20)
    reason: str = Field(..., max_length=500)


class RulesIn(Schema):
    values: dict[str, int]


class ListIn(Schema):
    reason: str = Field(..., max_length=20)
    note: str = Field("", max_length=500)


def _scope(request: HttpRequest) -> Any:
    return scope_for(request.user, Perm.STATS_VIEW)


def _score(s: EmployerRiskScore, months: int) -> dict[str, Any]:
    return {"employer_id": s.employer_id, "employer_name": s.employer.name, "score": s.score,
            "computed_at": s.computed_at, "components": components_shown(s.components, months=months)}


def _alert(a: RiskAlert) -> dict[str, Any]:
    return {"id": a.pk, "employer_id": a.employer_id, "employer_name": a.employer.name, "score": a.score,
            "previous_score": a.previous_score, "threshold": a.threshold, "status": a.status, "reason": a.reason,
            "raised_at": a.raised_at, "listing_id": a.listing_id}


@router.get("/risk/radar", response={200: RadarOut, **READ},
            summary="风险雷达：本人范围内有风险分的用人单位按分从高到低（all=true 含零分；after 翻页）")
def radar(request: HttpRequest, q: Query[RadarQuery]) -> dict[str, Any]:
    scope = _scope(request)
    filters = selectors.radar_filters(scope=scope, params=q.dict())
    page = selectors.radar_page(scope=scope, filters=filters, after=q.after)
    months = current_rules().window_months
    return {"rows": [_score(s, months) for s in page.rows], "next_after": page.next_after}


@router.get("/risk/employers/{employer_id}", response={200: ScoreOut | None, **READ},
            summary="一家用人单位的风险分及构成")
def employer_score(request: HttpRequest, employer_id: Id) -> Any:
    scope = _scope(request)
    employer = employer_get(scope=scope, pk=employer_id)
    s = selectors.employer_score(scope=scope, employer=employer)
    return _score(s, current_rules().window_months) if s else None


@router.get("/risk/alerts", response={200: list[AlertOut], **READ},
            summary="风险预警（status 筛选），最新的在前，最多200条")
def alerts(request: HttpRequest, status: Annotated[str, Query(max_length=20)] = "") -> list[dict[str, Any]]:
    return [_alert(a) for a in selectors.alert_list(scope=_scope(request), status=status)[:200]]


@router.post("/risk/alerts/{alert_id}/close", response={200: AlertOut, **WRITE},
             summary="处理预警：acknowledged（已知悉）或 dismissed（已排除），须写说明")
def close(request: HttpRequest, alert_id: Id, payload: AlertCloseIn) -> dict[str, Any]:
    alert = selectors.alert_get(scope=_scope(request), pk=alert_id)
    return _alert(alert_close(actor=request.user, alert=alert, status=payload.status, reason=payload.reason))


@router.post("/risk/employers/{employer_id}/list", response={200: dict[str, int], **WRITE},
             summary="把用人单位列入劳动关系风险名单（经组织服务），并关闭其待处理预警")
def list_employer(request: HttpRequest, employer_id: Id, payload: ListIn) -> dict[str, int]:
    employer = employer_get(scope=_scope(request), pk=employer_id)
    listing = risk_list_employer(actor=request.user, employer=employer, reason=payload.reason, note=payload.note)
    return {"listing_id": listing.pk}


@router.get("/risk/rules", response={200: dict[str, int], **READ}, summary="风险预警规则")
def rules(request: HttpRequest) -> dict[str, int]:
    if _scope(request).is_empty:
        raise DjangoPermissionDenied
    return dict(current_rules().values)


@router.put("/risk/rules", response={200: dict[str, int], **WRITE},
            summary="修改风险预警规则（仅最高一级工会）；逐项指出错误")
def rules_set(request: HttpRequest, payload: RulesIn) -> dict[str, int]:
    if not may_change_risk_rules(request.user):
        raise DjangoPermissionDenied
    return dict(risk_rules_set(actor=request.user, values=payload.values).values)

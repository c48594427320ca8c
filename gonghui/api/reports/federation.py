"""The national tier over the API: a lower deployment posts its figures, signed with its own key (no
cadre login: reports.federation.signing checks the signature, the clock and the nonce); the root's
statistics readers read what every lower deployment sent, and this deployment's send log."""

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema
from ninja.security import APIKeyHeader

from gonghui.api.common.errors import READ_ERRORS
from gonghui.api.common.schemas import ErrorOut
from gonghui.reports.federation import selectors, signing
from gonghui.reports.federation.figures import MAX_FIGURES
from gonghui.reports.federation.models import PeerDeployment
from gonghui.reports.federation.services import figures_receive

router = Router(tags=["federation"])

Amount = Annotated[Decimal, Field(max_digits=20, decimal_places=4, allow_inf_nan=False)]
Text = Annotated[str, Field(max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$")]
Name = Annotated[str, Field(min_length=3, max_length=80, pattern=r"^[a-z][a-z0-9_]*\.[a-z0-9_.]+$")]


class DeploymentSignature(APIKeyHeader):
    """A deployment's Ed25519 signature in X-Gonghui-Signature, with X-Gonghui-Deployment, -Timestamp
    and -Nonce (reports/federation/signing.py says what is signed)."""

    param_name = signing.H_SIGNATURE

    def authenticate(self, request: HttpRequest, key: str | None) -> PeerDeployment:
        return signing.verify_request(request)


class FigureIn(Schema):
    metric: Name
    version: int = Field(..., ge=1, le=1_000_000)
    unit: str = Field(..., min_length=1, max_length=40, pattern=r"^[A-Za-z0-9]+$")
    unit_name: Text
    root: bool
    label: Text = ""
    measure: str = Field("", max_length=20, pattern=r"^[^\x00-\x1f\x7f]*$")
    value: Amount | None = None
    numerator: Amount | None = None
    denominator: Amount | None = None
    as_of: datetime
    # Read from the lower side's stored refresh (数据截至 its refresh) or computed when sent.
    source: str = Field("", pattern=r"^(stored|live)?$")


class FiguresIn(Schema):
    deployment: str = Field(..., pattern=r"^\d{6}$")
    period: str = Field(..., min_length=4, max_length=24)
    sent_at: datetime
    figures: list[FigureIn] = Field(..., max_length=MAX_FIGURES)
    # A send larger than MAX_FIGURES comes as several messages of one batch, each whole metrics.
    batch: str = Field("", max_length=36, pattern=r"^[0-9a-f-]*$")
    part: int = Field(1, ge=1, le=1000)
    parts: int = Field(1, ge=1, le=1000)


class ReceivedOut(Schema):
    figures: int
    changed: int


class ReceivedFigureOut(Schema):
    unit: str
    unit_name: str
    version: int
    value: Decimal | None
    numerator: Decimal | None
    denominator: Decimal | None
    as_of: datetime
    changed_at: datetime


class DeploymentOut(Schema):
    code: str
    name: str
    active: bool
    as_of: datetime | None  # None: nothing received for this metric and period
    root: ReceivedFigureOut | None
    children: list[ReceivedFigureOut]


class BoardQuery(Schema):
    metric: Name
    period: str = Field(..., min_length=4, max_length=24, pattern=r"^[0-9SQ~-]+$")


class SendOut(Schema):
    id: int
    period: str
    status: str
    started_at: datetime
    finished_at: datetime | None
    figures: int
    http_status: int | None
    error: str


WRITE = {200: ReceivedOut, frozenset({400, 401, 403, 413, 422}): ErrorOut}
READ = {frozenset(READ_ERRORS | {403}): ErrorOut}


@router.post("/federation/figures", auth=DeploymentSignature(), response=WRITE,
             summary="下级部署上报汇总数据（Ed25519 签名；同一期间、指标、版本和单位重发即替换）")
def figures_post(request: HttpRequest, payload: FiguresIn) -> dict[str, Any]:
    peer: PeerDeployment = request.auth  # type: ignore[attr-defined]
    done = figures_receive(peer=peer, deployment=payload.deployment, period=payload.period,
                           figures=[f.dict() for f in payload.figures], part=(payload.part, payload.parts))
    return {"figures": done.figures, "changed": done.changed}


def _figure(row: Any) -> dict[str, Any]:
    return {"unit": row.unit, "unit_name": row.unit_name, "version": row.version, "value": row.value,
            "numerator": row.numerator, "denominator": row.denominator, "as_of": row.as_of,
            "changed_at": row.changed_at}


@router.get("/federation/figures", response={200: list[DeploymentOut], **READ},
            summary="各下级部署上报的某指标某期间数据（仅最高一级工会的统计人员）")
def figures_board(request: HttpRequest, filters: Query[BoardQuery]) -> list[dict[str, Any]]:
    columns = selectors.received_board(user=request.user, metric=filters.metric, period=filters.period)
    return [{"code": c.peer.code, "name": c.peer.name, "active": c.peer.active, "as_of": c.as_of,
             "root": _figure(c.root) if c.root is not None else None,
             "children": [_figure(row) for row in c.children]} for c in columns]


@router.get("/federation/sends", response={200: list[SendOut], **READ},
            summary="本部署向上级部署上报的记录（最近100次）")
def sends(request: HttpRequest) -> list[Any]:
    return list(selectors.send_log(user=request.user)[:100])

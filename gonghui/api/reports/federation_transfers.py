"""会籍接转 between deployments over the API, every message signed by the deployment sending it (no
cadre login: reports.federation.signing). B asks A for a worker and passes on the worker's code; A
tells B of the release (or that the worker agreed, declined or withdrew on A's portal); B tells A it has
admitted the worker, or refused or withdrew the request."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Path, Router, Schema

from gonghui.api.common.schemas import ErrorOut
from gonghui.api.reports.federation import DeploymentSignature, Text
from gonghui.reports.federation.models import PeerDeployment
from gonghui.reports.federation.transfers_close import cross_transfer_closed, cross_transfer_confirmed
from gonghui.reports.federation.transfers_in import cross_transfer_released
from gonghui.reports.federation.transfers_out import (
    cross_transfer_accepted,
    cross_transfer_code,
    cross_transfer_open,
)

router = Router(tags=["federation"], auth=DeploymentSignature())
Ref = Annotated[str, Path(min_length=36, max_length=36, pattern=r"^[0-9a-f-]{36}$")]
ANSWERS = frozenset({400, 401, 404, 409, 422, 429})
Day = Annotated[str | None, Field(None, pattern=r"^\d{4}-\d{2}-\d{2}$")]


class TransferAskIn(Schema):
    ref: str = Field(..., min_length=36, max_length=36, pattern=r"^[0-9a-f-]{36}$")
    id_type: str = Field(..., max_length=12, pattern=r"^[a-z_]*$")
    id_number: str = Field(..., min_length=1, max_length=40)
    to_union_name: Text
    reason: str = Field("", max_length=200)


class CodeIn(Schema):
    code: str = Field(..., min_length=1, max_length=10, pattern=r"^\d+$")


class HistoryIn(Schema):
    union: Text
    joined: Day
    ended: Day


class ReleasedIn(Schema):
    name: str = Field(..., min_length=1, max_length=50)
    gender: str = Field("", max_length=10)
    join_date: Day
    history: list[HistoryIn] = Field(default_factory=list, max_length=50)


class ClosedIn(Schema):
    status: str = Field(..., pattern=r"^(refused|cancelled|declined)$")
    reason: str = Field("", max_length=200, pattern=r"^[^\x00-\x1f\x7f]*$")


class ConfirmedIn(Schema):
    from_union_name: Text


class StateOut(Schema):
    status: str
    from_union_name: str = ""


def _peer(request: HttpRequest) -> PeerDeployment:
    return request.auth  # type: ignore[attr-defined,no-any-return]


@router.post("/federation/transfers", response={200: StateOut, ANSWERS: ErrorOut},
             summary="其他部署的接收工会按证件号码申请会籍接转（待本人短信确认）")
def transfer_ask(request: HttpRequest, payload: TransferAskIn) -> dict[str, Any]:
    done = cross_transfer_open(peer=_peer(request), ref=payload.ref, id_type=payload.id_type,
                               id_number=payload.id_number, to_union_name=payload.to_union_name, reason=payload.reason)
    return {"status": done.status}


@router.post("/federation/transfers/{ref}/confirm", response={200: StateOut, ANSWERS: ErrorOut},
             summary="转交本人读出的短信验证码：本人同意后开始转出期限，并告知转出工会名称")
def transfer_code(request: HttpRequest, ref: Ref, payload: CodeIn) -> dict[str, Any]:
    done = cross_transfer_code(peer=_peer(request), ref=ref, code=payload.code)
    return {"status": done.status, "from_union_name": done.union.name}


@router.post("/federation/transfers/{ref}/released", response={200: StateOut, ANSWERS: ErrorOut},
             summary="转出部署告知已转出：只含接收所需的姓名、性别、入会日期和会籍经历")
def transfer_released(request: HttpRequest, ref: Ref, payload: ReleasedIn) -> dict[str, Any]:
    done = cross_transfer_released(peer=_peer(request), ref=ref, data=payload.dict())
    return {"status": done.status}


@router.post("/federation/transfers/{ref}/accepted", response={200: StateOut, ANSWERS: ErrorOut},
             summary="接收部署告知已接收：转出部署结束原会籍")
def transfer_accepted(request: HttpRequest, ref: Ref) -> dict[str, Any]:
    done = cross_transfer_accepted(peer=_peer(request), ref=ref)
    return {"status": done.status}


@router.post("/federation/transfers/{ref}/closed", response={200: StateOut, ANSWERS: ErrorOut},
             summary="对方部署告知接转已关闭（接收工会拒绝或撤回；本人不同意或撤回），本部署同样关闭")
def transfer_closed(request: HttpRequest, ref: Ref, payload: ClosedIn) -> dict[str, Any]:
    done = cross_transfer_closed(peer=_peer(request), ref=ref, status=payload.status, reason=payload.reason)
    return {"status": done.status}


@router.post("/federation/transfers/{ref}/confirmed", response={200: StateOut, ANSWERS: ErrorOut},
             summary="转出部署告知本人已在会员服务平台同意：开始转出期限，并告知转出工会名称")
def transfer_confirmed(request: HttpRequest, ref: Ref, payload: ConfirmedIn) -> dict[str, Any]:
    done = cross_transfer_confirmed(peer=_peer(request), ref=ref, from_union_name=payload.from_union_name)
    return {"status": done.status}

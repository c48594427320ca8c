"""Reading the national tier: the figures lower deployments sent, side by side, and this deployment's
send log. Both are about the whole deployment, so only those whose statistics scope covers the root
union read them; anyone else is refused, whatever they hold below."""

from dataclasses import dataclass, field
from typing import Any

from gonghui.core.errors import PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import covers_all_roots, scope_for
from gonghui.reports.federation.models import FederationSend, PeerDeployment, ReceivedFigure


def may_read_federation(user: Any) -> bool:
    return covers_all_roots(scope_for(user, Perm.STATS_VIEW))


def _require(user: Any) -> None:
    if not may_read_federation(user):
        raise PermissionDenied()


@dataclass
class PeerColumn:
    peer: PeerDeployment
    root: ReceivedFigure | None = None  # None: nothing received for this metric and period
    children: list[ReceivedFigure] = field(default_factory=list)

    @property
    def as_of(self) -> Any:
        return self.root.as_of if self.root is not None else None


def received_board(*, user: Any, metric: str, period: str) -> list[PeerColumn]:
    """Every registered deployment (active or with figures) and what it sent for `metric` and `period`:
    its root's figure and its children's, at the highest version it sent. One query for the figures."""
    _require(user)
    rows = list(ReceivedFigure.objects.filter(metric=metric, period=period).order_by("peer_id", "-version", "unit"))
    top_version: dict[int, int] = {}
    for row in rows:
        top_version.setdefault(row.peer_id, row.version)
    columns = {p.pk: PeerColumn(p) for p in PeerDeployment.objects.all()
               if p.active or p.pk in top_version}
    for row in rows:
        column = columns.get(row.peer_id)
        if column is None or row.version != top_version[row.peer_id]:
            continue
        if row.is_root:
            column.root = row
        else:
            column.children.append(row)
    return list(columns.values())


def received_metrics(*, user: Any) -> list[tuple[str, str]]:
    """(metric name, label) of every metric received, for the page's choice."""
    _require(user)
    seen: dict[str, str] = {}
    for name, label in (ReceivedFigure.objects.order_by("metric", "-received_at")
                        .values_list("metric", "metric_label").distinct()):
        seen.setdefault(name, label)
    return sorted(seen.items())


def received_periods(*, user: Any) -> list[str]:
    _require(user)
    return sorted(set(ReceivedFigure.objects.values_list("period", flat=True).distinct()), reverse=True)


def peers(*, user: Any) -> list[PeerDeployment]:
    _require(user)
    return list(PeerDeployment.objects.all())


def send_log(*, user: Any) -> Any:
    _require(user)
    return FederationSend.objects.all()


def menu_shows_federation(user: Any) -> bool:
    """The menu's hint, without a query: a statistics grant on a top-level union (a tree has one root
    per deployment). The pages themselves check `may_read_federation`."""
    from gonghui.orgs.tree import STEP_LEN

    return any(len(path) == STEP_LEN for path in user.scope_roots(Perm.STATS_VIEW))


def cross_transfers(*, scope: Any) -> Any:
    """Cross-deployment transfers at this side's unions within `scope` (member.view), newest first."""
    from gonghui.reports.federation.transfer_models import CrossTransfer

    return CrossTransfer.objects.visible_to(scope).select_related("peer", "union", "member")


def cross_transfer_get(*, scope: Any, pk: int) -> Any:
    from gonghui.orgs.scope import get_visible
    from gonghui.reports.federation.transfer_models import CrossTransfer

    return get_visible(CrossTransfer.objects.select_related("peer", "union", "member"), scope, pk=pk)


def transfer_peers() -> list[PeerDeployment]:
    """The deployments a transfer may be asked from: active, with an address to send to. Names and
    codes only, which every cadre asking for a worker needs to choose from."""
    return list(PeerDeployment.objects.filter(active=True).exclude(url=""))


def my_cross_transfers(*, phone: str) -> list[Any]:
    """The requests from other deployments for the worker whose phone the portal login proved (the
    phone of the member record), newest first."""
    from gonghui.core.crypto import blind_index_candidates
    from gonghui.reports.federation.transfer_models import CrossTransfer

    return list(CrossTransfer.objects.filter(side=CrossTransfer.Side.OUT,
                                             member__phone_index__in=blind_index_candidates(phone))
                .select_related("union", "peer"))

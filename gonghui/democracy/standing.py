"""Whose 民主管理 record it is, and so who acts on it: the one place the services (refusing) and the
console and API (offering) ask.

A congress, its terms, delegates, sessions, votes and proposals, an employer's disclosures, its
openness assessments and its board seats all belong to the union holding the employer (the path
copied on every row). A democracy.manage grant on that very union makes one its holder, who records
them; a democracy.manage grant on a union strictly above makes one a supervisor, who reads them and
records 指导意见 on the congress, and nothing else (see docs/decisions.md). The rules' numbers
(DemocracyRule, AgendaRule) stay with whoever manages the root, as before.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import PermissionDenied, msg
from gonghui.core.permissions import Perm
from gonghui.orgs.holding import held_paths, holds, supervises
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require

MANAGE, VIEW = Perm.DEMOCRACY_MANAGE, Perm.DEMOCRACY_VIEW


def may_act(actor: Any, org_path: str) -> bool:
    """The actor holds the record's union: its steps are offered."""
    return holds(actor, MANAGE, org_path)


def may_guide(actor: Any, org_path: str) -> bool:
    """The actor manages 民主管理 on a union strictly above the record's: 指导意见 is offered."""
    return supervises(actor, MANAGE, org_path)


def held_union_paths(actor: Any) -> set[str]:
    """Where the actor may start a record (a congress, a disclosure): the unions it holds."""
    return held_paths(actor, MANAGE)


def _holder_name(org_path: str) -> str:
    return TradeUnion.objects.filter(path=org_path).values_list("name", flat=True).first() or ""


def check_holder(actor: Any, org_path: str) -> None:
    """Out of sight answers like missing; in sight but someone else's, refused naming the holder."""
    require(actor, MANAGE, org_path, visible_permission=VIEW)
    if not holds(actor, MANAGE, org_path):
        raise PermissionDenied(
            msg(_("该民主管理记录由%(union)s办理，只有该工会的干部可以登记和办理；上级工会可以查阅并提出指导意见。"),
                {"union": _holder_name(org_path)}), code="not_holder")


def check_supervisor(actor: Any, org_path: str) -> None:
    require(actor, MANAGE, org_path, visible_permission=VIEW)
    if not may_guide(actor, org_path):
        raise PermissionDenied(_("指导意见由该单位工会的上级工会提出。"), code="not_above")

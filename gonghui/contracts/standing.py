"""Who the actor is to one contract, and so which steps are theirs: the one place the services
(refusing) and the console and API (offering) ask.

The contract belongs to its union side (职工方): the grassroots union of a 单位 contract, the 工会联合会
or industry union of a 区域性/行业性 one. A contract.manage grant on that very union makes one its
holder, who takes every workflow step. A contract.manage grant on a union strictly above makes one a
supervisor, who reads the contract and its figures and records 指导意见, and nothing else: the
county does not sign, file or 公布 for the enterprise (see docs/decisions.md).
"""

import datetime
from enum import StrEnum
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import IN_FORCE, Action, Status
from gonghui.contracts.models import CollectiveContract
from gonghui.contracts.workflow import allowed_actions, check_action, renewal_opens
from gonghui.core.errors import DomainError, PermissionDenied, msg
from gonghui.core.permissions import Perm
from gonghui.orgs.holding import holds, supervises
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require


class Standing(StrEnum):
    HOLDER = "holder"  # contract.manage on the union side itself
    SUPERVISOR = "supervisor"  # contract.manage on a union strictly above it


# The step each status waits for, shown first.
MAIN_ACTION: dict[str, str] = {
    Status.OFFERED: Action.ANSWER, Status.NEGOTIATING: Action.DRAFT, Status.DRAFTED: Action.VOTE,
    Status.ADOPTED: Action.SIGN, Status.SIGNED: Action.FILE, Status.FILED: Action.APPROVE,
    Status.EFFECTIVE: Action.PUBLISH, Status.PUBLISHED: Action.CHECK, Status.EXPIRED: Action.RENEW,
}


def standings(actor: Any, contract: CollectiveContract) -> frozenset[Standing]:
    found = set()
    if holds(actor, Perm.CONTRACT_MANAGE, contract.org_path):
        found.add(Standing.HOLDER)
    if supervises(actor, Perm.CONTRACT_MANAGE, contract.org_path):
        found.add(Standing.SUPERVISOR)
    return frozenset(found)


def _not_holder(union: TradeUnion, action: Any) -> PermissionDenied:
    return PermissionDenied(
        msg(_("该集体合同的职工方是%(union)s，只有该工会的干部可以%(action)s；上级工会可以查阅并提出指导意见。"),
            {"union": union.name, "action": action}), code="not_holder")


def check_standing(actor: Any, contract: CollectiveContract, action: str) -> None:
    """Raise unless `action` on `contract` is the actor's to take. Out of sight is NotFound, as for
    a missing contract; in sight, a step that is someone else's is refused naming the union side."""
    require(actor, Perm.CONTRACT_MANAGE, contract.org_path, visible_permission=Perm.CONTRACT_VIEW)
    if action == Action.GUIDE:
        if Standing.SUPERVISOR not in standings(actor, contract):
            raise PermissionDenied(_("指导意见由职工方工会的上级工会提出。"), code="not_above")
    elif Standing.HOLDER not in standings(actor, contract):
        raise _not_holder(contract.union, Action(action).label)


def check_offer(actor: Any, union: TradeUnion) -> None:
    """A new 要约 is entered by the union side itself: a union above cannot open one on its behalf."""
    require(actor, Perm.CONTRACT_MANAGE, union.path, visible_permission=Perm.CONTRACT_VIEW)
    if not holds(actor, Perm.CONTRACT_MANAGE, union.path):
        raise _not_holder(union, Action.OFFER.label)


def actions_for(actor: Any, contract: CollectiveContract, *, has_terms: bool,
                today: datetime.date | None = None) -> list[str]:
    """The steps `actor` may take on the contract now, the main one first."""
    found = []
    for action in [*allowed_actions(contract.status), Action.GUIDE]:
        try:
            check_action(contract.status, action)
            check_standing(actor, contract, action)
        except DomainError:
            continue
        found.append(action)
    today = today or timezone.localdate()
    if Action.RENEW in found and contract.end_on and today < renewal_opens(contract.end_on):
        found.remove(Action.RENEW)
    if Action.CHECK in found and not has_terms:
        found.remove(Action.CHECK)
    main = MAIN_ACTION.get(contract.status)
    if contract.status in IN_FORCE and Action.RENEW in found:
        main = Action.RENEW  # within the last three months, renewal is the next thing to do
    if main in found:
        found.remove(main)
        found.insert(0, main)
    return found

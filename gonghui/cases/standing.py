"""Who the actor is to one case, and so which steps are theirs to take: the one place both the
services (refusing) and the case page (offering) ask.

A case belongs to the union holding it. A grant on that very union makes its holder one of the
holding union's cadres; being named handler or lawyer lets one work the case hands-on; a
supervising grant on a union above makes one a supervisor, who presses (督办) but does not sign for,
return, escalate or answer the holding union's steps. A grant higher up the tree is not a grant on
the holding union: a province that dispatched a case to a city supervises it from then on, as the
to-do queue already counts it ("a county does not sign for its townships").
"""

from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Action, Rating
from gonghui.cases.models import Case
from gonghui.cases.workflow import RULES, check_action
from gonghui.core.errors import DomainError, PermissionDenied, ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.orgs import tree
from gonghui.orgs.scope import require, scope_for


class Standing(StrEnum):
    HOLDER = "holder"  # a case.handle grant on the holding union itself
    ASSIGNED = "assigned"  # the case's handler or lawyer
    SUPERVISOR = "supervisor"  # case.supervise over a union strictly above the holding union


HANDS_ON = frozenset({Standing.HOLDER, Standing.ASSIGNED})
# Who may take each step; a step not listed belongs to the holding union's cadres alone.
TAKEN_BY: dict[str, frozenset[Standing]] = {
    Action.START: HANDS_ON, Action.NOTE: HANDS_ON, Action.RESOLVE: HANDS_ON, Action.ATTACH: HANDS_ON,
    Action.SUPERVISE_REPLY: HANDS_ON,
    Action.SUPERVISE: frozenset({Standing.SUPERVISOR}),
}
HOLDERS_ONLY = frozenset({Standing.HOLDER})

# The step each status waits for, shown first; the others follow in this order.
MAIN_STEP: dict[str, str] = {
    "received": Action.CLASSIFY, "classified": Action.DISPATCH, "dispatched": Action.ACCEPT,
    "accepted": Action.START, "returned": Action.DISPATCH, "in_progress": Action.RESOLVE,
    "resolved": Action.CALLBACK, "called_back": Action.CLOSE, "closed": Action.REOPEN, "reopened": Action.START,
}
ORDER = (Action.SUPERVISE, Action.SUPERVISE_REPLY, Action.CLASSIFY, Action.ACCEPT, Action.START, Action.DISPATCH,
         Action.RESOLVE, Action.CALLBACK, Action.CLOSE, Action.REOPEN, Action.NOTE, Action.ASSIGN, Action.ATTACH,
         Action.RETURN, Action.ESCALATE)


def _grant_paths(actor: Any, permission: str) -> set[str]:
    # The grants as given, not the scope's outermost roots: a grant on the holding union counts even
    # when the same person also holds one above it.
    roots = getattr(actor, "scope_roots", None)
    return set(roots(permission)) if roots else set()


def standings(actor: Any, case: Case) -> frozenset[Standing]:
    if getattr(actor, "is_system_actor", False):
        return frozenset(Standing)  # the sweep escalates on behalf of everyone
    found = set()
    if case.org_path in _grant_paths(actor, Perm.CASE_HANDLE):
        found.add(Standing.HOLDER)
    uid = getattr(actor, "pk", None)
    if uid is not None and uid in (case.handler_id, case.lawyer_id) and scope_for(
            actor, Perm.CASE_HANDLE).allows(case.org_path, (case.handler_id, case.lawyer_id)):
        found.add(Standing.ASSIGNED)
    supervise = scope_for(actor, Perm.CASE_SUPERVISE)
    if any(supervise.covers(p) for p in tree.ancestor_paths(case.org_path)):
        found.add(Standing.SUPERVISOR)
    return frozenset(found)


def check_standing(actor: Any, case: Case, action: str) -> None:
    """Raise unless the actor's grants reach the case for `action` and the step is theirs to take.

    Outside the actor's scope the answer is NotFound, as for a missing case; inside it, a step that
    belongs to someone else is refused naming who holds the case.
    """
    rule = RULES[action]
    if not rule.permission:
        return  # the caller's own steps, proved by the portal service
    require(actor, rule.permission, case.org_path, visible_permission=Perm.CASE_VIEW,
            assignees=(case.handler_id, case.lawyer_id))
    if not standings(actor, case) & TAKEN_BY.get(action, HOLDERS_ONLY):
        if action == Action.SUPERVISE:
            raise PermissionDenied(_("只能由承办工会的上级工会督办。"), code="not_above")
        raise PermissionDenied(
            msg(_("案件现由%(union)s承办，只有承办工会或承办人可以%(action)s。"),
                {"union": case.handling_union.name, "action": Action(action).label}), code="not_holder")


def archived_refusal(case: Case) -> DomainError | None:
    """An archived case (cases.retention) has lost its caller and texts: nothing more is done on it."""
    if case.archived_at is not None:
        return ValidationFailed(_("该案件已按保存期限归档，个人信息已删除，不能再办理。"), field="status",
                                code="archived")
    return None


def precondition_refusal(case: Case, action: str) -> DomainError | None:
    """What the case itself lacks for `action`, beyond its status (the services raise it)."""
    if refusal := archived_refusal(case):
        return refusal
    if action == Action.RETURN and not case.dispatched_from_id:
        return ValidationFailed(_("该案件不是派单而来，无处退回。"), field="union", code="not_dispatcher")
    if action == Action.REOPEN and case.rating != Rating.DISSATISFIED:
        return ValidationFailed(_("只有诉求人不满意的案件才能重新办理。"), field="rating", code="not_dissatisfied")
    if action == Action.ESCALATE and len(case.org_path) <= tree.STEP_LEN:
        return ValidationFailed(_("案件已在最高一级工会办理，不能再上报。"), field="union", code="top")
    return None


def actions_for(actor: Any, case: Case, *, open_supervision: bool) -> list[str]:
    """The steps `actor` may take on `case` now, the one its status waits for first."""
    found: list[str] = []
    for action in ORDER:
        if action == Action.SUPERVISE_REPLY and not open_supervision:
            continue
        try:
            check_action(case.status, action)
            check_standing(actor, case, action)
        except DomainError:
            continue
        if precondition_refusal(case, action) is None:
            found.append(action)
    main = MAIN_STEP.get(case.status)
    if main in found:
        found.remove(main)
        found.insert(0, main)
    return found

"""The case's statuses and, per action, where it may start and where it leads.

received → classified → dispatched → accepted → in progress → resolved → called back → closed;
a dispatched or accepted case may be returned (with a reason) and dispatched again; an unresolved
case may be escalated to the parent union, which receives it as a dispatch; a closed case the
caller was not satisfied with may be reopened within 30 days, by the union or by the caller's own
request from the portal (which also reaches a case rated 不满意 that is not yet closed). Notes,
supervision, assignment and attachments change no status but still go through the same service, so
they bump the version and leave an event.
"""

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import OPEN_STATUSES, Action, Rating, Status
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm

REOPEN_WINDOW = datetime.timedelta(days=30)


class Move(StrEnum):
    """Whether an action hands the case to another union, and how that union is checked."""

    NONE = "none"
    DOWN = "down"  # any union in the actor's own scope (dispatch)
    BACK = "back"  # the union that dispatched it (return)
    PARENT = "parent"  # the handling union's parent (escalate)


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status stays as it is
    permission: str  # "" for the caller's own actions on the portal, proved by the service
    stamp: str = ""  # the stage timestamp set by this action
    move: Move = Move.NONE
    recompute_deadline: bool = False


def _s(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


NOT_CLOSED = frozenset(Status.values) - {Status.CLOSED}
UNRESOLVED = frozenset(OPEN_STATUSES)

RULES: dict[str, Rule] = {
    Action.CLASSIFY: Rule(_s(Status.RECEIVED), Status.CLASSIFIED, Perm.CASE_HANDLE, "classified_at",
                          recompute_deadline=True),
    Action.DISPATCH: Rule(_s(Status.CLASSIFIED, Status.ACCEPTED, Status.RETURNED, Status.REOPENED),
                          Status.DISPATCHED, Perm.CASE_HANDLE, "dispatched_at", Move.DOWN, recompute_deadline=True),
    Action.ACCEPT: Rule(_s(Status.DISPATCHED), Status.ACCEPTED, Perm.CASE_HANDLE, "accepted_at"),
    Action.RETURN: Rule(_s(Status.DISPATCHED, Status.ACCEPTED), Status.RETURNED, Perm.CASE_HANDLE, "",
                        Move.BACK, recompute_deadline=True),
    # The union holding the case may handle it itself: most consultations are answered on the call.
    Action.START: Rule(_s(Status.CLASSIFIED, Status.ACCEPTED, Status.RETURNED, Status.REOPENED),
                       Status.IN_PROGRESS, Perm.CASE_HANDLE, "started_at"),
    Action.NOTE: Rule(NOT_CLOSED, None, Perm.CASE_HANDLE),
    Action.RESOLVE: Rule(_s(Status.IN_PROGRESS), Status.RESOLVED, Perm.CASE_HANDLE, "resolved_at"),
    Action.CALLBACK: Rule(_s(Status.RESOLVED), Status.CALLED_BACK, Perm.CASE_HANDLE, "called_back_at"),
    Action.RATE: Rule(_s(Status.RESOLVED), Status.CALLED_BACK, "", "called_back_at"),
    Action.CLOSE: Rule(_s(Status.CALLED_BACK), Status.CLOSED, Perm.CASE_HANDLE, "closed_at"),
    Action.REOPEN: Rule(_s(Status.CLOSED), Status.REOPENED, Perm.CASE_HANDLE, "reopened_at",
                        recompute_deadline=True),
    # The caller's own request, proved by the portal service (phone and window), not by a grant: it
    # reopens at once so the handling union's queue shows it without a second cadre step.
    Action.CALLER_REOPEN: Rule(_s(Status.CLOSED, Status.CALLED_BACK), Status.REOPENED, "", "reopened_at",
                               recompute_deadline=True),
    Action.ESCALATE: Rule(UNRESOLVED - {Status.RECEIVED}, Status.DISPATCHED, Perm.CASE_HANDLE, "dispatched_at",
                          Move.PARENT, recompute_deadline=True),
    Action.SUPERVISE: Rule(UNRESOLVED, None, Perm.CASE_SUPERVISE),
    Action.SUPERVISE_REPLY: Rule(NOT_CLOSED, None, Perm.CASE_HANDLE),
    Action.ASSIGN: Rule(NOT_CLOSED, None, Perm.CASE_HANDLE),
    Action.ATTACH: Rule(NOT_CLOSED, None, Perm.CASE_HANDLE),
}

# Both start a new period for the deadline, counted from the reopening.
REOPENING = frozenset({Action.REOPEN, Action.CALLER_REOPEN})

# The status graph the rules imply, for documentation, the console's buttons and the tests.
TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(r.target for r in RULES.values() if r.target and status in r.sources) for status in Status.values
}


def allowed_actions(status: str) -> list[str]:
    return [action for action, rule in RULES.items() if status in rule.sources]


def check_action(status: str, action: str) -> Rule:
    rule = RULES[action]
    if status not in rule.sources:
        raise ValidationFailed(
            msg(_("案件当前状态为“%(status)s”，不能%(action)s。"),
                {"status": Status(status).label, "action": Action(action).label}),
            field="status", code="bad_transition",
        )
    return rule


def caller_reopen_refusal(*, status: str, rating: str, closed_at: datetime.datetime | None,
                          called_back_at: datetime.datetime | None, now: datetime.datetime) -> Any:
    """Why the caller may not ask to reopen the case now, or None when they may.

    A closed case may be reopened within 30 days of closing whatever its rating (the request itself
    says the caller is not satisfied); a case rated 不满意 and not yet closed, within 30 days of
    the rating.
    """
    if status == Status.CLOSED:
        since = closed_at
    elif status == Status.CALLED_BACK and rating == Rating.DISSATISFIED:
        since = called_back_at
    else:
        return _("只有已归档的案件，或您评价为不满意的案件，才能申请重新办理。")
    if since is None or now - since > REOPEN_WINDOW:
        return _("案件归档（或您评价）已超过30天，不能再申请重新办理。如有新的问题，请重新提交诉求或拨打12351。")
    return None

"""The hardship file's statuses and, per action, where it may start, where it leads, and who may act.

摸底排查 (surveyed) → 申请 (applied) → 基层审核 (reviewed) → 县级审批 (approved) → 建档 (filed) →
帮扶 (aided) → 解困脱困 (exit, into watched) → 监测期满 (closed). 回头看 (re-check) happens while filed,
aided or watched and changes no status. A household that falls back (返困) while watched or after
the watch leaves this file as `relapsed` and re-enters on a new file linked to it.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import OPEN_STATUSES, Action, Status
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm


class Level(StrEnum):
    """Where the actor's grant must reach for the action to be allowed."""

    HOLDER = "holder"  # the union holding the file (or above)
    COUNTY = "county"  # the county-level federation above the holding union (or above it)


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status stays
    permission: str
    stamp: str = ""
    level: Level = Level.HOLDER


def _s(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


BEFORE_APPROVAL = _s(Status.SURVEYED, Status.APPLIED, Status.REVIEWED)
ACTIVE = _s(*OPEN_STATUSES)

RULES: dict[str, Rule] = {
    Action.APPLY: Rule(_s(Status.SURVEYED), Status.APPLIED, Perm.HARDSHIP_EDIT, "applied_at"),
    Action.REVIEW: Rule(_s(Status.APPLIED), Status.REVIEWED, Perm.HARDSHIP_APPROVE, "reviewed_at"),
    Action.APPROVE: Rule(_s(Status.REVIEWED), Status.APPROVED, Perm.HARDSHIP_APPROVE, "approved_at", Level.COUNTY),
    # A refusal at the grassroots stage is the reviewer's; once reviewed, only the county may refuse.
    Action.REJECT: Rule(_s(Status.APPLIED, Status.REVIEWED), Status.REJECTED, Perm.HARDSHIP_APPROVE, "rejected_at"),
    Action.WITHDRAW: Rule(_s(Status.SURVEYED, Status.APPLIED), Status.WITHDRAWN, Perm.HARDSHIP_EDIT),
    Action.FILE_OPEN: Rule(_s(Status.APPROVED), Status.FILED, Perm.HARDSHIP_EDIT, "filed_at"),
    Action.AID: Rule(_s(Status.FILED, Status.AIDED), Status.AIDED, Perm.HARDSHIP_EDIT),
    Action.RECHECK: Rule(_s(Status.FILED, Status.AIDED, Status.WATCHED), None, Perm.HARDSHIP_EDIT,
                         "last_recheck_at"),
    Action.EXIT: Rule(_s(Status.FILED, Status.AIDED), Status.WATCHED, Perm.HARDSHIP_EDIT, "exited_at"),
    Action.CLOSE: Rule(_s(Status.WATCHED), Status.CLOSED, Perm.HARDSHIP_EDIT, "closed_at"),
    Action.RELAPSE: Rule(_s(Status.WATCHED, Status.CLOSED), Status.RELAPSED, Perm.HARDSHIP_EDIT),
    Action.EDIT: Rule(ACTIVE - {Status.WATCHED}, None, Perm.HARDSHIP_EDIT),
    Action.CONSENT: Rule(ACTIVE, None, Perm.HARDSHIP_EDIT),
    Action.ATTACH: Rule(ACTIVE, None, Perm.HARDSHIP_EDIT),
}

# The status graph the rules imply, for documentation, the console's buttons and the tests.
TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(r.target for r in RULES.values() if r.target and r.target != status and status in r.sources)
    for status in Status.values
}


def allowed_actions(status: str) -> list[str]:
    return [action for action, rule in RULES.items() if status in rule.sources]


def check_action(status: str, action: str) -> Rule:
    rule = RULES[action]
    if status not in rule.sources:
        raise ValidationFailed(
            msg(_("困难职工档案当前状态为“%(status)s”，不能%(action)s。"),
                {"status": Status(status).label, "action": Action(action).label}),
            field="status", code="bad_transition",
        )
    return rule

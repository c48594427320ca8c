"""A claim's statuses and, per action, where it may start, where it leads, and whose grant it needs.

submitted → reviewed → approved (with an amount) → paid, or rejected (with a reason) from
submitted or reviewed. The member's union (where the member is enrolled) submits, attaches
documents and reviews; the union that runs the plan approves, rejects and pays, since the money
is its fund's.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.mutualaid.choices import ClaimAction, ClaimStatus, PlanStatus


class At(StrEnum):
    """Which union's grant an action needs."""

    MEMBER_UNION = "member_union"
    PLAN_UNION = "plan_union"


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status stays as it is
    at: At
    stamp: str = ""
    permission: str = Perm.MUTUAL_AID_MANAGE


def _s(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


RULES: dict[str, Rule] = {
    ClaimAction.REVIEW: Rule(_s(ClaimStatus.SUBMITTED), ClaimStatus.REVIEWED, At.MEMBER_UNION, "reviewed_at"),
    ClaimAction.APPROVE: Rule(_s(ClaimStatus.REVIEWED), ClaimStatus.APPROVED, At.PLAN_UNION, "decided_at"),
    ClaimAction.REJECT: Rule(_s(ClaimStatus.SUBMITTED, ClaimStatus.REVIEWED), ClaimStatus.REJECTED, At.PLAN_UNION,
                             "decided_at"),
    ClaimAction.PAY: Rule(_s(ClaimStatus.APPROVED), ClaimStatus.PAID, At.PLAN_UNION, "paid_at"),
    ClaimAction.ATTACH: Rule(_s(ClaimStatus.SUBMITTED, ClaimStatus.REVIEWED), None, At.MEMBER_UNION),
}

# The status graph the rules imply, for the console's buttons and the tests.
TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(r.target for r in RULES.values() if r.target and status in r.sources)
    for status in ClaimStatus.values
}


def allowed_actions(status: str) -> list[str]:
    return [action for action, rule in RULES.items() if status in rule.sources]


def check_action(status: str, action: str) -> Rule:
    rule = RULES[action]
    if status not in rule.sources:
        raise ValidationFailed(
            msg(_("给付申请当前状态为“%(status)s”，不能%(action)s。"),
                {"status": ClaimStatus(status).label, "action": ClaimAction(action).label}),
            field="status", code="bad_transition")
    return rule


# A plan: drafted (rules still editable), open (enrolment and claims), closed (nobody new is
# enrolled; claims for events within the term are still submitted, decided and paid).
PLAN_TRANSITIONS: dict[str, frozenset[str]] = {
    PlanStatus.DRAFT: frozenset({PlanStatus.OPEN}),
    PlanStatus.OPEN: frozenset({PlanStatus.CLOSED}),
    PlanStatus.CLOSED: frozenset(),
}


def check_plan_transition(old: str, new: str) -> None:
    if new not in PLAN_TRANSITIONS[old]:
        raise ValidationFailed(
            msg(_("互助保障计划当前状态为“%(old)s”，不能改为“%(new)s”。"),
                {"old": PlanStatus(old).label, "new": PlanStatus(new).label}),
            field="status", code="bad_transition")

"""The batch's statuses and, per action, where it may start and where it leads.

draft → submitted → approved → paid, or partly paid when the bank's result reports failures;
a submitted batch may be returned to draft for changes; a batch is cancelled from any status
before money moved (draft, submitted, approved with nothing paid). Selecting and reviewing rows
change no status but are only allowed on a draft.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import BatchAction, BatchStatus
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status stays, or the service decides (the bank's result)
    permissions: tuple[str, ...]  # any one of them over the batch's union
    stamp: str = ""


def _s(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


# Approval is the manager's or the reviewer's (审核) work; preparing and paying is the clerk's.
APPROVERS = (Perm.AID_MANAGE, Perm.HARDSHIP_APPROVE)

RULES: dict[str, Rule] = {
    BatchAction.SELECT: Rule(_s(BatchStatus.DRAFT), None, (Perm.AID_DISBURSE,)),
    BatchAction.REVIEW: Rule(_s(BatchStatus.DRAFT), None, (Perm.AID_DISBURSE,)),
    BatchAction.SUBMIT: Rule(_s(BatchStatus.DRAFT), BatchStatus.SUBMITTED, (Perm.AID_DISBURSE,), "submitted_at"),
    BatchAction.RETURN: Rule(_s(BatchStatus.SUBMITTED), BatchStatus.DRAFT, APPROVERS),
    BatchAction.APPROVE: Rule(_s(BatchStatus.SUBMITTED), BatchStatus.APPROVED, APPROVERS, "approved_at"),
    BatchAction.MARK_PAID: Rule(_s(BatchStatus.APPROVED), BatchStatus.PAID, (Perm.AID_DISBURSE,), "paid_at"),
    BatchAction.BANK_RESULT: Rule(_s(BatchStatus.APPROVED), None, (Perm.AID_DISBURSE,), "paid_at"),
    BatchAction.CANCEL: Rule(_s(BatchStatus.DRAFT, BatchStatus.SUBMITTED, BatchStatus.APPROVED),
                             BatchStatus.CANCELLED, (Perm.AID_DISBURSE, Perm.AID_MANAGE), "cancelled_at"),
}

TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(r.target for r in RULES.values() if r.target and status in r.sources)
    | (frozenset({BatchStatus.PAID, BatchStatus.PARTLY_PAID}) if status == BatchStatus.APPROVED else frozenset())
    for status in BatchStatus.values
}


def allowed_actions(status: str) -> list[str]:
    return [action for action, rule in RULES.items() if status in rule.sources]


def check_action(status: str, action: str) -> Rule:
    rule = RULES[action]
    if status not in rule.sources:
        raise ValidationFailed(
            msg(_("批次当前状态为“%(status)s”，不能%(action)s。"),
                {"status": BatchStatus(status).label, "action": BatchAction(action).label}),
            field="status", code="bad_transition",
        )
    return rule

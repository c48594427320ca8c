"""A nomination's statuses and, per action, where it may start and where it leads.

A nomination starts 待本级审核 at the union that nominated it. Each level in its review chain checks
it, passes it (taking a place of its quota, if it has one) or returns it; submitting the level's list
checks the call's rules over the whole list and moves every passed nomination to the next level, and
at the call's issuing union makes them final. The final list is published (公示); after the notice
period, with every objection answered, the issuing union awards or rejects each one.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.honours.choices import Action, CallStatus
from gonghui.honours.choices import NominationStatus as S


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status stays


def _s(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


IN_REVIEW = _s(S.PENDING, S.SELECTED)

RULES: dict[str, Rule] = {
    Action.EDIT: Rule(_s(S.PENDING, S.RETURNED), None),
    Action.ATTACH: Rule(_s(S.PENDING, S.RETURNED), None),
    Action.CHECK: Rule(_s(S.PENDING, S.SELECTED, S.RETURNED), None),
    # A returned nomination re-enters at the bottom when its own union passes it again.
    Action.PASS: Rule(_s(S.PENDING, S.RETURNED), S.SELECTED),
    Action.UNSELECT: Rule(_s(S.SELECTED), S.PENDING),
    Action.SUBMIT: Rule(_s(S.SELECTED), S.PENDING),  # S.FINAL at the issuing union
    Action.RETURN: Rule(IN_REVIEW | _s(S.FINAL), S.RETURNED),
    Action.WITHDRAW: Rule(IN_REVIEW | _s(S.RETURNED), S.WITHDRAWN),
    Action.PUBLISH: Rule(_s(S.FINAL), S.NOTICE),
    Action.OBJECT: Rule(_s(S.NOTICE), None),
    Action.CONCLUDE: Rule(_s(S.NOTICE), None),
    Action.REJECT: Rule(_s(S.FINAL, S.NOTICE), S.REJECTED),
    Action.AWARD: Rule(_s(S.NOTICE), S.AWARDED),
    Action.REVOKE: Rule(_s(S.AWARDED), S.REVOKED),
}

# The status graph, for documentation, the console's buttons and the tests.
TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(r.target for r in RULES.values() if r.target and status in r.sources) | (
        frozenset({S.FINAL}) if status == S.SELECTED else frozenset())
    for status in S.values
}

# Actions only the public takes (on the portal), never a cadre.
PUBLIC_ACTIONS = frozenset({Action.OBJECT})

# The call: open for nominations and reviews, then 公示, then decided; cancelled while open.
CALL_RULES: dict[str, Rule] = {
    Action.QUOTA: Rule(_s(CallStatus.OPEN), None),
    Action.PUBLISH: Rule(_s(CallStatus.OPEN), CallStatus.NOTICE),
    Action.DECIDE: Rule(_s(CallStatus.NOTICE), CallStatus.DECIDED),
    Action.CANCEL: Rule(_s(CallStatus.OPEN), CallStatus.CANCELLED),
}


def allowed_actions(status: str) -> list[str]:
    return [a for a, rule in RULES.items() if status in rule.sources and a not in PUBLIC_ACTIONS]


def check_action(status: str, action: str) -> Rule:
    rule = RULES[action]
    if status not in rule.sources:
        raise ValidationFailed(
            msg(_("推荐对象当前状态为“%(status)s”，不能%(action)s。"),
                {"status": S(status).label, "action": Action(action).label}),
            field="status", code="bad_transition")
    return rule


def check_call_action(status: str, action: str) -> Rule:
    rule = CALL_RULES[action]
    if status not in rule.sources:
        raise ValidationFailed(
            msg(_("评选通知当前状态为“%(status)s”，不能%(action)s。"),
                {"status": CallStatus(status).label, "action": Action(action).label}),
            field="status", code="bad_transition")
    return rule

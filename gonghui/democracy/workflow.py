"""The 提案 statuses and, per action, where it may start and where it leads.

submitted → accepted (立案) → assigned (交办, with a deadline in working days) → answered → rated →
published; the committee may instead turn a submission into an opinion (意见建议, with a reason),
which is published as it stands. Everything is published to the employer's workers in the end.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.democracy.choices import ProposalAction as A
from gonghui.democracy.choices import ProposalStatus as S


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str
    stamp: str  # the stage timestamp this action sets


RULES: dict[str, Rule] = {
    A.ACCEPT: Rule(frozenset({S.SUBMITTED}), S.ACCEPTED, "reviewed_at"),
    A.CONVERT: Rule(frozenset({S.SUBMITTED}), S.CONVERTED, "reviewed_at"),
    A.ASSIGN: Rule(frozenset({S.ACCEPTED}), S.ASSIGNED, "assigned_at"),
    A.ANSWER: Rule(frozenset({S.ASSIGNED}), S.ANSWERED, "answered_at"),
    A.RATE: Rule(frozenset({S.ANSWERED}), S.RATED, "rated_at"),
    A.PUBLISH: Rule(frozenset({S.RATED, S.CONVERTED}), S.PUBLISHED, "published_at"),
}

TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(r.target for r in RULES.values() if status in r.sources) for status in S.values
}


def allowed_actions(status: str) -> list[str]:
    return [action for action, rule in RULES.items() if status in rule.sources]


def check_action(status: str, action: str) -> Rule:
    rule = RULES.get(action)
    if rule is None or status not in rule.sources:
        label: Any = A(action).label if action in A.values else action
        raise ValidationFailed(msg(_("提案当前状态为“%(status)s”，不能%(action)s。"),
                                   {"status": S(status).label, "action": label}),
                               field="status", code="bad_transition")
    return rule

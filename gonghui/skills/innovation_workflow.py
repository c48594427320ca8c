"""The statuses of a suggestion and of a 师带徒 agreement and, per action, where it may start and lead.

Suggestion: submitted → adopted (采纳) → implemented (实施); or submitted → rejected (不予采纳, with
the reason). The benefit is assessed on an implemented suggestion only; rewards follow adoption.
Apprenticeship: signed → active → graduated (出师, with the level reached); signed or active →
terminated (with the reason). A studio has one transition, revocation (摘牌), kept in its service.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.skills.innovation_choices import ApprenticeshipAction as AA
from gonghui.skills.innovation_choices import ApprenticeshipStatus as AS
from gonghui.skills.innovation_choices import SuggestionAction as SA
from gonghui.skills.innovation_choices import SuggestionStatus as SS


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str
    stamp: str  # the stage date this action sets


SUGGESTION_RULES: dict[str, Rule] = {
    SA.ADOPT: Rule(frozenset({SS.SUBMITTED}), SS.ADOPTED, "decided_on"),
    SA.REJECT: Rule(frozenset({SS.SUBMITTED}), SS.REJECTED, "decided_on"),
    SA.IMPLEMENT: Rule(frozenset({SS.ADOPTED}), SS.IMPLEMENTED, "implemented_on"),
}

APPRENTICESHIP_RULES: dict[str, Rule] = {
    AA.START: Rule(frozenset({AS.SIGNED}), AS.ACTIVE, "started_on"),
    AA.GRADUATE: Rule(frozenset({AS.ACTIVE}), AS.GRADUATED, "graduated_on"),
    AA.TERMINATE: Rule(frozenset({AS.SIGNED, AS.ACTIVE}), AS.TERMINATED, "terminated_on"),
}

# Adoption is what a reward pays for; a suggestion turned down earns none.
REWARDABLE = frozenset({SS.ADOPTED, SS.IMPLEMENTED})


def allowed_actions(rules: dict[str, Rule], status: str) -> list[str]:
    return [action for action, rule in rules.items() if status in rule.sources]


def check_action(rules: dict[str, Rule], status: str, action: str, *, statuses: Any, actions: Any,
                 thing: Any) -> Rule:
    rule = rules.get(action)
    if rule is None or status not in rule.sources:
        label: Any = actions(action).label if action in actions.values else action
        raise ValidationFailed(msg(_("%(thing)s当前状态为“%(status)s”，不能%(action)s。"),
                                   {"thing": thing, "status": statuses(status).label, "action": label}),
                               field="status", code="bad_transition")
    return rule


def check_suggestion(status: str, action: str) -> Rule:
    return check_action(SUGGESTION_RULES, status, action, statuses=SS, actions=SA, thing=_("该建议"))


def check_apprenticeship(status: str, action: str) -> Rule:
    return check_action(APPRENTICESHIP_RULES, status, action, statuses=AS, actions=AA, thing=_("该师带徒协议"))

"""A competition's statuses and, per action, where it may start, where it leads and who may take it.

草拟 → (submit) 立项待审批 → (approve, by a cadre of a union strictly above the organiser) 已立项, or
(return) 立项退回修改 → (submit) …; 已立项: entries, scores per stage, advancing, awards → (publish)
结果公示中 for a number of working days → (finalise, once the 公示 has ended) 结果已确定, or (recall,
an objection upheld) back to 已立项. A competition not yet decided may be cancelled.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import ValidationFailed, msg
from gonghui.skills.competition_choices import CompetitionAction as A
from gonghui.skills.competition_choices import CompetitionStatus as S

# 公示 period in working days unless the competition's rules say otherwise (5 to 15 are usual).
NOTICE_WORKDAYS = 5
MAX_NOTICE_WORKDAYS = 30
MAX_ENTRIES = 100_000
MAX_TEAM_SIZE = 50


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status stays
    # The level above the organiser decides (立项 approval), not the organiser itself.
    from_above: bool = False
    stamp: str = ""  # the date column set to the action's date


def _s(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


EDITABLE = _s(S.DRAFT, S.RETURNED)
RUNNING = _s(S.APPROVED)

RULES: dict[str, Rule] = {
    A.CREATE: Rule(EDITABLE, None),
    A.EDIT: Rule(EDITABLE, None),
    A.SUBMIT: Rule(EDITABLE, S.SUBMITTED, stamp="submitted_on"),
    A.APPROVE: Rule(_s(S.SUBMITTED), S.APPROVED, from_above=True, stamp="approved_on"),
    A.RETURN: Rule(_s(S.SUBMITTED), S.RETURNED, from_above=True),
    A.ENTER: Rule(RUNNING, None),
    A.WITHDRAW_ENTRY: Rule(RUNNING, None),
    A.SCORE: Rule(RUNNING, None),
    A.ADVANCE: Rule(RUNNING, None),
    A.AWARD: Rule(RUNNING, None),
    A.PUBLISH: Rule(RUNNING, S.PUBLICISED, stamp="notice_starts_on"),
    A.RECALL: Rule(_s(S.PUBLICISED), S.APPROVED),
    A.FINALISE: Rule(_s(S.PUBLICISED), S.FINAL, stamp="finalised_on"),
    A.LINK_NOMINATION: Rule(_s(S.FINAL), None),
    A.SUMMARISE: Rule(_s(S.APPROVED, S.PUBLICISED, S.FINAL), None),
    A.COMMEND: Rule(_s(S.FINAL), None),
    A.CANCEL: Rule(_s(S.DRAFT, S.SUBMITTED, S.RETURNED, S.APPROVED), S.CANCELLED),
}

# The status graph, for documentation, the console's buttons and the tests.
TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(r.target for r in RULES.values() if r.target and status in r.sources) for status in S.values
}


def allowed_actions(status: str) -> list[str]:
    return [a for a, rule in RULES.items() if status in rule.sources and a != A.CREATE]


def check_action(status: str, action: str) -> Rule:
    rule = RULES[action]
    if status not in rule.sources:
        raise ValidationFailed(
            msg(_("竞赛当前状态为“%(status)s”，不能%(action)s。"),
                {"status": S(status).label, "action": A(action).label}), field="status", code="bad_transition")
    return rule

"""The contract's statuses and, per action, where it may start and where it leads.

要约 → (answer) 协商 → (draft) 草案 → (vote passed) 审议通过 → (sign) 签订 → (file) 审查中 →
(no objection: the review period ends, or the department says so) 生效 → (publish) 已公布 → 到期
/ 已续签 / 终止. An objection sends a contract under review back to 协商. Meetings, checks,
attachments and reminders change no status but still go through the one transition service.
"""

import datetime
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import ENDED, IN_FORCE, Action, Status
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm

# 《集体合同规定》: 20日内 to answer an offer, 10日内 to file after signing, 15日内 to object.
ANSWER_DAYS = 20
FILING_DAYS = 10
REVIEW_DAYS = 15
MAX_TERM_YEARS = 3
# 到期前三个月内 renegotiation may start; reminders 90, 30 and 7 days before the end.
RENEWAL_WINDOW_MONTHS = 3
REMINDER_DAYS = (90, 30, 7)


@dataclass(frozen=True)
class Rule:
    sources: frozenset[str]
    target: str | None  # None: the status stays
    permission: str = Perm.CONTRACT_MANAGE
    stamp: str = ""  # the date column set to the action's date


def _s(*statuses: str) -> frozenset[str]:
    return frozenset(statuses)


NOT_ENDED = frozenset(Status.values) - set(ENDED)
FORCE = frozenset(IN_FORCE)

RULES: dict[str, Rule] = {
    Action.ANSWER: Rule(_s(Status.OFFERED), Status.NEGOTIATING, stamp="answered_on"),
    Action.MEET: Rule(_s(Status.NEGOTIATING), None),
    Action.DRAFT: Rule(_s(Status.NEGOTIATING, Status.DRAFTED), Status.DRAFTED),
    Action.VOTE: Rule(_s(Status.DRAFTED), Status.ADOPTED),
    Action.SIGN: Rule(_s(Status.ADOPTED), Status.SIGNED, stamp="signed_on"),
    Action.FILE: Rule(_s(Status.SIGNED), Status.FILED, stamp="filed_on"),
    Action.OBJECT: Rule(_s(Status.FILED), Status.NEGOTIATING),
    Action.APPROVE: Rule(_s(Status.FILED), Status.EFFECTIVE, stamp="effective_on"),
    Action.TAKE_EFFECT: Rule(_s(Status.FILED), Status.EFFECTIVE, stamp="effective_on"),
    Action.PUBLISH: Rule(_s(Status.EFFECTIVE), Status.PUBLISHED, stamp="published_on"),
    Action.CHECK: Rule(FORCE | _s(Status.EXPIRED), None),
    Action.ATTACH: Rule(NOT_ENDED | _s(Status.EXPIRED), None),
    Action.REMIND: Rule(FORCE, None),
    Action.EXPIRE: Rule(FORCE, Status.EXPIRED, stamp="ended_on"),
    Action.RENEW: Rule(FORCE | _s(Status.EXPIRED), None),
    # A renewal entering force ends the contract it renews, in the same transaction.
    Action.SUPERSEDE: Rule(FORCE, Status.RENEWED, stamp="ended_on"),
    Action.TERMINATE: Rule(NOT_ENDED, Status.TERMINATED, stamp="ended_on"),
    # A covered worker's report that a term is not kept (it becomes a 12351 case); no status change.
    Action.REPORT: Rule(FORCE, None),
    # 指导意见 from a union above: a note in the timeline at any stage, the contract itself unchanged.
    Action.GUIDE: Rule(frozenset(Status.values), None),
}

# The status graph, for documentation, the console's buttons and the tests.
TRANSITIONS: dict[str, frozenset[str]] = {
    status: frozenset(r.target for r in RULES.values() if r.target and status in r.sources) for status in Status.values
}

# Actions only the sweep takes; the console never offers them.
SYSTEM_ACTIONS = frozenset({Action.TAKE_EFFECT, Action.REMIND, Action.EXPIRE, Action.SUPERSEDE})
# Actions a worker takes on the portal, never a cadre on the console or the API.
WORKER_ACTIONS = frozenset({Action.REPORT})
# A union above records 指导意见; not a step of the contract's own workflow (contracts/standing.py).
GUIDANCE_ACTIONS = frozenset({Action.GUIDE})


def allowed_actions(status: str) -> list[str]:
    return [a for a, rule in RULES.items()
            if status in rule.sources and a not in SYSTEM_ACTIONS | WORKER_ACTIONS | GUIDANCE_ACTIONS]


def check_action(status: str, action: str) -> Rule:
    rule = RULES[action]
    if status not in rule.sources:
        raise ValidationFailed(
            msg(_("集体合同当前状态为“%(status)s”，不能%(action)s。"),
                {"status": Status(status).label, "action": Action(action).label}),
            field="status", code="bad_transition")
    return rule


def add_years(day: datetime.date, years: int) -> datetime.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February → 28 February
        return day.replace(year=day.year + years, day=28)


def add_months(day: datetime.date, months: int) -> datetime.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return datetime.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)


def latest_end(start: datetime.date) -> datetime.date:
    """The last day a term starting on `start` may run: 三年以内 includes the third year (第1259条),
    so a term from 1 January 2026 may end on 31 December 2028, not on 1 January 2029."""
    return add_years(start, MAX_TERM_YEARS) - datetime.timedelta(days=1)


def renewal_opens(end: datetime.date) -> datetime.date:
    return add_months(end, -RENEWAL_WINDOW_MONTHS) + datetime.timedelta(days=1)


def next_reminder(end: datetime.date, today: datetime.date) -> datetime.date | None:
    """The next reminder date on or after `today` (90, 30, 7 days before the end), or None."""
    for days in REMINDER_DAYS:
        day = end - datetime.timedelta(days=days)
        if day >= today:
            return day
    return None

"""The rules' numbers, read from `DemocracyRule` and `AgendaRule`, and the checks made with them.

Composition (《企业民主管理规定》第十三条 to 第十五条 as the provinces apply them): a term has at
least max(30, 5% of the workforce) delegates, capped at the workforce itself so a unit of 60
electing all 60 is not refused; middle managers and above are at most 20% of all delegates
(exactly 20% passes); women and dispatched workers are represented in proportion to the workforce,
less a tolerance in percentage points. A unit below 100 workers may hold a 全体职工大会 instead,
where every worker votes and no quota applies.
"""

import math
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import InvalidFields, ValidationFailed, msg
from gonghui.core.votes import Threshold, VoteBase, VoteRule
from gonghui.democracy.choices import DelegateCategory, RuleCode
from gonghui.democracy.rule_models import AgendaRule, DemocracyRule

DEFAULTS: dict[str, Decimal | str] = {
    RuleCode.ASSEMBLY_BELOW: Decimal(100), RuleCode.MIN_DELEGATES: Decimal(30),
    RuleCode.MIN_DELEGATE_PERCENT: Decimal(5), RuleCode.MAX_LEADER_PERCENT: Decimal(20),
    RuleCode.PROPORTION_TOLERANCE: Decimal(5), RuleCode.TERM_MIN_YEARS: Decimal(3),
    RuleCode.TERM_MAX_YEARS: Decimal(5), RuleCode.MIN_COSIGNERS: Decimal(2),
    RuleCode.ANSWER_WORKING_DAYS: Decimal(20), RuleCode.DIRECTOR_MIN_WORKERS: Decimal(300),
    RuleCode.DIRECTOR_OWNERSHIPS: "state,private,foreign,hmt,mixed",
}


@dataclass(frozen=True)
class Rules:
    values: dict[str, Decimal | str]

    def number(self, code: str) -> Decimal:
        value = self.values.get(code, DEFAULTS[code])
        return value if isinstance(value, Decimal) else Decimal(str(DEFAULTS[code]))

    def whole(self, code: str) -> int:
        return int(self.number(code))

    def codes(self, code: str) -> list[str]:
        value = self.values.get(code, DEFAULTS[code])
        return [c.strip() for c in str(value).split(",") if c.strip()]


def current_rules() -> Rules:
    values: dict[str, Decimal | str] = {}
    for code, value, text in DemocracyRule.objects.values_list("code", "value", "text"):
        values[code] = text if code == RuleCode.DIRECTOR_OWNERSHIPS else value
    return Rules(values)


DEFAULT_VOTE_RULE = VoteRule(quorum=Threshold(2, 3, VoteBase.ENTITLED), majority=Threshold(1, 2, VoteBase.ENTITLED,
                                                                                          inclusive=False))


def vote_rule_for(kind: str) -> VoteRule:
    """The thresholds an agenda item of `kind` must meet; the seeded rows name their source."""
    row = AgendaRule.objects.filter(kind=kind).first()
    if row is None:
        return DEFAULT_VOTE_RULE
    quorum = None
    if row.quorum_numerator is not None and row.quorum_denominator:
        quorum = Threshold(row.quorum_numerator, row.quorum_denominator, row.quorum_base, row.quorum_inclusive)
    return VoteRule(quorum=quorum, majority=Threshold(row.majority_numerator, row.majority_denominator,
                                                      row.majority_base, row.majority_inclusive))


def plain(number: Decimal) -> str:
    """5.00 as 5, 12.50 as 12.5: the rule's number as a person would write it."""
    text = f"{number:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


def percent(part: int, whole: int) -> str:
    return f"{Decimal(part * 100) / whole:.1f}%" if whole else "—"


@dataclass(frozen=True)
class RuleCheck:
    """One line of the composition table: the rule, what it requires, what the roster has."""

    key: str
    rule: Any
    required: Any
    actual: Any
    ok: bool


@dataclass(frozen=True)
class DelegateRow:
    category: str
    is_woman: bool
    is_dispatched: bool


def required_delegates(workforce: int, rules: Rules) -> int:
    by_share = math.ceil(Decimal(workforce) * rules.number(RuleCode.MIN_DELEGATE_PERCENT) / 100)
    return min(workforce, max(rules.whole(RuleCode.MIN_DELEGATES), by_share))


def _proportional(key: str, label: Any, count: int, total: int, part_of_workforce: int, workforce: int,
                  tolerance: Decimal) -> RuleCheck:
    share = max(Decimal(0), Decimal(part_of_workforce * 100) / workforce - tolerance) if workforce else Decimal(0)
    need = math.ceil(Decimal(total) * share / 100)
    required = msg(_("不少于 %(n)s 人（职工中占 %(share)s，允许低 %(tol)s 个百分点）"),
                   {"n": need, "share": percent(part_of_workforce, workforce), "tol": plain(tolerance)})
    return RuleCheck(key, label, required,
                     msg(_("%(n)s 人（%(share)s）"), {"n": count, "share": percent(count, total)}), count >= need)


def composition_checks(*, workforce: int, women_workforce: int, dispatched_workforce: int,
                       delegates: Iterable[DelegateRow], rules: Rules) -> list[RuleCheck]:
    rows = list(delegates)
    total = len(rows)
    leaders = sum(1 for r in rows if r.category == DelegateCategory.LEADER)
    women = sum(1 for r in rows if r.is_woman)
    dispatched = sum(1 for r in rows if r.is_dispatched)
    need = required_delegates(workforce, rules)
    leader_pct = rules.number(RuleCode.MAX_LEADER_PERCENT)
    leader_cap = math.floor(Decimal(total) * leader_pct / 100)
    tolerance = rules.number(RuleCode.PROPORTION_TOLERANCE)
    return [
        RuleCheck("count", _("代表人数不少于职工总数的规定比例且不少于规定人数"),
                  msg(_("不少于 %(n)s 人（职工 %(w)s 人的 %(pct)s%%，且不少于 %(min)s 人）"),
                      {"n": need, "w": workforce, "pct": plain(rules.number(RuleCode.MIN_DELEGATE_PERCENT)),
                       "min": rules.whole(RuleCode.MIN_DELEGATES)}),
                  msg(_("%(n)s 人"), {"n": total}), total >= need),
        RuleCheck("leaders", _("中层以上管理人员和领导人员不超过代表总数的规定比例"),
                  msg(_("不超过 %(n)s 人（%(pct)s%%）"), {"n": leader_cap, "pct": plain(leader_pct)}),
                  msg(_("%(n)s 人（%(share)s）"), {"n": leaders, "share": percent(leaders, total)}),
                  leaders <= leader_cap),
        _proportional("women", _("女职工代表比例与女职工占职工总数的比例相适应"), women, total, women_workforce,
                      workforce, tolerance),
        _proportional("dispatched", _("劳务派遣职工代表比例与其占职工总数的比例相适应"), dispatched, total,
                      dispatched_workforce, workforce, tolerance),
    ]


def require_composition(checks: list[RuleCheck]) -> None:
    """Refuse a roster that breaks a rule, each broken rule named with its numbers."""
    broken = [c for c in checks if not c.ok]
    if broken:
        raise InvalidFields([
            ValidationFailed(msg(_("代表构成不符合规定：%(rule)s。要求%(required)s，实际%(actual)s。"),
                                 {"rule": c.rule, "required": c.required, "actual": c.actual}),
                             field="delegates", code=f"composition_{c.key}")
            for c in broken])

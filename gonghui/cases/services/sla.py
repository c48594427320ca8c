"""Setting the 办结时限 of a subtree. Cases already classified keep their stored deadline; the new
setting applies from the next classification, dispatch or reopening.

A setting inherits downward and only tightens: a union may shorten what applies above it, never
lengthen it (that is the level above's to decide, for its whole subtree), and at every union
一般 ≤ 难点 ≤ 特别复杂 holds. Periods of different units are compared by what is certain
(docs/decisions.md, "SLA periods and calendars inherit downward and only tighten").
"""

import datetime
import math
from itertools import pairwise
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Difficulty
from gonghui.cases.deadlines import SlaRule, sla_rule_for
from gonghui.cases.services.common import clean_choice, who
from gonghui.cases.sla_models import DEFAULT_WORKDAY_END, PeriodKindChoice, SlaPolicy
from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.orgs import tree
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require, subtree_q
from gonghui.workdays.calendar import Period, PeriodKind

AMOUNT_LIMITS = {PeriodKindChoice.WORKING_DAYS: 60, PeriodKindChoice.CALENDAR_DAYS: 180}
ORDER = (Difficulty.ORDINARY, Difficulty.HARD, Difficulty.COMPLEX)
# The longest statutory break (the Spring Festival, 8 days with its weekend): the most a period of
# working days can stretch beyond its weeks.
LONGEST_BREAK_DAYS = 8


def longest_calendar_days(period: Period) -> int:
    """The most calendar days `period` can take: working days spread over their weekends and one
    long holiday."""
    if period.kind == PeriodKind.SAME_DAY:
        return 0
    if period.kind == PeriodKind.CALENDAR_DAYS:
        return period.amount
    return math.ceil(period.amount * 7 / 5) + LONGEST_BREAK_DAYS


def never_longer(shorter: Period, longer: Period) -> bool:
    """Whether `shorter` ends no later than `longer` whatever day a case arrives."""
    if shorter.kind == PeriodKind.SAME_DAY:
        return True
    if longer.kind == PeriodKind.SAME_DAY:
        return False
    if shorter.kind == longer.kind:
        return shorter.amount <= longer.amount
    if shorter.kind == PeriodKind.CALENDAR_DAYS:
        # M calendar days never outlast N working days when M <= N: each working day is a calendar day.
        return shorter.amount <= longer.amount
    return longest_calendar_days(shorter) <= longer.amount


def period_label(period: Period) -> Any:
    if period.kind == PeriodKind.SAME_DAY:
        return _("当天")
    if period.kind == PeriodKind.WORKING_DAYS:
        return msg(_("%(n)d 个工作日"), {"n": period.amount})
    return msg(_("%(n)d 个自然日"), {"n": period.amount})


def _field(new: Period, other: Period) -> str:
    return "amount" if new.kind == other.kind and new.kind != PeriodKind.SAME_DAY else "period_kind"


def _check_against_above(union: TradeUnion, difficulty: str, period: Period) -> None:
    parent_path = tree.parent_path_of(union.path)
    if not parent_path:
        return  # the top of the tree sets the national rule itself
    above = sla_rule_for(parent_path, difficulty).period
    if not never_longer(period, above):
        raise ValidationFailed(
            msg(_("%(difficulty)s案件期限不能长于上级规定的%(period)s；如需放宽，请由上级单位设定。"),
                {"difficulty": Difficulty(difficulty).label, "period": period_label(above)}),
            field=_field(period, above), code="looser_than_above")


def _check_below(union: TradeUnion, difficulty: str, period: Period) -> None:
    """A branch's own setting must stay within the new one (else it would now loosen it)."""
    below = (SlaPolicy.objects.filter(subtree_q("org_path", union.path), difficulty=difficulty)
             .exclude(union=union).select_related("union").order_by("org_path"))
    for policy in below:
        own = Period(PeriodKind(policy.period_kind), policy.amount)
        if not never_longer(own, period):
            raise ValidationFailed(
                msg(_("下级单位%(union)s的%(difficulty)s案件期限为%(period)s，长于新的设定；请先调整或恢复下级的设定。"),
                    {"union": policy.union.name, "difficulty": Difficulty(difficulty).label,
                     "period": period_label(own)}),
                field="amount", code="branch_looser")


def _check_order(union: TradeUnion, periods: dict[str, Period], changed: str) -> None:
    """一般 ≤ 难点 ≤ 特别复杂 at the union, with `periods` as they would be after the change."""
    for easier, harder in pairwise(ORDER):
        if never_longer(periods[easier], periods[harder]):
            continue
        if changed == easier:
            text = _("%(difficulty)s案件期限不能长于本单位%(other)s案件的期限（%(period)s）。")
            other = harder
        else:
            text = _("%(difficulty)s案件期限不能短于本单位%(other)s案件的期限（%(period)s）。")
            other = easier
        mine = periods[changed]
        raise ValidationFailed(
            msg(text, {"difficulty": Difficulty(changed).label, "other": Difficulty(other).label,
                       "period": period_label(periods[other])}),
            field=_field(mine, periods[other]), code="order")


def _in_force(union: TradeUnion) -> dict[str, Period]:
    return {d.value: sla_rule_for(union.path, d.value).period for d in Difficulty}


@transaction.atomic
def sla_policy_set(*, actor: Any, union: TradeUnion, difficulty: str, period_kind: str, amount: int = 0,
                   workday_end: datetime.time = DEFAULT_WORKDAY_END) -> SlaPolicy:
    require(actor, Perm.CALENDAR_MANAGE, union.path)
    difficulty = clean_choice(difficulty, Difficulty, field="difficulty")
    if period_kind not in PeriodKindChoice.values:
        raise ValidationFailed(_("时限类型无效。"), field="period_kind", code="choice")
    if period_kind == PeriodKindChoice.SAME_DAY:
        amount = 0
    else:
        limit = AMOUNT_LIMITS[PeriodKindChoice(period_kind)]
        if not isinstance(amount, int) or not 1 <= amount <= limit:
            raise ValidationFailed(msg(_("天数应在1至%(n)d之间。"), {"n": limit}), field="amount", code="range")
    if not isinstance(workday_end, datetime.time):
        raise ValidationFailed(_("下班时间格式无效。"), field="workday_end", code="format")
    period = Period(PeriodKind(period_kind), amount)
    _check_against_above(union, difficulty, period)
    _check_order(union, {**_in_force(union), difficulty: period}, difficulty)
    _check_below(union, difficulty, period)
    before = SlaPolicy.objects.filter(union=union, difficulty=difficulty).first()
    policy, _created = SlaPolicy.objects.update_or_create(
        union=union, difficulty=difficulty,
        defaults={"org_path": union.path, "period_kind": period_kind, "amount": amount, "workday_end": workday_end,
                  "updated_by_id": getattr(actor, "pk", None)})
    audit_record(actor=who(actor), action="case.sla_set", obj=policy, org_path=union.path,
                 detail={"difficulty": difficulty, "kind": period_kind, "amount": amount,
                         "workday_end": workday_end.isoformat(),
                         "before": None if before is None else
                         {"kind": before.period_kind, "amount": before.amount,
                          "workday_end": before.workday_end.isoformat()}})
    return policy


@transaction.atomic
def sla_policy_clear(*, actor: Any, union: TradeUnion, difficulty: str) -> SlaRule:
    """The node inherits from above again (never looser than before: the level above is at least as
    long), provided the union's three periods stay in order."""
    require(actor, Perm.CALENDAR_MANAGE, union.path)
    difficulty = clean_choice(difficulty, Difficulty, field="difficulty")
    parent_path = tree.parent_path_of(union.path)
    if parent_path:
        inherited = sla_rule_for(parent_path, difficulty).period
        _check_order(union, {**_in_force(union), difficulty: inherited}, difficulty)
    deleted, _counts = SlaPolicy.objects.filter(union=union, difficulty=difficulty).delete()
    if deleted:
        audit_record(actor=who(actor), action="case.sla_clear", object_type="cases.slapolicy",
                     object_label=f"{union.name} {difficulty}", org_path=union.path,
                     detail={"difficulty": difficulty})
    return sla_rule_for(union.path, difficulty)

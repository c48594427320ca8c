"""Setting the 办结时限 of a subtree. Cases already classified keep their stored deadline; the new
setting applies from the next classification, dispatch or reopening."""

import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Difficulty
from gonghui.cases.services.common import clean_choice, who
from gonghui.cases.sla_models import DEFAULT_WORKDAY_END, PeriodKindChoice, SlaPolicy
from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require

AMOUNT_LIMITS = {PeriodKindChoice.WORKING_DAYS: 60, PeriodKindChoice.CALENDAR_DAYS: 180}


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
def sla_policy_clear(*, actor: Any, union: TradeUnion, difficulty: str) -> None:
    """The node inherits from above again."""
    require(actor, Perm.CALENDAR_MANAGE, union.path)
    deleted, _counts = SlaPolicy.objects.filter(union=union, difficulty=difficulty).delete()
    if deleted:
        audit_record(actor=who(actor), action="case.sla_clear", object_type="cases.slapolicy",
                     object_label=f"{union.name} {difficulty}", org_path=union.path,
                     detail={"difficulty": difficulty})

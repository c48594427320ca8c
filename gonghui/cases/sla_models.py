"""办结时限 per difficulty, set on an org node for its whole subtree (the deepest setting wins)."""

import datetime

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Difficulty
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.workdays.calendar import PeriodKind


class PeriodKindChoice(models.TextChoices):
    SAME_DAY = PeriodKind.SAME_DAY.value, _("当天")
    WORKING_DAYS = PeriodKind.WORKING_DAYS.value, _("工作日")
    CALENDAR_DAYS = PeriodKind.CALENDAR_DAYS.value, _("自然日")


DEFAULT_WORKDAY_END = datetime.time(17, 30)


class SlaPolicyQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class SlaPolicy(models.Model):
    union = models.ForeignKey(TradeUnion, verbose_name=_("设定单位"), on_delete=models.PROTECT,
                              related_name="sla_policies")
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    difficulty = models.CharField(_("难易程度"), max_length=10, choices=Difficulty.choices)
    period_kind = models.CharField(_("时限类型"), max_length=14, choices=PeriodKindChoice.choices)
    amount = models.PositiveSmallIntegerField(_("天数"), default=0)
    # After this time a same-day case received on a working day counts from the next working day.
    workday_end = models.TimeField(_("下班时间"), default=DEFAULT_WORKDAY_END)
    updated_by_id = models.BigIntegerField(null=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = SlaPolicyQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["union", "difficulty"], name="one_sla_per_union_difficulty")]

    def __str__(self) -> str:
        return f"{self.union_id} {self.difficulty}: {self.period_kind} {self.amount}"

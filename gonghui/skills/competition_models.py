"""劳动和技能竞赛: the competition with its 立项, rules and stages, and its timeline.

The organiser's path is copied onto the competition, its entries and its awards, so a subtree list
or figure is one indexed prefix predicate. The rules (score range, tie rule, how many advance from
each stage, the 公示 period) are data on the rows, read by the services and by the ranking query.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel
from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.skills.competition_choices import (
    CompetitionAction,
    CompetitionKind,
    CompetitionStatus,
    StageKind,
    StageStatus,
    TieRule,
)
from gonghui.skills.competition_entry_models import (
    CompetitionAward,
    CompetitionEntry,
    CompetitionParticipant,
    CompetitionReport,
    CompetitionScore,
)
from gonghui.skills.competition_workflow import NOTICE_WORKDAYS

__all__ = ["Competition", "CompetitionAward", "CompetitionEntry", "CompetitionEvent", "CompetitionParticipant",
           "CompetitionReport", "CompetitionScore", "CompetitionStage"]


class CompetitionQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Competition(TimeStampedModel):
    title = models.CharField(_("竞赛名称"), max_length=100)
    kind = models.CharField(_("竞赛类别"), max_length=10, choices=CompetitionKind.choices)
    status = models.CharField(_("状态"), max_length=12, choices=CompetitionStatus.choices,
                              default=CompetitionStatus.DRAFT)
    organiser = models.ForeignKey(TradeUnion, verbose_name=_("主办工会"), on_delete=models.PROTECT,
                                  related_name="competitions")
    # The organiser's level when the competition was set up: figures count by it.
    organiser_level = models.PositiveSmallIntegerField(_("主办层级"))
    org_path = models.CharField(max_length=255, editable=False)
    trade = models.CharField(_("竞赛工种"), max_length=50, blank=True)  # 技能竞赛, 技术比武
    project = models.CharField(_("重点工程/项目"), max_length=100, blank=True)  # 劳动竞赛
    plan = models.TextField(_("实施方案"), blank=True)
    budget = models.DecimalField(_("预算（元）"), max_digits=12, decimal_places=2, default=0)
    start_on = models.DateField(_("开始日期"))
    end_on = models.DateField(_("结束日期"))
    # Rules.
    score_min = models.DecimalField(_("最低分"), max_digits=7, decimal_places=2, default=0)
    score_max = models.DecimalField(_("最高分"), max_digits=7, decimal_places=2, default=100)
    tie_rule = models.CharField(_("同分处理"), max_length=12, choices=TieRule.choices, default=TieRule.SHARED)
    max_entries = models.PositiveIntegerField(_("参赛名额上限"), default=1000)
    team_size = models.PositiveSmallIntegerField(_("每队人数上限"), default=0)  # 0: individuals only
    notice_workdays = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=NOTICE_WORKDAYS)
    # 立项.
    submitted_on = models.DateField(_("报请立项日期"), null=True, blank=True)
    approved_on = models.DateField(_("批准立项日期"), null=True, blank=True)
    decided_by = models.CharField(_("审批人"), max_length=120, blank=True)
    return_reason = models.CharField(_("退回原因"), max_length=500, blank=True)
    # Results.
    notice_starts_on = models.DateField(_("公示开始"), null=True, blank=True)
    notice_ends_on = models.DateField(_("公示截止"), null=True, blank=True)
    finalised_on = models.DateField(_("结果确定日期"), null=True, blank=True)
    # A 公示 counted over a year the holiday calendar has no data for: a person checks the date.
    needs_review = models.BooleanField(_("时限待核"), default=False)
    cancel_reason = models.CharField(_("撤销原因"), max_length=500, blank=True)
    entry_count = models.PositiveIntegerField(_("参赛数"), default=0, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = CompetitionQuerySet.as_manager()

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("劳动和技能竞赛")
        indexes = [
            models.Index(fields=["org_path", "status"], name="competition_subtree_status",
                         opclasses=[PREFIX_OPS, PREFIX_OPS]),
            models.Index(fields=["notice_ends_on"], condition=Q(status=CompetitionStatus.PUBLICISED),
                         name="competition_notice_ends"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_on__gte=F("start_on")), name="competition_period_forwards"),
            models.CheckConstraint(condition=Q(score_max__gt=F("score_min")), name="competition_score_range"),
            models.CheckConstraint(condition=Q(budget__gte=0), name="competition_budget_not_negative"),
        ]

    def __str__(self) -> str:
        return self.title


class CompetitionStage(models.Model):
    """选拔/初赛/复赛/决赛, numbered from 1 in the order they run; `advance` of a stage's ranking go on."""

    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="stages")
    kind = models.CharField(_("阶段"), max_length=12, choices=StageKind.choices)
    order = models.PositiveSmallIntegerField(_("顺序"))
    advance = models.PositiveIntegerField(_("晋级名额"), null=True, blank=True)  # None on the last stage
    status = models.CharField(_("状态"), max_length=8, choices=StageStatus.choices, default=StageStatus.OPEN)
    start_on = models.DateField(_("比赛日期"), null=True, blank=True)
    closed_on = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        ordering = ["competition_id", "order"]
        constraints = [
            models.UniqueConstraint(fields=["competition", "order"], name="competition_stage_order_unique"),
            models.UniqueConstraint(fields=["competition", "kind"], name="competition_stage_kind_unique"),
            models.CheckConstraint(condition=Q(order__gte=1), name="competition_stage_order_positive"),
            models.CheckConstraint(condition=Q(advance__isnull=True) | Q(advance__gte=1),
                                   name="competition_stage_advance_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.competition_id} {self.get_kind_display()}"


class CompetitionEvent(models.Model):
    competition = models.ForeignKey(Competition, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=CompetitionAction.choices)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150, blank=True)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["competition_id", "at", "id"]

    def __str__(self) -> str:
        return f"{self.competition_id} {self.action}"


def register_competition_paths() -> None:
    """A union that moves takes its competitions, their entries and awards along (apps.ready)."""
    from gonghui.orgs.paths import register_path_copy

    for model in (Competition, CompetitionEntry, CompetitionAward):
        register_path_copy(model, "org_path")

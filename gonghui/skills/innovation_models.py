"""五小 (小发明 小创造 小革新 小设计 小建议) and 合理化建议: one `Suggestion` with its kind, its review,
its implementation, the benefit (创效) assessed in 万元, the rewards paid and the patents granted.

Every row carries the employer's org path (copied, rewritten by a union move), so a subtree list or
figure is one indexed prefix predicate with no join up the tree.
"""

from decimal import Decimal

from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import PREFIX_OPS, Employer
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.skills.innovation_choices import (
    PatentKind,
    SuggestionAction,
    SuggestionChannel,
    SuggestionKind,
    SuggestionStatus,
)

ZERO = Decimal(0)


class InnovationQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Suggestion(models.Model):
    employer = models.ForeignKey(Employer, verbose_name=_("所在单位"), on_delete=models.PROTECT,
                                 related_name="suggestions")
    kind = models.CharField(_("类别"), max_length=16, choices=SuggestionKind.choices)
    title = models.CharField(_("名称"), max_length=120)
    content = models.TextField(_("内容"))
    # The proposer as the paper or the portal names them; the member when they are one (a cadre may
    # enter a suggestion for a worker who is not, or not yet, a member).
    proposer_name = models.CharField(_("提出人"), max_length=50)
    proposer = models.ForeignKey("members.Member", verbose_name=_("提出人（会员）"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="suggestions")
    co_proposers = models.CharField(_("共同提出人"), max_length=200, blank=True)
    department = models.CharField(_("部门/班组"), max_length=60, blank=True)
    channel = models.CharField(_("提交方式"), max_length=8, choices=SuggestionChannel.choices)
    status = models.CharField(_("状态"), max_length=12, choices=SuggestionStatus.choices,
                              default=SuggestionStatus.SUBMITTED)
    submitted_on = models.DateField(_("提出日期"))
    decided_on = models.DateField(_("评审日期"), null=True, blank=True)
    review_note = models.CharField(_("评审意见"), max_length=500, blank=True)  # the reason when not adopted
    implemented_on = models.DateField(_("实施日期"), null=True, blank=True)
    implementation_note = models.CharField(_("实施情况"), max_length=500, blank=True)
    benefit = models.DecimalField(_("创效（万元）"), max_digits=14, decimal_places=2, null=True, blank=True,
                                  validators=[MinValueValidator(ZERO)])
    benefit_assessor = models.CharField(_("核定人"), max_length=100, blank=True)
    benefit_assessed_on = models.DateField(_("核定日期"), null=True, blank=True)
    benefit_basis = models.CharField(_("核定依据"), max_length=500, blank=True)
    org_path = models.CharField(max_length=255, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InnovationQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "submitted_on"], name="suggestion_subtree",
                         opclasses=[PREFIX_OPS, "date_ops"]),
            # The to-do list's question: which submissions still wait for review, oldest first.
            models.Index(fields=["submitted_on"], condition=Q(status="submitted"), name="suggestion_awaiting"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(benefit__isnull=True) | Q(benefit__gte=0),
                                   name="suggestion_benefit_not_negative"),
            models.CheckConstraint(condition=Q(benefit__isnull=True) | Q(status="implemented"),
                                   name="suggestion_benefit_only_when_implemented"),
        ]

    def __str__(self) -> str:
        return self.title


class SuggestionEvent(models.Model):
    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=SuggestionAction.choices)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.IntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.suggestion_id} {self.action}"


class SuggestionReward(models.Model):
    """A reward paid for an adopted suggestion (in 元): one row per payment."""

    suggestion = models.ForeignKey(Suggestion, on_delete=models.CASCADE, related_name="rewards")
    amount = models.DecimalField(_("奖励金额（元）"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("奖励日期"))
    note = models.CharField(_("说明"), max_length=200, blank=True)
    org_path = models.CharField(max_length=255, editable=False)

    objects = InnovationQuerySet.as_manager()

    class Meta:
        ordering = ["paid_on", "id"]
        indexes = [models.Index(fields=["org_path", "paid_on"], name="suggestion_reward_subtree",
                                opclasses=[PREFIX_OPS, "date_ops"])]
        constraints = [models.CheckConstraint(condition=Q(amount__gt=0), name="suggestion_reward_positive")]

    def __str__(self) -> str:
        return f"{self.suggestion_id} {self.amount}"


class Patent(models.Model):
    """A patent granted on a suggestion or on a studio's work (one of the two, never neither)."""

    number = models.CharField(_("专利号"), max_length=30, unique=True)
    kind = models.CharField(_("专利类型"), max_length=10, choices=PatentKind.choices)
    title = models.CharField(_("专利名称"), max_length=120)
    granted_on = models.DateField(_("授权日期"))
    suggestion = models.ForeignKey(Suggestion, null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="patents")
    studio = models.ForeignKey("skills.InnovationStudio", null=True, blank=True, on_delete=models.CASCADE,
                               related_name="patents")
    org_path = models.CharField(max_length=255, editable=False)

    objects = InnovationQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_on", "-id"]
        indexes = [models.Index(fields=["org_path", "granted_on"], name="patent_subtree",
                                opclasses=[PREFIX_OPS, "date_ops"])]
        constraints = [models.CheckConstraint(condition=Q(suggestion__isnull=False) | Q(studio__isnull=False),
                                              name="patent_belongs_somewhere")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"

"""师带徒: an agreement between a master and an apprentice (both members) at an employer, for a
period, with targets, the master's allowance, and the outcome (the skill level reached)."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.members.choices import SkillLevel
from gonghui.orgs.models import PREFIX_OPS, Employer
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.skills.innovation_choices import ApprenticeshipAction, ApprenticeshipStatus


class ApprenticeshipQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Apprenticeship(models.Model):
    employer = models.ForeignKey(Employer, verbose_name=_("所在单位"), on_delete=models.PROTECT,
                                 related_name="apprenticeships")
    master = models.ForeignKey("members.Member", verbose_name=_("师傅"), on_delete=models.PROTECT,
                               related_name="apprentices_taught")
    apprentice = models.ForeignKey("members.Member", verbose_name=_("徒弟"), on_delete=models.PROTECT,
                                   related_name="masters")
    trade = models.CharField(_("工种"), max_length=50, blank=True)
    agreed_on = models.DateField(_("协议签订日期"))
    starts_on = models.DateField(_("带徒期限开始"))
    ends_on = models.DateField(_("带徒期限届满"))
    targets = models.TextField(_("带徒目标"))
    target_level = models.CharField(_("目标技能等级"), max_length=8, choices=SkillLevel.choices, blank=True)
    # 元 for the whole period, as the agreement states it; paid by the employer, recorded by the union.
    allowance = models.DecimalField(_("师傅带徒津贴（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=ApprenticeshipStatus.choices,
                              default=ApprenticeshipStatus.SIGNED)
    started_on = models.DateField(_("开始履行日期"), null=True, blank=True)
    graduated_on = models.DateField(_("出师日期"), null=True, blank=True)
    outcome_level = models.CharField(_("出师技能等级"), max_length=8, choices=SkillLevel.choices, blank=True)
    outcome_note = models.CharField(_("出师考核意见"), max_length=500, blank=True)
    terminated_on = models.DateField(_("终止日期"), null=True, blank=True)
    termination_reason = models.CharField(_("终止原因"), max_length=500, blank=True)
    org_path = models.CharField(max_length=255, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = ApprenticeshipQuerySet.as_manager()

    class Meta:
        ordering = ["-agreed_on", "-id"]
        indexes = [models.Index(fields=["org_path", "status"], name="apprenticeship_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS])]
        constraints = [
            models.CheckConstraint(condition=~Q(master=F("apprentice")), name="apprentice_is_not_own_master"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="apprenticeship_period_forward"),
            models.CheckConstraint(condition=Q(allowance__isnull=True) | Q(allowance__gte=0),
                                   name="apprenticeship_allowance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.master_id}→{self.apprentice_id}"


class ApprenticeshipEvent(models.Model):
    apprenticeship = models.ForeignKey(Apprenticeship, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=ApprenticeshipAction.choices)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.IntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.apprenticeship_id} {self.action}"

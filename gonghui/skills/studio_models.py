"""创新工作室 (劳模/工匠/职工): named at a level, hosted by an employer, led by a person, with its team,
its results, its patents (`Patent.studio`), a yearly assessment and, at worst, revocation (摘牌)."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import PREFIX_OPS, Employer
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.skills.innovation_choices import (
    AssessmentGrade,
    StudioAction,
    StudioKind,
    StudioLevel,
    StudioResultKind,
    StudioStatus,
)


class StudioQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class InnovationStudio(models.Model):
    name = models.CharField(_("工作室名称"), max_length=100)
    kind = models.CharField(_("类型"), max_length=14, choices=StudioKind.choices)
    level = models.CharField(_("级别"), max_length=10, choices=StudioLevel.choices)
    employer = models.ForeignKey(Employer, verbose_name=_("依托单位"), on_delete=models.PROTECT,
                                 related_name="innovation_studios")
    field = models.CharField(_("专业领域"), max_length=60, blank=True)
    named_on = models.DateField(_("命名日期"))
    named_by = models.CharField(_("命名单位"), max_length=100, blank=True)
    leader_name = models.CharField(_("领衔人"), max_length=50)
    leader = models.ForeignKey("members.Member", verbose_name=_("领衔人（会员）"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="led_studios")
    # The leader's row in the 劳模 register (honours.ModelWorker). A plain integer, not a foreign key:
    # the honours app is built beside this one and is linked once both stand; it fills this column.
    model_worker_id = models.IntegerField(_("劳模登记号"), null=True, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=StudioStatus.choices, default=StudioStatus.ACTIVE)
    revoked_on = models.DateField(_("摘牌日期"), null=True, blank=True)
    revoke_reason = models.CharField(_("摘牌原因"), max_length=500, blank=True)
    org_path = models.CharField(max_length=255, editable=False)
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = StudioQuerySet.as_manager()

    class Meta:
        ordering = ["-named_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "status"], name="studio_subtree", opclasses=[PREFIX_OPS, PREFIX_OPS]),
            models.Index(fields=["model_worker_id"], name="studio_model_worker"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["employer", "name"], name="one_studio_name_per_employer"),
            models.CheckConstraint(condition=Q(status="active", revoked_on__isnull=True)
                                   | Q(status="revoked", revoked_on__isnull=False),
                                   name="studio_revoked_has_date"),
        ]

    def __str__(self) -> str:
        return self.name


class StudioMember(models.Model):
    studio = models.ForeignKey(InnovationStudio, on_delete=models.CASCADE, related_name="team")
    name = models.CharField(_("姓名"), max_length=50)
    member = models.ForeignKey("members.Member", verbose_name=_("会员"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="studio_seats")
    role = models.CharField(_("分工"), max_length=50, blank=True)
    joined_on = models.DateField(_("加入日期"))
    left_on = models.DateField(_("退出日期"), null=True, blank=True)

    class Meta:
        ordering = ["joined_on", "id"]
        constraints = [
            models.UniqueConstraint(fields=["studio", "member"],
                                    condition=Q(left_on__isnull=True, member__isnull=False),
                                    name="one_current_seat_per_member"),
            models.CheckConstraint(condition=Q(left_on__isnull=True) | Q(left_on__gte=models.F("joined_on")),
                                   name="studio_member_leaves_after_joining"),
        ]

    def __str__(self) -> str:
        return self.name


class StudioResult(models.Model):
    studio = models.ForeignKey(InnovationStudio, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("成果类型"), max_length=12, choices=StudioResultKind.choices)
    title = models.CharField(_("名称"), max_length=120)
    year = models.PositiveSmallIntegerField(_("年度"))
    benefit = models.DecimalField(_("创效（万元）"), max_digits=14, decimal_places=2, null=True, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    org_path = models.CharField(max_length=255, editable=False)

    objects = StudioQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-id"]
        indexes = [models.Index(fields=["org_path", "year"], name="studio_result_subtree",
                                opclasses=[PREFIX_OPS, "int2_ops"])]
        constraints = [models.CheckConstraint(condition=Q(benefit__isnull=True) | Q(benefit__gte=0),
                                              name="studio_result_benefit_not_negative")]

    def __str__(self) -> str:
        return self.title


class StudioAssessment(models.Model):
    """The yearly assessment (年度考核): one grade per studio and year."""

    studio = models.ForeignKey(InnovationStudio, on_delete=models.CASCADE, related_name="assessments")
    year = models.PositiveSmallIntegerField(_("考核年度"))
    grade = models.CharField(_("考核等次"), max_length=10, choices=AssessmentGrade.choices)
    assessed_on = models.DateField(_("考核日期"))
    note = models.CharField(_("考核意见"), max_length=500, blank=True)

    class Meta:
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["studio", "year"], name="one_assessment_per_studio_year")]

    def __str__(self) -> str:
        return f"{self.studio_id} {self.year}"


class StudioEvent(models.Model):
    studio = models.ForeignKey(InnovationStudio, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=StudioAction.choices)
    old_status = models.CharField(max_length=8, blank=True)
    new_status = models.CharField(max_length=8, blank=True)
    actor_id = models.IntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.studio_id} {self.action}"

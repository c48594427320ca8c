"""职工技能培训: a course run by a union (for an employer or open to many), with the 人次 trained and,
per skill level, how many trainees reached it. Counts, not per-trainee rows: the unions report
courses by 人次, and a trainee list is the provider's paperwork, not the union's record."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.members.choices import SkillLevel
from gonghui.orgs.models import PREFIX_OPS, Employer, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.skills.innovation_choices import CourseKind


class TrainingQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class TrainingCourse(models.Model):
    union = models.ForeignKey(TradeUnion, verbose_name=_("举办工会"), on_delete=models.PROTECT,
                              related_name="training_courses")
    employer = models.ForeignKey(Employer, verbose_name=_("培训单位"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="training_courses")
    title = models.CharField(_("培训名称"), max_length=120)
    kind = models.CharField(_("培训类型"), max_length=16, choices=CourseKind.choices)
    provider = models.CharField(_("承办机构"), max_length=100, blank=True)
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    hours = models.PositiveIntegerField(_("学时"), null=True, blank=True)
    trainees = models.PositiveIntegerField(_("培训人次"))
    # The union of the course, or the employer's when the course is run for one employer.
    org_path = models.CharField(max_length=255, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = TrainingQuerySet.as_manager()

    class Meta:
        ordering = ["-ends_on", "-id"]
        indexes = [models.Index(fields=["org_path", "ends_on"], name="training_course_subtree",
                                opclasses=[PREFIX_OPS, "date_ops"])]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")),
                                              name="training_course_period_forward")]

    def __str__(self) -> str:
        return self.title


class TrainingLevelCount(models.Model):
    """How many of a course's trainees reached a skill level (取得技能等级证书)."""

    course = models.ForeignKey(TrainingCourse, on_delete=models.CASCADE, related_name="levels")
    level = models.CharField(_("技能等级"), max_length=8, choices=SkillLevel.choices)
    count = models.PositiveIntegerField(_("人数"))

    class Meta:
        ordering = ["level"]
        constraints = [models.UniqueConstraint(fields=["course", "level"], name="one_count_per_course_level")]

    def __str__(self) -> str:
        return f"{self.course_id} {self.level} {self.count}"

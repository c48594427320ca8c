"""Assessment rules as versioned data: the local minimum-living line and the factor of each class."""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class AssessmentRule(models.Model):
    """One version of the rule for an area (a city, a county, or a whole province by its adcode).

    A version is never edited once written: a new line or factor is a new version, so a file that
    records the version that classified it can always be explained afterwards.
    """

    adcode = models.CharField(_("行政区划代码"), max_length=6)
    area_name = models.CharField(_("地区"), max_length=60)
    version = models.PositiveIntegerField(_("版本"))
    # 城市居民最低生活保障标准, 元 per person per month.
    min_living_monthly = models.DecimalField(_("最低生活保障标准（元/人·月）"), max_digits=8, decimal_places=2)
    deep_factor = models.DecimalField(_("深度困难系数"), max_digits=4, decimal_places=2)
    relative_factor = models.DecimalField(_("相对困难系数"), max_digits=4, decimal_places=2)
    accident_factor = models.DecimalField(_("意外致困系数"), max_digits=4, decimal_places=2)
    effective_from = models.DateField(_("生效日期"))
    effective_to = models.DateField(_("失效日期"), null=True, blank=True)
    source = models.CharField(_("依据"), max_length=200)
    approved_by_id = models.BigIntegerField(null=True)
    approved_by_label = models.CharField(_("批准人"), max_length=150)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["adcode", "-effective_from", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["adcode", "version"], name="assessment_rule_one_version_per_area"),
            models.CheckConstraint(condition=Q(min_living_monthly__gt=0), name="assessment_rule_line_positive"),
            models.CheckConstraint(
                condition=Q(deep_factor__gt=0, relative_factor__gte=F("deep_factor"), accident_factor__gt=0),
                name="assessment_rule_factors_ordered"),
            models.CheckConstraint(condition=Q(effective_to__isnull=True) | Q(effective_to__gte=F("effective_from")),
                                   name="assessment_rule_period_ordered"),
        ]

    def __str__(self) -> str:
        return f"{self.area_name} v{self.version}"

"""The 统计年报's forms as data and each union's return for a statistical year.

A form (基层工会调查表, 基层以上工会调查表) has a code, the statistical year it applies from and a
version; its fields say where each value comes from (a metric with an optional dimension filter, a
cadre's hand, or the children's signed-off returns) and its checks (审核关系) say what must hold.
A return holds one union's values for one statistical year; signed off, it is locked until reopened.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.reports.stats.choices import CheckKind, FormKind, ReturnStatus, Source


class StatForm(models.Model):
    code = models.CharField(_("表号"), max_length=20)
    name = models.CharField(_("表名"), max_length=60)
    kind = models.CharField(_("适用范围"), max_length=12, choices=FormKind.choices)
    from_year = models.PositiveSmallIntegerField(_("起用统计年度"))
    version = models.PositiveSmallIntegerField(_("版本"), default=1)

    class Meta:
        ordering = ["kind", "-from_year"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="stat_form_code_version")]

    def __str__(self) -> str:
        return f"{self.name}（{self.code} v{self.version}）"


class StatSection(models.Model):
    form = models.ForeignKey(StatForm, on_delete=models.CASCADE, related_name="sections")
    code = models.CharField(max_length=10)
    title = models.CharField(_("栏目"), max_length=60)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.title


class StatField(models.Model):
    form = models.ForeignKey(StatForm, on_delete=models.CASCADE, related_name="fields")
    section = models.ForeignKey(StatSection, on_delete=models.CASCADE, related_name="fields")
    # The column code the survey software imports; a field the union above sums keeps the same code
    # on both forms, so the sum reads the children's values by code whatever form they filed.
    code = models.CharField(_("指标代码"), max_length=12)
    label = models.CharField(_("指标名称"), max_length=60)
    label_en = models.CharField(max_length=80, blank=True)  # the checks' messages name fields in both languages
    unit = models.CharField(_("计量单位"), max_length=8)
    order = models.PositiveSmallIntegerField(default=0)
    source = models.CharField(_("数据来源"), max_length=10, choices=Source.choices)
    metric = models.CharField(max_length=60, blank=True)
    where = models.JSONField(default=dict, blank=True)  # dimension name -> value
    decimals = models.PositiveSmallIntegerField(default=0)
    is_text = models.BooleanField(default=False)  # a name (工会主席), not a number
    # The union above adds it up from its children's signed-off returns.
    summed_above = models.BooleanField(_("上级汇总"), default=True)

    class Meta:
        ordering = ["order", "id"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="stat_field_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.label}"


class StatCheck(models.Model):
    form = models.ForeignKey(StatForm, on_delete=models.CASCADE, related_name="checks")
    code = models.CharField(max_length=12)
    kind = models.CharField(_("审核关系"), max_length=10, choices=CheckKind.choices)
    left = models.CharField(max_length=12)  # a field code
    right = models.JSONField(default=list, blank=True)  # field codes
    bound = models.DecimalField(max_digits=6, decimal_places=1, null=True, blank=True)  # YEAR_ON_YEAR: percent

    class Meta:
        ordering = ["code"]
        constraints = [models.UniqueConstraint(fields=["form", "code"], name="stat_check_code_once")]

    def __str__(self) -> str:
        return f"{self.code} {self.kind}"


class StatReturnQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class StatReturn(models.Model):
    form = models.ForeignKey(StatForm, on_delete=models.PROTECT, related_name="returns")
    union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("统计年度"))
    status = models.CharField(_("状态"), max_length=10, choices=ReturnStatus.choices, default=ReturnStatus.DRAFT)
    signed_name = models.CharField(_("签报人"), max_length=50, blank=True)
    signed_on = models.DateField(_("签报日期"), null=True, blank=True)
    signed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+")
    reopen_reason = models.CharField(_("更正原因"), max_length=300, blank=True)
    # A child's return changed (reopened, or signed after this return was aggregated): the sum is old.
    stale = models.BooleanField(default=False)
    aggregated_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    updated_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    objects = StatReturnQuerySet.as_manager()

    class Meta:
        ordering = ["org_path"]
        constraints = [models.UniqueConstraint(fields=["union", "year"], name="stat_return_one_per_year")]
        # The subtree reads (org_path LIKE 'path%' and the year) use the prefix index; the other keeps
        # the year's returns in tree order for the lists and the export.
        indexes = [models.Index(fields=["year", "org_path"], name="stat_return_year_path"),
                   models.Index(fields=["org_path", "year"], name="stat_return_subtree",
                                opclasses=[PREFIX_OPS, "int2_ops"])]

    def __str__(self) -> str:
        return f"{self.union.name} SY{self.year}"

    @property
    def locked(self) -> bool:
        return self.status == ReturnStatus.SIGNED


class StatValue(models.Model):
    ret = models.ForeignKey(StatReturn, on_delete=models.CASCADE, related_name="values")
    field = models.ForeignKey(StatField, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(max_digits=16, decimal_places=2, null=True, blank=True)  # None: not filled / missing
    text = models.CharField(max_length=100, blank=True)  # a text field's value
    explanation = models.CharField(_("说明"), max_length=300, blank=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["ret", "field"], name="stat_value_once")]

    def __str__(self) -> str:
        return f"{self.field_id}={self.value}"


class StatEvent(models.Model):
    ret = models.ForeignKey(StatReturn, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=300, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return self.action

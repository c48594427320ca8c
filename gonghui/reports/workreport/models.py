"""The work report's templates (sections and their sentences, editable data) and each union's report.

A report keeps the figures it was generated with (metric, version, period, subtree, value), so the
page, the Word document and a reader checking a number later all see the same figure and can trace
it to its metric; regenerating replaces them and says when.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel
from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class ReportSection(models.Model):
    """One area of work (组织建设, 维权 …): the report's chapters, in order."""

    code = models.SlugField(max_length=30, unique=True)
    title = models.CharField(_("章节标题"), max_length=40)
    order = models.PositiveSmallIntegerField(_("顺序"))
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["order", "pk"]

    def __str__(self) -> str:
        return self.title


class ReportSentence(models.Model):
    """A sentence over metrics: "新建工会组织{unions.new}家，新发展会员{members.new}人，{members.new|yoy}。"."""

    section = models.ForeignKey(ReportSection, on_delete=models.CASCADE, related_name="sentences")
    order = models.PositiveSmallIntegerField(_("顺序"))
    template = models.CharField(_("句式"), max_length=400)
    is_active = models.BooleanField(_("启用"), default=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["section__order", "order", "pk"]

    def __str__(self) -> str:
        return self.template


class WorkReportQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class WorkReport(TimeStampedModel):
    union = models.ForeignKey(TradeUnion, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="+")
    # Copy of union.path (orgs.paths rewrites it when the union moves).
    org_path = models.CharField(max_length=255, editable=False)
    period_key = models.CharField(_("报告期间"), max_length=24)
    title = models.CharField(_("标题"), max_length=120)
    # {section code: the cadre's own paragraphs}
    narrative = models.JSONField(default=dict)
    # [{"section": code, "sentence": id, "parts": [text | {"metric", "version", "period", "under", "value",
    #   "shown"}…], "problem": ""}], in section and sentence order, as generated.
    body = models.JSONField(default=list)
    generated_at = models.DateTimeField()
    generated_by = models.CharField(max_length=150)
    version = models.PositiveIntegerField(default=1)

    objects = WorkReportQuerySet.as_manager()

    class Meta:
        ordering = ["-period_key", "org_path"]
        indexes = [models.Index(fields=["org_path"], name="work_report_subtree", opclasses=[PREFIX_OPS])]
        constraints = [models.UniqueConstraint(fields=["union", "period_key"], name="work_report_one_per_period")]

    def __str__(self) -> str:
        return self.title

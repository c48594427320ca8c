"""An export too large to answer at once: written in the background, downloaded by its owner alone."""

import datetime

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import EncryptedTextField
from gonghui.core.retention import rule_by_key, rule_days


def _expiry() -> datetime.datetime:
    # Downloadable for the export files' retention period (GONGHUI_RETAIN_EXPORT_FILE_DAYS); the
    # retention sweep deletes the file once it is over (reports.retention).
    return timezone.now() + datetime.timedelta(days=rule_days(rule_by_key("export_files")))


class ExportJob(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("排队中")
        RUNNING = "running", _("正在导出")
        DONE = "done", _("已完成")
        FAILED = "failed", _("失败")

    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="export_jobs")
    name = models.CharField(max_length=60)  # the registered export (core.exports)
    # The list's filters as JSON, sealed: a search box may hold a caller's full phone number.
    filters = EncryptedTextField(default="{}")
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.QUEUED)
    rows_done = models.PositiveIntegerField(default=0)
    rows_total = models.PositiveIntegerField(default=0)
    file = models.FileField(upload_to="exports/%Y/%m/", max_length=200, blank=True)
    file_name = models.CharField(max_length=120, blank=True)
    failure = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(default=timezone.now)
    finished_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(default=_expiry, db_index=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.name} #{self.pk}"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    @property
    def downloadable(self) -> bool:
        """Done, still holding its file, within its period (the sweep deletes the file after it)."""
        return self.status == self.Status.DONE and bool(self.file) and self.expires_at > timezone.now()

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        return min(99, self.rows_done * 100 // self.rows_total) if self.rows_total else 0


class MetricFigure(models.Model):
    """A metric's figure for one union's whole subtree and one period, computed by the refresh
    (gonghui.reports.metrics.rollup) so the top of a big tree never counts its rows on page load.

    `version` is the metric's: a changed definition stores new rows beside the old, never over them.
    A ratio stores its numerator and denominator so the parent's rate stays Σ/Σ.
    """

    metric = models.CharField(max_length=60)
    version = models.PositiveSmallIntegerField()
    period = models.CharField(max_length=30)  # Period.key
    path = models.CharField(max_length=255)  # the union's path: the subtree the figure counts
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True)  # None: a rate without denominator
    numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True)
    computed_at = models.DateTimeField()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["metric", "version", "period", "path"],
                                               name="one_metric_figure_per_subtree_period")]

    def __str__(self) -> str:
        return f"{self.metric} v{self.version} {self.period} {self.path}"


# The radar's, the 统计年报's and the work report's models live in their own modules.
# The radar's, the work report's and the national tier's models live in their own modules.
from gonghui.reports.federation.models import (  # noqa: E402
    FederationNonce,
    FederationSend,
    PeerDeployment,
    ReceivedFigure,
)
from gonghui.reports.federation.transfer_models import CrossTransfer  # noqa: E402
from gonghui.reports.risk_models import EmployerRiskScore, RiskAlert, RiskRule  # noqa: E402
from gonghui.reports.stats.models import (  # noqa: E402
    StatCheck,
    StatEvent,
    StatField,
    StatForm,
    StatReturn,
    StatSection,
    StatValue,
)
from gonghui.reports.workreport.models import ReportSection, ReportSentence, WorkReport  # noqa: E402

__all__ = ["CrossTransfer", "EmployerRiskScore", "ExportJob", "FederationNonce", "FederationSend", "MetricFigure",
           "PeerDeployment", "ReceivedFigure", "ReportSection", "ReportSentence", "RiskAlert", "RiskRule", "StatCheck",
           "StatEvent", "StatField", "StatForm", "StatReturn", "StatSection", "StatValue", "WorkReport"]

"""集体登记入会: a roster a union uploads, staged until it is committed, and what validation found in it.

Kept beside models.py (which imports it) so the registry's own models stay in one readable file.
"""

from django.db import models
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel
from gonghui.members.cleaning import LABELS
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class RosterImportQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class RosterImport(TimeStampedModel):
    class Status(models.TextChoices):
        UPLOADED = "uploaded", _("等待校验")
        VALIDATING = "validating", _("正在校验")
        VALIDATED = "validated", _("已校验，待提交")
        COMMITTING = "committing", _("正在提交")
        COMMITTED = "committed", _("已完成入会")
        FAILED = "failed", _("失败")

    union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="roster_imports")
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    # Stored under a random name: what people call their files never reaches a path.
    file = models.FileField(upload_to="imports/%Y/%m/", max_length=200)
    # The clean rows validation produced, sealed with the field key, read once by the commit.
    staged = models.FileField(upload_to="imports/%Y/%m/", max_length=200, blank=True)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveBigIntegerField(default=0)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.UPLOADED)
    total_rows = models.PositiveIntegerField(default=0)
    valid_rows = models.PositiveIntegerField(default=0)  # will be admitted (new people or rejoining)
    error_rows = models.PositiveIntegerField(default=0)
    transfer_rows = models.PositiveIntegerField(default=0)  # members elsewhere: a transfer request each
    admitted_rows = models.PositiveIntegerField(default=0)
    rejoined_rows = models.PositiveIntegerField(default=0)
    transfers_created = models.PositiveIntegerField(default=0)
    processed_rows = models.PositiveIntegerField(default=0)
    progress = models.PositiveSmallIntegerField(default=0)  # percent of the phase under way
    columns = models.JSONField(default=list)  # the file's columns we use: [{"field", "index"}]
    ignored_columns = models.JSONField(default=list)  # titles we did not recognise
    issues_truncated = models.BooleanField(default=False)
    failure_zh = models.CharField(max_length=300, blank=True)
    failure_en = models.CharField(max_length=300, blank=True)
    created_by_id = models.BigIntegerField(null=True)
    commit_requested_by_id = models.BigIntegerField(null=True)
    validated_at = models.DateTimeField(null=True)
    commit_started_at = models.DateTimeField(null=True)
    finished_at = models.DateTimeField(null=True)
    # An API client's Idempotency-Key: a retried upload with the same key and actor finds this import.
    idempotency_key = models.CharField(max_length=100, blank=True)

    objects = RosterImportQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["created_by_id", "idempotency_key"],
                                               condition=~models.Q(idempotency_key=""),
                                               name="roster_import_idempotency_key")]

    def __str__(self) -> str:
        return f"{self.original_name} → {self.union_id} ({self.status})"

    @property
    def failure(self) -> str:
        return self.failure_en if translation.get_language() == "en" and self.failure_en else self.failure_zh

    @property
    def running(self) -> bool:
        return self.status in (self.Status.UPLOADED, self.Status.VALIDATING, self.Status.COMMITTING)

    @property
    def committable(self) -> bool:
        return self.status == self.Status.VALIDATED and self.valid_rows + self.transfer_rows > 0


class RosterImportIssue(models.Model):
    """One finding on one row: an error that keeps the row out, or a notice (the row becomes a transfer)."""

    class Severity(models.TextChoices):
        ERROR = "error", _("错误")
        NOTICE = "notice", _("提示")

    roster_import = models.ForeignKey(RosterImport, on_delete=models.CASCADE, related_name="issues")
    row = models.PositiveIntegerField()  # as the user sees it in the sheet; the header is usually row 1
    field = models.CharField(max_length=20, blank=True)
    code = models.CharField(max_length=30)
    severity = models.CharField(max_length=6, choices=Severity.choices, default=Severity.ERROR)
    # Both languages are kept: the report is read long after the request that validated it.
    message_zh = models.CharField(max_length=300)
    message_en = models.CharField(max_length=300)
    value = models.CharField(max_length=100, blank=True)  # the offending cell, masked if it is an ID or phone
    raw = models.JSONField(default=dict)  # the row's cells by field, for the error file to fix and re-upload
    at_commit = models.BooleanField(default=False)

    class Meta:
        ordering = ["row", "id"]
        indexes = [models.Index(fields=["roster_import", "severity", "row"])]

    def __str__(self) -> str:
        return f"{self.roster_import_id}:{self.row} {self.code}"

    @property
    def message(self) -> str:
        return self.message_en if translation.get_language() == "en" else self.message_zh

    @property
    def column_label(self) -> str:
        return str(LABELS.get(self.field, "")) if self.field in LABELS else ""

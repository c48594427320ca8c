"""What accumulates around a hardship file: its timeline, documents, re-checks and access log."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import Action, DocumentKind, HardshipClass, RecheckResult
from gonghui.core.upload_models import StoredUpload
from gonghui.orgs.models import PREFIX_OPS


class HardshipEvent(models.Model):
    """One row per change: who did what, from which status to which, and why."""

    # Indexed with the time below; a second index on the file alone would be its twin.
    file = models.ForeignKey("assistance.HardshipFile", on_delete=models.CASCADE, related_name="events",
                             db_index=False)
    action = models.CharField(max_length=14, choices=Action.choices)
    old_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["file", "at"], name="hardship_event_file_at")]

    def __str__(self) -> str:
        return f"{self.file_id} {self.action} {self.old_status}->{self.new_status}"


class HardshipDocument(StoredUpload):
    """A supporting document: only known types, within a size limit, with its digest."""

    file = models.ForeignKey("assistance.HardshipFile", on_delete=models.CASCADE, related_name="documents")
    kind = models.CharField(_("材料类型"), max_length=14, choices=DocumentKind.choices)
    upload = models.FileField(upload_to="assistance/%Y/%m/")


class HardshipRecheck(models.Model):
    """回头看: when it was due, when it was done, what it found. On time means done by the due date."""

    file = models.ForeignKey("assistance.HardshipFile", on_delete=models.CASCADE, related_name="rechecks")
    due_on = models.DateField(_("应回头看日期"), null=True, blank=True)
    done_at = models.DateTimeField(_("回头看时间"))
    on_time = models.BooleanField(_("按时完成"))
    result = models.CharField(_("回头看结论"), max_length=12, choices=RecheckResult.choices)
    income_per_head = models.DecimalField(max_digits=10, decimal_places=2)
    suggested_class = models.CharField(max_length=10, choices=HardshipClass.choices, blank=True)
    note = models.CharField(_("情况说明"), max_length=500, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)

    class Meta:
        ordering = ["-done_at", "-id"]
        indexes = [models.Index(fields=["done_at"], name="hardship_recheck_done_at")]

    def __str__(self) -> str:
        return f"{self.file_id} {self.result} {self.done_at:%Y-%m-%d}"


class HardshipDataAccess(models.Model):
    """Each time a household identity number or health note is shown in full, with the reason (PIPL)."""

    file = models.ForeignKey("assistance.HardshipFile", on_delete=models.PROTECT, related_name="accesses")
    household_member = models.ForeignKey("assistance.HouseholdMember", null=True, blank=True,
                                         on_delete=models.SET_NULL, related_name="+")
    field = models.CharField(max_length=20)
    reason = models.CharField(max_length=200)
    actor_id = models.BigIntegerField()
    actor_label = models.CharField(max_length=150)
    org_path = models.CharField(max_length=255)
    ip = models.CharField(max_length=45, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at"]
        indexes = [models.Index(fields=["org_path", "at"], name="hardship_access_subtree",
                                opclasses=[PREFIX_OPS, "timestamptz_ops"])]

    def __str__(self) -> str:
        return f"{self.actor_label} {self.field} {self.file_id}"

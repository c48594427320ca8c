"""What accumulates around a case: its timeline, attachments, supervision notes, notifications."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Action
from gonghui.core.upload_models import StoredUpload
from gonghui.orgs.models import TradeUnion


class CaseEvent(models.Model):
    """One row per change: who did what, from which status to which, between which unions."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    from_union = models.ForeignKey(TradeUnion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    to_union = models.ForeignKey(TradeUnion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["case", "at"])]

    def __str__(self) -> str:
        return f"{self.case_id} {self.action} {self.old_status}->{self.new_status}"


class CaseAttachment(StoredUpload):
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="cases/%Y/%m/")


class Supervision(models.Model):
    """督办: a higher union asks the handling union to move, and wants a reply by a date."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="supervisions")
    by_union = models.ForeignKey(TradeUnion, verbose_name=_("督办单位"), on_delete=models.PROTECT, related_name="+")
    by_user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="+")
    note = models.CharField(_("督办意见"), max_length=1000)
    reply_due = models.DateField(_("要求回复日期"), null=True, blank=True)
    reply = models.CharField(_("回复"), max_length=1000, blank=True)
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["case", "replied_at"])]

    def __str__(self) -> str:
        return f"{self.case_id} ← {self.by_union_id}"


class CaseNotification(models.Model):
    """A message in a cadre's inbox (overdue, supervised); the console lists the unread ones."""

    recipient = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                                  related_name="case_notifications")
    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="notifications")
    action = models.CharField(max_length=20, choices=Action.choices)
    text = models.CharField(max_length=300)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["recipient", "read_at"])]

    def __str__(self) -> str:
        return f"{self.recipient_id}: {self.text}"

"""What accumulates around plans and claims: the timeline of every change, and claim documents."""

from django.db import models
from django.utils import timezone

from gonghui.core.upload_models import StoredUpload


class MutualAidEvent(models.Model):
    """One row per change of a plan, an enrolment batch or a claim: who, what, from which status to which."""

    # Indexed with the time below (a timeline is read in order), so no plain index of their own.
    plan = models.ForeignKey("mutualaid.MutualAidPlan", on_delete=models.CASCADE, related_name="events",
                             db_index=False)
    claim = models.ForeignKey("mutualaid.MutualAidClaim", null=True, blank=True, on_delete=models.CASCADE,
                              related_name="events", db_index=False)
    action = models.CharField(max_length=24)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["plan", "at"], name="mutualaid_event_plan_at"),
                   models.Index(fields=["claim", "at"], name="mutualaid_event_claim_at")]

    def __str__(self) -> str:
        return f"{self.plan_id}/{self.claim_id} {self.action}"


class MutualAidClaimDocument(StoredUpload):
    """A scan of a discharge summary, an invoice, a diagnosis certificate: known types only, hashed."""

    claim = models.ForeignKey("mutualaid.MutualAidClaim", on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="mutualaid/%Y/%m/")

"""Progress of a key rotation (README "Rotating keys"), one row per run, so a killed job resumes."""

from django.db import models


class KeyRotation(models.Model):
    class Kind(models.TextChoices):
        FIELD = "field", "field"
        INDEX = "index", "index"

    kind = models.CharField(max_length=5, choices=Kind.choices)
    # The key id the run moves every value to: the first of GONGHUI_FIELD_KEYS or GONGHUI_INDEX_KEY.
    target = models.CharField(max_length=40)
    # "app.model" -> {"cursor": last primary key done, "done": rows rewritten, "total": rows to look at,
    # "finished": bool}; saved after every batch, in the batch's own transaction.
    progress = models.JSONField(default=dict)
    started_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    finished_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "target", "finished_at"], name="key_rotation_run")]

    def __str__(self) -> str:
        return f"{self.kind} → {self.target}"

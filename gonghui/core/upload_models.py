"""What every stored upload records (case attachments, hardship documents, mutual-aid claim
documents), as `core.uploads.check_upload` judged it; each app adds its owner and its file field."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class StoredUpload(models.Model):
    name = models.CharField(_("文件名"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    uploaded_by_id = models.BigIntegerField(null=True)
    uploaded_by_label = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        abstract = True
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return self.name

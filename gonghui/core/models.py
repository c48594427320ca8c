from django.db import models

from gonghui.core.audit_models import AuditChainHead, AuditEntry

__all__ = ["AuditChainHead", "AuditEntry", "TimeStampedModel"]


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

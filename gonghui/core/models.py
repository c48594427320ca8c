from django.db import models

from gonghui.core.audit_models import AuditChainHead, AuditEntry
from gonghui.core.idempotency import IdempotentCreate
from gonghui.core.key_rotation_models import KeyRotation
from gonghui.core.lookup_models import IdLookupTally
from gonghui.core.queue import PendingEnqueue
from gonghui.core.sweep_runs import SweepRun

__all__ = ["AuditChainHead", "AuditEntry", "IdLookupTally", "IdempotentCreate", "KeyRotation", "PendingEnqueue",
           "SweepRun", "TimeStampedModel"]


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

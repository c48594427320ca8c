"""The audit log: append-only and chained with a keyed hash, so that any edit or deletion is detectable.

Entries written before the chain was keyed have an empty `kid` and an unkeyed SHA-256 hash; the first
keyed entry's hash covers them through its link, and no unkeyed entry may follow a keyed one
(docs/decisions.md "The audit chain is keyed and checkpointed outside the database").
"""

import hashlib
import hmac
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

GENESIS = "0" * 64  # the link of the first entry


class AppendOnly(Exception):
    pass


class UnknownAuditKey(LookupError):
    """An entry names a key id that GONGHUI_AUDIT_KEY does not hold."""


def current_audit_kid() -> str:
    """The id of the key that keys new entries: the first of GONGHUI_AUDIT_KEY."""
    return next(iter(settings.GONGHUI_AUDIT_KEYS))


class AuditQuerySet(models.QuerySet):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnly("The audit log is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnly("The audit log is append-only.")


class AuditEntry(models.Model):
    class Outcome(models.TextChoices):
        OK = "ok", _("成功")
        DENIED = "denied", _("拒绝访问")
        FAILED = "failed", _("失败")

    at = models.DateTimeField(db_index=True)
    # The actor is kept as an id and a label rather than a foreign key: core sits below accounts,
    # and the row must read the same after the account is renamed.
    actor_id = models.BigIntegerField(null=True, blank=True, db_index=True)
    actor_label = models.CharField(max_length=150, blank=True)
    action = models.CharField(max_length=64, db_index=True)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    object_label = models.CharField(max_length=200, blank=True)
    org_path = models.CharField(max_length=255, blank=True, db_index=True)
    outcome = models.CharField(max_length=8, choices=Outcome.choices, default=Outcome.OK)
    ip = models.CharField(max_length=45, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    prev_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # Position in the chain, 1, 2, 3… without gaps (given under the head's lock, unlike the id, whose
    # sequence skips the values of rolled-back inserts): checkpoints name an entry by it.
    seq = models.PositiveBigIntegerField(unique=True)
    # Id of the GONGHUI_AUDIT_KEY key that keyed `hash`; empty for the unkeyed entries of before.
    kid = models.CharField(max_length=16, blank=True, default="")

    objects = AuditQuerySet.as_manager()

    class Meta:
        ordering = ["-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.actor_label} {self.action}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise AppendOnly("The audit log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnly("The audit log is append-only.")

    def compute_hash(self) -> str:
        """The entry's hash: HMAC-SHA256 under its key id's key, or plain SHA-256 for an unkeyed entry."""
        payload: dict[str, Any] = {
            "at": self.at.isoformat(),
            "actor_id": self.actor_id,
            "actor_label": self.actor_label,
            "action": self.action,
            "object_type": self.object_type,
            "object_id": self.object_id,
            "object_label": self.object_label,
            "org_path": self.org_path,
            "outcome": self.outcome,
            "ip": self.ip,
            "detail": self.detail,
            "prev_hash": self.prev_hash,
        }
        if not self.kid:
            canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
            return hashlib.sha256(canonical.encode()).hexdigest()
        key = settings.GONGHUI_AUDIT_KEYS.get(self.kid)
        if key is None:
            raise UnknownAuditKey(self.kid)
        payload.update(seq=self.seq, kid=self.kid)
        canonical = json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hmac.digest(key, canonical.encode(), "sha256").hex()


class AuditChainHead(models.Model):
    """One row holding the newest hash; locking it orders concurrent writers into one chain."""

    last_hash = models.CharField(max_length=64, default=GENESIS)
    last_seq = models.PositiveBigIntegerField(default=0)

    def __str__(self) -> str:
        return self.last_hash


class AuditCut(models.Model):
    """Where the retention sweep cut the log: every entry up to `seq` may be deleted, and the verified
    chain starts after it from `hash`. `checkpoint` is the signed checkpoint line that named this entry,
    so the start is vouched for by the signing key, not by the database (audit_retention)."""

    seq = models.PositiveBigIntegerField(unique=True)
    hash = models.CharField(max_length=64)
    kid = models.CharField(max_length=16, blank=True, default="")
    checkpoint = models.TextField()
    made_at = models.DateTimeField()

    class Meta:
        ordering = ["-seq"]

    def __str__(self) -> str:
        return f"#{self.seq}"

"""Writing and checking the audit log. Every service calls `audit_record` inside its transaction."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from gonghui.core.audit_models import AuditChainHead, AuditEntry

GENESIS = "0" * 64


@dataclass(frozen=True)
class Actor:
    """Who acts: a user, or the system itself (tasks, commands) with a label."""

    id: int | None
    label: str
    ip: str = ""

    @classmethod
    def system(cls, label: str = "system") -> "Actor":
        return cls(id=None, label=label)


def audit_record(
    *,
    actor: Actor,
    action: str,
    obj: Any = None,
    object_type: str = "",
    object_id: str | int = "",
    object_label: str = "",
    org_path: str = "",
    outcome: str = AuditEntry.Outcome.OK,
    detail: dict[str, Any] | None = None,
) -> AuditEntry:
    if obj is not None:
        object_type = object_type or obj._meta.label_lower
        object_id = object_id or obj.pk
        object_label = object_label or str(obj)
    # No savepoint of its own: a failed audit write must fail the caller's whole change anyway, and
    # every audited write would otherwise pay two more round trips.
    with transaction.atomic(savepoint=False):
        head, _ = AuditChainHead.objects.select_for_update().get_or_create(pk=1)
        entry = AuditEntry(
            at=timezone.now(),
            actor_id=actor.id,
            actor_label=actor.label[:150],
            action=action,
            object_type=object_type,
            object_id=str(object_id),
            object_label=object_label[:200],
            org_path=org_path,
            outcome=outcome,
            ip=actor.ip,
            detail=detail or {},
            prev_hash=head.last_hash,
        )
        entry.hash = entry.compute_hash()
        entry.save()
        AuditChainHead.objects.filter(pk=1).update(last_hash=entry.hash)
    return entry


def audit_verify_chain(batch: int = 5000) -> int | None:
    """Return the id of the first entry whose hash or link is wrong, or None when the chain holds."""
    prev = GENESIS
    last_id = 0
    while True:
        rows = list(AuditEntry.objects.filter(id__gt=last_id).order_by("id")[:batch])
        if not rows:
            break
        for row in rows:
            # Read back, `at` and `detail` must hash the same as when written.
            if row.prev_hash != prev or row.compute_hash() != row.hash:
                return row.id
            prev = row.hash
            last_id = row.id
    head = AuditChainHead.objects.filter(pk=1).values_list("last_hash", flat=True).first()
    if head is not None and head != prev:
        return last_id or 0
    return None

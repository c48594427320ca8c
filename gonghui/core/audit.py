"""Writing and checking the audit log. Every service calls `audit_record` inside its transaction."""

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.audit_models import GENESIS, AuditChainHead, AuditEntry, current_audit_kid

__all__ = ["GENESIS", "Actor", "actor_shown", "audit_record", "audit_verify_chain"]


@dataclass(frozen=True)
class Actor:
    """Who acts: a user, or the system itself (tasks, commands) with a label."""

    id: int | None
    label: str  # the login name (audit rows keep it: accountable, unique)
    ip: str = ""
    # What an event timeline says of who acted: "张敏（成都市锦江区总工会）" for a cadre; a worker or
    # the system keep their coded label, which `actor_shown` puts into the reader's words.
    display: str = ""

    @property
    def shown(self) -> str:
        return (self.display or self.label)[:150]

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
            seq=head.last_seq + 1,
            kid=current_audit_kid(),
        )
        # One HMAC per entry: the same cost as the plain hash it replaces.
        entry.hash = entry.compute_hash()
        entry.save()
        AuditChainHead.objects.filter(pk=1).update(last_hash=entry.hash, last_seq=entry.seq)
    return entry


def audit_verify_chain(batch: int = 5000) -> int | None:
    """Return the id of the first entry whose hash, key or link is wrong (0 when only the head is),
    or None when the chain holds. The checkpoints are checked by `audit_verification.audit_verify`."""
    from gonghui.core.audit_verification import verify_chain

    first = verify_chain(batch=batch).first_bad
    return None if first is None else first.entry_id


SYSTEM_PREFIX = "system:"
WORKER_PREFIX = "portal:"


def actor_shown(label: str) -> str:
    """A stored event actor in the reader's words: a cadre's name and union as stored; a worker who
    acted on the portal as 职工本人 with the phone's last four digits; the system as 系统."""
    if label.startswith(WORKER_PREFIX):
        tail = label[len(WORKER_PREFIX):][-4:]
        return _("职工本人（手机尾号%(tail)s）") % {"tail": tail} if tail.isdigit() else _("职工本人")
    if label.startswith(SYSTEM_PREFIX):
        return _("系统")
    return label

"""Pieces every aid service shares: permission checks over a union, event and audit rows, money."""

import datetime
from collections.abc import Iterable
from typing import Any

from django.utils import timezone

from gonghui.aid.models import AidBatch, AidBatchEvent
from gonghui.core.audit import audit_record
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for, scope_for_any
from gonghui.orgs.services.common import audit_actor

# Whoever works in the registry may see that a batch exists; acting needs the rule's permission.
VISIBLE = Perm.HARDSHIP_VIEW
def require_any(actor: Any, permissions: Iterable[str], path: str) -> None:
    """Like orgs.scope.require for a rule several permissions satisfy: unseen rows answer 404."""
    if scope_for_any(actor, permissions).covers(path):
        return
    if scope_for(actor, VISIBLE).covers(path):
        raise PermissionDenied()
    raise NotFound()


def record_batch_event(*, actor: Any, batch: AidBatch, action: str, old_status: str = "", new_status: str = "",
                       note: str = "", detail: dict[str, Any] | None = None,
                       at: datetime.datetime | None = None) -> None:
    who = audit_actor(actor)
    AidBatchEvent.objects.create(batch=batch, action=action, old_status=old_status, new_status=new_status,
                                 actor_id=who.id, actor_label=who.shown, note=note[:500],
                                 detail=detail or {}, at=at or timezone.now())
    audit_record(actor=who, action=f"aid.batch.{action}", obj=batch, org_path=batch.org_path,
                 detail={"old": old_status, "new": new_status, **(detail or {})})

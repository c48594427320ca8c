from collections.abc import Sequence
from typing import Any

from gonghui.core.audit import Actor, AuditItem, audit_record_many
from gonghui.members.models import Member, Membership, MembershipEvent
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.services.common import audit_actor


def who(actor: Any) -> Actor:
    """The audit Actor of whoever acts: an Actor as itself, a portal worker (no account) as its bare
    Actor, a cadre or a system actor mapped from the account."""
    if isinstance(actor, Actor):
        return actor
    # A portal worker carries its own Actor (members.services.applications.PortalWorker, which imports
    # this module: matched by what it holds rather than by class).
    own = getattr(actor, "actor", None)
    return own if isinstance(own, Actor) else audit_actor(actor)


def record_event(*, actor: Any, member: Member, kind: str, membership: Membership | None = None,
                 old_status: str = "", new_status: str = "", union: TradeUnion | None = None, note: str = "",
                 detail: dict[str, Any] | None = None) -> None:
    """The member's own history row and the audit row, written together by every service."""
    record_events(actor=actor, events=[{"member": member, "kind": kind, "membership": membership,
                                        "old_status": old_status, "new_status": new_status, "union": union,
                                        "note": note, "detail": detail}])


def record_events(*, actor: Any, events: Sequence[dict[str, Any]]) -> None:
    """`record_event` for many at once, each dict its keyword arguments: the same rows, the events in
    one statement and the audit rows under one lock of the audit chain."""
    done_by = who(actor)
    rows = [_event(done_by, **event) for event in events]
    if len(rows) == 1:
        rows[0].save(force_insert=True)
    else:
        MembershipEvent.objects.bulk_create(rows)
    audit_record_many(actor=done_by, items=[_audit_item(**event) for event in events])


def _event(done_by: Actor, *, member: Member, kind: str, membership: Membership | None = None, old_status: str = "",
           new_status: str = "", union: TradeUnion | None = None, note: str = "", **_audit: Any) -> MembershipEvent:
    return MembershipEvent(member=member, membership=membership, kind=kind, old_status=old_status,
                           new_status=new_status, union=union, actor_id=done_by.id, actor_label=done_by.shown,
                           note=note[:200])


def _audit_item(*, member: Member, kind: str, membership: Membership | None = None, old_status: str = "",
                new_status: str = "", union: TradeUnion | None = None, detail: dict[str, Any] | None = None,
                **_event: Any) -> AuditItem:
    return AuditItem(action=f"member.{kind}", obj=member, org_path=union.path if union is not None else member.org_path,
                     detail={"membership": membership.pk if membership else None, "old": old_status,
                             "new": new_status, **(detail or {})})

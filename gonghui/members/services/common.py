from typing import Any

from gonghui.core.audit import Actor, audit_record
from gonghui.members.models import Member, Membership, MembershipEvent
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.services.common import audit_actor


def record_event(*, actor: Any, member: Member, kind: str, membership: Membership | None = None,
                 old_status: str = "", new_status: str = "", union: TradeUnion | None = None, note: str = "",
                 detail: dict[str, Any] | None = None) -> None:
    """The member's own history row and the audit row, written together by every service."""
    # A portal worker acts as a bare audit Actor (no account); a cadre or a system actor is mapped.
    who = actor if isinstance(actor, Actor) else audit_actor(actor)
    MembershipEvent.objects.create(member=member, membership=membership, kind=kind, old_status=old_status,
                                   new_status=new_status, union=union, actor_id=who.id, actor_label=who.shown,
                                   note=note[:200])
    audit_record(actor=who, action=f"member.{kind}", obj=member,
                 org_path=union.path if union is not None else member.org_path,
                 detail={"membership": membership.pk if membership else None, "old": old_status,
                         "new": new_status, **(detail or {})})

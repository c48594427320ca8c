"""Writing and checking the audit log. Every service calls `audit_record` inside its transaction."""

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.db import connections, router, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.audit_models import GENESIS, AuditChainHead, AuditEntry, current_audit_kid

__all__ = ["GENESIS", "Actor", "AuditItem", "actor_shown", "audit_record", "audit_record_many", "audit_verify_chain"]


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


@dataclass(frozen=True)
class AuditItem:
    """One row of a batch written by `audit_record_many`: what `audit_record` takes besides the actor."""

    action: str
    obj: Any = None
    object_type: str = ""
    object_id: str | int = ""
    object_label: str = ""
    org_path: str = ""
    outcome: str = AuditEntry.Outcome.OK
    detail: dict[str, Any] | None = None


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
    item = AuditItem(action=action, obj=obj, object_type=object_type, object_id=object_id,
                     object_label=object_label, org_path=org_path, outcome=outcome, detail=detail)
    return audit_record_many(actor=actor, items=[item])[0]


def audit_record_many(*, actor: Actor, items: Sequence[AuditItem]) -> list[AuditEntry]:
    """Chain `items` in order under one lock of the chain head and write them in one statement: a
    sweep touching hundreds of rows pays for the head once, not once per row."""
    if not items:
        return []
    alias = router.db_for_write(AuditEntry)
    statements = _statements(alias)
    # No savepoint of its own: a failed audit write must fail the caller's whole change anyway, and
    # every audited write would otherwise pay two more round trips.
    with transaction.atomic(using=alias, savepoint=False), connections[alias].cursor() as cursor:
        # Every audited action in the province waits on this row: the statements are written once per
        # process (not built by the ORM on every call), which keeps the lock short as well as the call.
        cursor.execute(statements.lock_head)
        head = cursor.fetchone()
        if head is None:  # the very first entry of a new database
            created = AuditChainHead.objects.using(alias).select_for_update().get_or_create(pk=1)[0]
            head = (created.last_hash, created.last_seq)
        prev_hash, seq = head
        kid, now = current_audit_kid(), timezone.now()
        entries = []
        for item in items:
            seq += 1
            entry = _entry(actor, item, at=now, prev_hash=prev_hash, seq=seq, kid=kid)
            # One HMAC per entry: the same cost as the plain hash it replaces.
            entry.hash = prev_hash = entry.compute_hash()
            entries.append(entry)
        if len(entries) == 1:
            _insert_one(cursor, statements, entries[0], alias)
        else:
            AuditEntry.objects.using(alias).bulk_create(entries)
        cursor.execute(statements.move_head, [prev_hash, seq])
    return entries


@dataclass(frozen=True)
class _Statements:
    lock_head: str
    move_head: str
    insert: str
    columns: tuple[Any, ...]  # the fields `insert` takes, in order
    returns_id: bool


@functools.cache
def _statements(alias: str) -> _Statements:
    connection = connections[alias]
    q = connection.ops.quote_name
    head = q(AuditChainHead._meta.db_table)
    fields = tuple(f for f in AuditEntry._meta.concrete_fields if not f.primary_key)
    returns_id = connection.features.can_return_columns_from_insert
    insert = "INSERT INTO {} ({}) VALUES ({}){}".format(  # noqa: S608 - names from the model, values as parameters
        q(AuditEntry._meta.db_table), ", ".join(q(f.column) for f in fields), ", ".join(["%s"] * len(fields)),
        f" RETURNING {q(AuditEntry._meta.pk.column)}" if returns_id else "")
    lock = " FOR UPDATE" if connection.features.has_select_for_update else ""  # SQLite locks the database
    return _Statements(
        lock_head=f"SELECT {q('last_hash')}, {q('last_seq')} FROM {head} WHERE {q('id')} = 1{lock}",  # noqa: S608
        move_head=f"UPDATE {head} SET {q('last_hash')} = %s, {q('last_seq')} = %s WHERE {q('id')} = 1",  # noqa: S608
        insert=insert, columns=fields, returns_id=returns_id)


def _insert_one(cursor: Any, statements: _Statements, entry: AuditEntry, alias: str) -> None:
    connection = connections[alias]
    cursor.execute(statements.insert, [f.get_db_prep_save(f.pre_save(entry, True), connection)
                                       for f in statements.columns])
    entry.pk = cursor.fetchone()[0] if statements.returns_id else cursor.lastrowid
    entry._state.adding, entry._state.db = False, alias


def _entry(actor: Actor, item: AuditItem, **chain: Any) -> AuditEntry:
    object_type, object_id, object_label = item.object_type, item.object_id, item.object_label
    if item.obj is not None:
        object_type = object_type or item.obj._meta.label_lower
        object_id = object_id or item.obj.pk
        object_label = object_label or str(item.obj)
    return AuditEntry(actor_id=actor.id, actor_label=actor.label[:150], action=item.action,
                      object_type=object_type, object_id=str(object_id), object_label=object_label[:200],
                      org_path=item.org_path, outcome=item.outcome, ip=actor.ip, detail=item.detail or {}, **chain)


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

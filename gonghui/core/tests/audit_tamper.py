"""What an attacker with write access to the database (but not the audit key, nor the checkpoint
signing key) does to the audit log: switch the append-only guard off, rewrite rows, re-chain them,
delete the newest ones, move the head."""

from collections.abc import Callable
from contextlib import contextmanager
from typing import Any

from django.db import connection

from gonghui.core.audit_models import AuditChainHead, AuditEntry

TABLE = AuditEntry._meta.db_table


@contextmanager
def guard_off():
    """The database owner can always do this; the test's transaction restores the guard."""
    with connection.cursor() as cur:
        if connection.vendor == "postgresql":
            cur.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        else:
            cur.execute("DROP TRIGGER IF EXISTS core_audit_no_update")
    yield


def _write_row(row: AuditEntry) -> None:
    fields = [f for f in AuditEntry._meta.concrete_fields if not f.primary_key]
    sets = ", ".join(f"{connection.ops.quote_name(f.column)} = %s" for f in fields)
    values = [f.get_db_prep_save(getattr(row, f.attname), connection) for f in fields]
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {TABLE} SET {sets} WHERE id = %s", [*values, row.id])


def move_head(last_hash: str, count: int) -> None:
    columns = {f.attname for f in AuditChainHead._meta.concrete_fields}
    changes: dict[str, Any] = {"last_hash": last_hash}
    if "last_seq" in columns:
        changes["last_seq"] = count
    sets = ", ".join(f"{name} = %s" for name in changes)
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {AuditChainHead._meta.db_table} SET {sets} WHERE id = 1",
                    list(changes.values()))


def rewrite_and_rechain(entry_id: int, rehash: Callable[[AuditEntry], str], **changes: Any) -> None:
    """Edit one entry, recompute its hash and every later one with `rehash`, relink them, move the head."""
    with guard_off():
        rows = list(AuditEntry.objects.filter(id__gte=entry_id).order_by("id"))
        prev = rows[0].prev_hash
        for row in rows:
            if row.id == entry_id:
                for name, value in changes.items():
                    setattr(row, name, value)
            row.prev_hash = prev
            row.hash = rehash(row)
            _write_row(row)
            prev = row.hash
        move_head(prev, AuditEntry.objects.count())


def delete_newest(n: int) -> None:
    """Delete the newest `n` entries and move the head back to the entry before them."""
    with guard_off():
        newest = list(AuditEntry.objects.order_by("-id").values_list("id", flat=True)[:n])
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {TABLE} WHERE id >= %s", [min(newest)])
        last = AuditEntry.objects.order_by("-id").first()
        assert last is not None
        move_head(last.hash, AuditEntry.objects.count())

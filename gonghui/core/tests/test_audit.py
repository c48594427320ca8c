import pytest
from django.db import DatabaseError, connection, transaction

from gonghui.core.audit import Actor, audit_record, audit_verify_chain
from gonghui.core.audit_models import AppendOnly, AuditEntry

pytestmark = pytest.mark.django_db


def _entries(n: int) -> list[AuditEntry]:
    return [audit_record(actor=Actor(id=1, label="tester", ip="127.0.0.1"), action="test.write",
                         object_label=f"对象{i}", detail={"i": i}) for i in range(n)]


def test_each_entry_links_to_the_one_before():
    a, b, c = _entries(3)
    assert b.prev_hash == a.hash and c.prev_hash == b.hash
    assert audit_verify_chain() is None


def test_the_orm_refuses_to_change_or_delete_an_entry():
    (entry,) = _entries(1)
    entry.action = "tampered"
    with pytest.raises(AppendOnly):
        entry.save()
    with pytest.raises(AppendOnly):
        entry.delete()
    with pytest.raises(AppendOnly):
        AuditEntry.objects.all().delete()


def test_a_change_made_behind_the_orms_back_is_detected():
    entries = _entries(3)
    table = AuditEntry._meta.db_table
    if connection.vendor == "postgresql":
        # There the database itself refuses the change.
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"UPDATE {table} SET object_label = 'x' WHERE id = %s", [entries[1].id])
        return
    with connection.cursor() as cur:
        cur.execute(f"UPDATE {table} SET object_label = 'x' WHERE id = %s", [entries[1].id])
    assert audit_verify_chain() == entries[1].id


def test_a_deleted_entry_breaks_the_chain():
    entries = _entries(3)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entries[1].id])
        return
    with connection.cursor() as cur:
        cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entries[1].id])
    assert audit_verify_chain() == entries[2].id

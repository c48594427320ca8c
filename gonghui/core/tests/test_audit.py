import hashlib
import json

import pytest
from django.db import DatabaseError, connection, transaction
from django.utils import timezone

from gonghui.core.audit import GENESIS, Actor, audit_record, audit_verify_chain
from gonghui.core.audit_models import AppendOnly, AuditChainHead, AuditEntry
from gonghui.core.audit_verification import verify_chain
from gonghui.core.tests.audit_tamper import guard_off

pytestmark = pytest.mark.django_db


def _entries(n: int) -> list[AuditEntry]:
    return [audit_record(actor=Actor(id=1, label="tester", ip="127.0.0.1"), action="test.write",
                         object_label=f"对象{i}", detail={"i": i}) for i in range(n)]


def test_each_entry_links_to_the_one_before():
    a, b, c = _entries(3)
    assert b.prev_hash == a.hash and c.prev_hash == b.hash
    assert [a.seq, b.seq, c.seq] == [1, 2, 3]
    assert audit_verify_chain() is None


def test_an_entry_is_keyed_with_the_first_audit_key(settings):
    settings.GONGHUI_AUDIT_KEYS = {"a2": b"n" * 32, "a1": b"o" * 32}
    (entry,) = _entries(1)
    assert entry.kid == "a2"
    settings.GONGHUI_AUDIT_KEYS = {"a2": b"x" * 32, "a1": b"o" * 32}
    assert entry.compute_hash() != entry.hash


def test_entries_keyed_with_an_older_key_verify_while_that_key_is_configured(settings):
    settings.GONGHUI_AUDIT_KEYS = {"a1": b"o" * 32}
    old = _entries(2)
    settings.GONGHUI_AUDIT_KEYS = {"a2": b"n" * 32, "a1": b"o" * 32}
    new = _entries(2)
    assert [e.kid for e in old + new] == ["a1", "a1", "a2", "a2"]
    assert audit_verify_chain() is None
    settings.GONGHUI_AUDIT_KEYS = {"a2": b"n" * 32}
    assert audit_verify_chain() == old[0].id


def _hash_as_before_the_key(e: AuditEntry) -> str:
    payload = {"at": e.at.isoformat(), "actor_id": e.actor_id, "actor_label": e.actor_label, "action": e.action,
               "object_type": e.object_type, "object_id": e.object_id, "object_label": e.object_label,
               "org_path": e.org_path, "outcome": e.outcome, "ip": e.ip, "detail": e.detail,
               "prev_hash": e.prev_hash}
    return hashlib.sha256(json.dumps(payload, sort_keys=True, ensure_ascii=False,
                                     separators=(",", ":")).encode()).hexdigest()


def test_entries_from_before_the_key_verify_unkeyed_and_the_first_keyed_entry_covers_them():
    # As migration 0003 leaves a log written before the chain was keyed: numbered, no key id.
    prev = GENESIS
    for n in range(1, 4):
        legacy = AuditEntry(at=timezone.now(), actor_label="旧", action="legacy.write", ip="", detail={"n": n},
                            prev_hash=prev, seq=n, kid="")
        legacy.hash = _hash_as_before_the_key(legacy)
        legacy.save()
        prev = legacy.hash
    AuditChainHead.objects.update_or_create(pk=1, defaults={"last_hash": prev, "last_seq": 3})
    (keyed,) = _entries(1)
    assert keyed.prev_hash == prev and keyed.seq == 4 and keyed.kid
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


def test_the_database_itself_refuses_to_change_an_entry():
    (entry,) = _entries(1)
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
        cur.execute(f"UPDATE {AuditEntry._meta.db_table} SET object_label = 'x' WHERE id = %s", [entry.id])


def test_a_change_made_behind_the_guards_back_is_detected():
    entries = _entries(3)
    with guard_off(), connection.cursor() as cur:
        cur.execute(f"UPDATE {AuditEntry._meta.db_table} SET object_label = 'x' WHERE id = %s", [entries[1].id])
    assert audit_verify_chain() == entries[1].id


def test_a_deleted_entry_breaks_the_chain():
    entries = _entries(3)
    if connection.vendor == "postgresql":
        with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cur:
            cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entries[1].id])
    with guard_off(), connection.cursor() as cur:
        cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [entries[1].id])
    assert audit_verify_chain() == entries[2].id
    assert "entry #2 before it is missing" in verify_chain().problems[0].message

"""The review's attacks on the audit log (issue #10, finding 4), replayed: each must be reported."""

import io
import os

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from gonghui.core.audit import Actor, audit_record, audit_verify_chain
from gonghui.core.audit_checkpoints import audit_checkpoint
from gonghui.core.audit_models import AuditEntry
from gonghui.core.tests.audit_tamper import delete_newest, rewrite_and_rechain

pytestmark = pytest.mark.django_db


@pytest.fixture
def checkpoints(settings, tmp_path):
    settings.GONGHUI_AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    return tmp_path / "checkpoints.jsonl"


def _entries(n: int) -> list[AuditEntry]:
    return [audit_record(actor=Actor(id=7, label="张三", ip="10.0.0.7"), action="member.update",
                         object_label=f"会员{i}", detail={"i": i}) for i in range(n)]


def _verify() -> str:
    out = io.StringIO()
    call_command("audit_verify", stdout=out, stderr=out)
    return out.getvalue()


def _unkeyed_sha256(row: AuditEntry) -> str:
    # The hash the chain used before it was keyed: anyone can compute it.
    row.kid = ""
    return row.compute_hash()


def test_an_intact_log_with_a_fresh_checkpoint_passes(checkpoints):
    _entries(5)
    audit_checkpoint()
    assert "Audit chain intact." in _verify()


@pytest.mark.parametrize("attack", ["plain sha-256", "wrong key"])
def test_an_entry_edited_and_rechained_without_the_key_is_named(settings, checkpoints, attack):
    entries = _entries(40)
    audit_checkpoint()
    target = entries[15]
    forged = {"actor_label": "李四", "ip": "192.168.1.66"}
    if attack == "plain sha-256":
        rewrite_and_rechain(target.id, _unkeyed_sha256, **forged)
    else:
        # Same key ids, keys of the attacker's own.
        guessed = {kid: os.urandom(32) for kid in getattr(settings, "GONGHUI_AUDIT_KEYS", {"dev": b""})}
        with override_settings(GONGHUI_AUDIT_KEYS=guessed):
            rewrite_and_rechain(target.id, lambda row: row.compute_hash(), **forged)

    assert audit_verify_chain() == target.id  # the key alone catches it, checkpoints or not
    with pytest.raises(CommandError, match=f"Audit chain broken at entry {target.id}\\."):
        _verify()


def test_deleting_the_newest_entries_and_moving_the_head_back_is_caught_by_the_checkpoint(checkpoints):
    _entries(60)
    audit_checkpoint()
    delete_newest(30)

    # The chain that is left is consistent: only the checkpoint knows it was longer.
    assert audit_verify_chain() is None
    with pytest.raises(CommandError, match="recorded 60 entries; the log now holds 30"):
        _verify()


def test_a_rewrite_by_someone_holding_the_chain_key_is_caught_by_the_checkpoint(checkpoints):
    entries = _entries(20)
    audit_checkpoint()
    # A web process's key is enough to re-key the chain; the checkpoint's signing key is not there.
    rewrite_and_rechain(entries[5].id, lambda row: row.compute_hash(), actor_label="李四")

    assert audit_verify_chain() is None
    with pytest.raises(CommandError, match=f"Audit chain broken at entry {entries[-1].id}\\."):
        _verify()

import io
import json
import socket
from datetime import timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.core.management import CommandError, call_command
from django.utils import timezone

from gonghui.core.audit import Actor, audit_record
from gonghui.core.audit_checkpoints import (
    CheckpointError,
    SyslogSink,
    audit_checkpoint,
    audit_checkpoint_due,
    read_checkpoints,
    sign,
)
from gonghui.core.audit_verification import audit_verify
from gonghui.core.tests.audit_tamper import move_head

pytestmark = pytest.mark.django_db


@pytest.fixture
def checkpoints(settings, tmp_path):
    settings.GONGHUI_AUDIT_CHECKPOINT_FILE = str(tmp_path / "checkpoints.jsonl")
    return tmp_path / "checkpoints.jsonl"


def _entries(n: int) -> None:
    for i in range(n):
        audit_record(actor=Actor(id=1, label="tester"), action="test.write", detail={"i": i})


def _messages(report) -> str:
    return " | ".join(p.message for p in report.chain.problems + report.problems)


def test_a_checkpoint_records_the_count_and_the_newest_hash_and_verifies(checkpoints):
    _entries(3)
    written = audit_checkpoint()
    ((_, read),) = list(read_checkpoints(checkpoints))
    assert read == written and read.seq == 3 and read.kid == "dev"
    report = audit_verify()
    assert report.ok, _messages(report)
    assert report.checkpoints == 1


def test_a_forged_checkpoint_line_fails(checkpoints, settings):
    _entries(3)
    audit_checkpoint()
    impostor = Ed25519PrivateKey.generate()
    settings.GONGHUI_AUDIT_CHECKPOINT_KEY = impostor.private_bytes_raw()
    forged = sign(seq=3, hash="f" * 64, kid="dev", at=timezone.now())
    settings.GONGHUI_AUDIT_CHECKPOINT_KEY = b""
    with checkpoints.open("a") as f:
        f.write(forged.to_line() + "\n")
        # A genuine line with its count changed afterwards.
        genuine = json.loads(checkpoints.read_text().splitlines()[0])
        f.write(json.dumps({**genuine, "seq": 2}) + "\n")
    report = audit_verify()
    assert not report.ok
    assert "Checkpoint line 2: signed by an unknown key" in _messages(report)
    assert "Checkpoint line 3: its signature does not verify" in _messages(report)


def test_a_checkpoint_signed_by_a_listed_public_key_verifies_where_no_private_key_is_held(checkpoints, settings):
    signer = Ed25519PrivateKey.generate()
    _entries(2)
    settings.GONGHUI_AUDIT_CHECKPOINT_KEY = signer.private_bytes_raw()
    audit_checkpoint()
    # The auditor's machine: the public key only.
    settings.GONGHUI_AUDIT_CHECKPOINT_KEY = b""
    settings.PRODUCTION = True
    settings.GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS = [signer.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)]
    assert audit_verify().ok
    settings.GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS = []
    assert "No public key to verify checkpoints with" in _messages(audit_verify())


def test_a_missing_checkpoint_is_reported(checkpoints):
    _entries(2)
    assert f"No checkpoint file at {checkpoints}" in _messages(audit_verify())
    checkpoints.write_text("")
    assert "No valid checkpoint" in _messages(audit_verify())
    with pytest.raises(CommandError, match="Audit log check failed: No valid checkpoint"):
        call_command("audit_verify", stdout=io.StringIO(), stderr=io.StringIO())


def test_a_stale_checkpoint_is_reported(checkpoints, settings):
    _entries(2)
    audit_checkpoint(now=timezone.now() - timedelta(minutes=settings.GONGHUI_AUDIT_CHECKPOINT_MAX_AGE_MINUTES + 5))
    assert "checkpoints have stopped" in _messages(audit_verify())
    assert audit_verify(max_age=timedelta(days=1)).ok
    audit_checkpoint()
    assert audit_verify().ok


def test_a_checkpoint_with_fewer_entries_than_the_one_before_is_reported(checkpoints):
    _entries(4)
    audit_checkpoint()
    # The head moved back and checkpointed there: the earlier checkpoint still says 4.
    line = sign(seq=2, hash="0" * 64, kid="dev", at=timezone.now()).to_line()
    with checkpoints.open("a") as f:
        f.write(line + "\n")
    assert "records 2 entries, fewer than line 1" in _messages(audit_verify())


def test_the_checkpoint_refuses_to_vouch_for_a_head_that_disagrees(checkpoints):
    _entries(2)
    move_head("e" * 64, 2)
    with pytest.raises(CheckpointError, match="head does not match"):
        audit_checkpoint()
    assert not checkpoints.exists()


def test_the_periodic_timer_writes_a_checkpoint_when_one_is_due(checkpoints, settings):
    _entries(1)
    out = io.StringIO()
    call_command("periodic", stdout=out)
    # The checkpoint signs everything written by then: the entry above and whatever the other
    # periodic jobs audited in this run (the radar's and the stored figures' refreshes).
    from gonghui.core.audit_models import AuditEntry

    assert f"audit_checkpoint: {AuditEntry.objects.count()} entries" in out.getvalue()
    assert not audit_checkpoint_due()
    call_command("periodic", stdout=out)
    assert "audit_checkpoint: not due" in out.getvalue()
    later = timezone.now() + timedelta(minutes=settings.GONGHUI_AUDIT_CHECKPOINT_MINUTES)
    assert audit_checkpoint_due(now=later)
    assert len(checkpoints.read_text().splitlines()) == 1


def test_a_future_dated_line_does_not_silence_the_timer(checkpoints):
    future = sign(seq=0, hash="0" * 64, kid="", at=timezone.now() + timedelta(days=365))
    checkpoints.write_text(future.to_line() + "\n")
    assert audit_checkpoint_due()


def test_an_unwritable_checkpoint_file_is_an_error_naming_it(settings, tmp_path):
    (tmp_path / "blocker").write_text("")
    settings.GONGHUI_AUDIT_CHECKPOINT_FILE = str(tmp_path / "blocker" / "checkpoints.jsonl")
    with pytest.raises(CheckpointError, match="cannot append to"):
        audit_checkpoint()


def test_checkpoints_go_to_syslog_too(checkpoints, settings, tmp_path):
    address = str(tmp_path / "log.sock")
    with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM) as server:
        server.bind(address)
        settings.GONGHUI_AUDIT_CHECKPOINT_SYSLOG = address
        written = audit_checkpoint()
        message = server.recv(4096).decode()
    assert "gonghui-audit-checkpoint" in message and f'"hash":"{written.hash}"' in message
    # A syslog extract is read like the file.
    extract = tmp_path / "extract.log"
    extract.write_text(f"Jan  1 00:00:00 app1 {message}\n")
    ((_, read),) = list(read_checkpoints(extract))
    assert read == written


def test_a_malformed_syslog_address_is_an_error_naming_the_setting():
    with pytest.raises(CheckpointError, match="GONGHUI_AUDIT_CHECKPOINT_SYSLOG"):
        SyslogSink("loghost:514").append("x")

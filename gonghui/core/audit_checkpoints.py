"""Signed checkpoints of the audit chain, appended outside the database.

A checkpoint says "on <at>, the chain held <seq> entries and the newest one hashed <hash> under key
<kid>", signed with Ed25519. Whoever later holds only the public key and the sink can tell that the
rows a checkpoint covers were changed, deleted, or the head moved back, even if the attacker also
held the database and the chain key: the signing key lives only where checkpoints are written.

A sink is any object with `append(line: str) -> None`; two ship here: an append-only JSON-lines
file (`FileSink`, GONGHUI_AUDIT_CHECKPOINT_FILE) and syslog (`SyslogSink`, GONGHUI_AUDIT_CHECKPOINT_SYSLOG,
e.g. forwarded to a log host the application cannot rewrite). `audit_verify` reads a file; a syslog
extract works as one (every checkpoint line carries CHECKPOINT_MARK and the JSON record).
"""

import base64
import hashlib
import json
import logging
import logging.handlers
import os
import socket
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, Protocol

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from django.conf import settings
from django.utils import timezone

from gonghui.core.audit_models import GENESIS, AuditChainHead, AuditEntry, UnknownAuditKey

CHECKPOINT_MARK = "gonghui-audit-checkpoint"
# Signatures are bound to this purpose, so no other Ed25519 signature made with the key can pass as one.
_DOMAIN = b"gonghui-audit-checkpoint/v1\n"
_DEV_SEED = hashlib.sha256(b"gonghui-development-audit-checkpoint-key").digest()


class CheckpointError(Exception):
    """A checkpoint could not be made or written; the message says why."""


@dataclass(frozen=True)
class Checkpoint:
    seq: int  # entries in the chain, which is also the newest entry's seq
    hash: str
    kid: str
    at: str  # ISO 8601 with offset
    signer: str  # fingerprint of the public key that verifies `sig`
    sig: str = ""

    def message(self) -> bytes:
        body = {k: v for k, v in asdict(self).items() if k != "sig"}
        return _DOMAIN + json.dumps(body, sort_keys=True, separators=(",", ":")).encode()

    def to_line(self) -> str:
        return json.dumps({"v": 1, **asdict(self)}, sort_keys=True, separators=(",", ":"))

    @property
    def when(self) -> datetime:
        return datetime.fromisoformat(self.at)


def signer_id(public: Ed25519PublicKey) -> str:
    return hashlib.sha256(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).hexdigest()[:16]


def _private_key() -> Ed25519PrivateKey:
    seed = settings.GONGHUI_AUDIT_CHECKPOINT_KEY
    if not seed:
        if settings.PRODUCTION:
            raise CheckpointError("GONGHUI_AUDIT_CHECKPOINT_KEY is not set: this process cannot sign checkpoints.")
        seed = _DEV_SEED
    return Ed25519PrivateKey.from_private_bytes(seed)


def verifying_keys() -> dict[str, Ed25519PublicKey]:
    """The listed public keys, and the public half of the signing key where this process holds one."""
    keys = [Ed25519PublicKey.from_public_bytes(raw) for raw in settings.GONGHUI_AUDIT_CHECKPOINT_PUBLIC_KEYS]
    if settings.GONGHUI_AUDIT_CHECKPOINT_KEY or not (keys or settings.PRODUCTION):
        keys.append(_private_key().public_key())
    return {signer_id(key): key for key in keys}


def sign(*, seq: int, hash: str, kid: str, at: datetime) -> Checkpoint:
    key = _private_key()
    unsigned = Checkpoint(seq=seq, hash=hash, kid=kid, at=at.isoformat(), signer=signer_id(key.public_key()))
    return Checkpoint(**{**asdict(unsigned), "sig": base64.b64encode(key.sign(unsigned.message())).decode()})


def signature_problem(checkpoint: Checkpoint, keys: dict[str, Ed25519PublicKey]) -> str | None:
    key = keys.get(checkpoint.signer)
    if key is None:
        return f"signed by an unknown key {checkpoint.signer}"
    try:
        key.verify(base64.b64decode(checkpoint.sig, validate=True), checkpoint.message())
    except (InvalidSignature, ValueError):
        return "its signature does not verify (forged or altered)"
    return None


# Sinks ---------------------------------------------------------------------------------------------

class CheckpointSink(Protocol):
    def append(self, line: str) -> None: ...


class FileSink:
    """Appends one line per checkpoint (O_APPEND, fsync'd). Make the file append-only for the app's
    user (`chattr +a`) or keep it on a host or mount the database administrators cannot write."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)

    def append(self, line: str) -> None:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o640)
            try:
                # One write() per line: concurrent appenders never interleave inside a line.
                os.write(fd, (line + "\n").encode())
                os.fsync(fd)
            finally:
                os.close(fd)
        except OSError as exc:
            raise CheckpointError(f"cannot append to {self.path}: {exc.strerror or exc}") from exc

    def newest_at(self) -> datetime | None:
        """Time of the last line, read from the file's tail (for scheduling only: never trusted)."""
        try:
            with self.path.open("rb") as f:
                f.seek(max(0, f.seek(0, os.SEEK_END) - 8192))
                tail = f.read().decode(errors="replace").strip().splitlines()
        except OSError:
            return None
        if not tail:
            return None
        parsed = parse_line(tail[-1])
        return parsed.when if isinstance(parsed, Checkpoint) else None


class SyslogSink:
    """Sends each checkpoint to syslog (authpriv): a socket path like /dev/log, or udp://host:514,
    tcp://host:514 for a remote log host."""

    def __init__(self, address: str) -> None:
        self.address = address

    def _handler(self) -> logging.handlers.SysLogHandler:
        facility = logging.handlers.SysLogHandler.LOG_AUTHPRIV
        if self.address.startswith("/"):
            return logging.handlers.SysLogHandler(address=self.address, facility=facility)
        scheme, _, rest = self.address.partition("://")
        host, _, port = rest.rpartition(":")
        if scheme not in ("udp", "tcp") or not host or not port.isdigit():
            raise CheckpointError("GONGHUI_AUDIT_CHECKPOINT_SYSLOG must be a socket path (/dev/log) or "
                                  f"udp://host:port or tcp://host:port, not {self.address!r}.")
        kind = socket.SOCK_DGRAM if scheme == "udp" else socket.SOCK_STREAM
        return logging.handlers.SysLogHandler(address=(host, int(port)), facility=facility, socktype=kind)

    def append(self, line: str) -> None:
        try:
            handler = self._handler()
        except OSError as exc:
            raise CheckpointError(f"syslog at {self.address} is unreachable: {exc}") from exc
        handler.ident = "gonghui: "
        handler.setFormatter(logging.Formatter("%(message)s"))
        try:
            handler.emit(logging.makeLogRecord({"msg": f"{CHECKPOINT_MARK} {line}", "levelno": logging.INFO,
                                                "levelname": "INFO"}))
        finally:
            handler.close()


def configured_sinks() -> list[CheckpointSink]:
    sinks: list[CheckpointSink] = []
    if settings.GONGHUI_AUDIT_CHECKPOINT_FILE:
        sinks.append(FileSink(settings.GONGHUI_AUDIT_CHECKPOINT_FILE))
    if settings.GONGHUI_AUDIT_CHECKPOINT_SYSLOG:
        sinks.append(SyslogSink(settings.GONGHUI_AUDIT_CHECKPOINT_SYSLOG))
    return sinks


# Reading -------------------------------------------------------------------------------------------

def parse_line(line: str) -> Checkpoint | str:
    start = line.find("{")
    if start < 0:
        return "it is not a checkpoint record"
    try:
        # raw_decode: a syslog line may carry more after the record (a NUL, a relay's suffix).
        raw: Any = json.JSONDecoder().raw_decode(line[start:])[0]
        checkpoint = Checkpoint(seq=raw["seq"], hash=raw["hash"], kid=raw["kid"], at=raw["at"],
                                signer=raw["signer"], sig=raw["sig"])
        valid = (type(checkpoint.seq) is int and checkpoint.seq >= 0
                 and all(isinstance(v, str) for v in (checkpoint.hash, checkpoint.kid, checkpoint.signer,
                                                      checkpoint.sig))
                 and timezone.is_aware(checkpoint.when))
    except (ValueError, KeyError, TypeError):
        valid = False
    return checkpoint if valid else "it is not a well-formed checkpoint record"


def read_checkpoints(path: str | Path) -> Iterator[tuple[int, Checkpoint | str]]:
    """(line number, checkpoint or what is wrong with the line) for every non-empty line, streaming."""
    with Path(path).open(encoding="utf-8", errors="replace") as f:
        for number, line in enumerate(f, start=1):
            if line.strip():
                yield number, parse_line(line.strip())


# Writing -------------------------------------------------------------------------------------------

def audit_checkpoint(*, now: datetime | None = None) -> Checkpoint:
    """Sign the chain's newest entry and append it to every configured sink.

    It refuses to vouch for a newest entry the head row disagrees with or the chain key does not
    verify; the full walk is `audit_verify`'s, which compares every checkpoint with the database."""
    sinks = configured_sinks()
    if not sinks:
        raise CheckpointError("No checkpoint sink is configured (GONGHUI_AUDIT_CHECKPOINT_FILE or "
                              "GONGHUI_AUDIT_CHECKPOINT_SYSLOG).")
    newest = AuditEntry.objects.order_by("-seq").first()
    head = AuditChainHead.objects.filter(pk=1).values_list("last_seq", "last_hash").first()
    seq, hash_, kid = (newest.seq, newest.hash, newest.kid) if newest else (0, GENESIS, "")
    if newest is not None:
        try:
            intact = newest.compute_hash() == newest.hash
        except UnknownAuditKey:
            intact = False
        if not intact:
            raise CheckpointError(f"The newest audit entry {newest.id} does not verify under the audit key; "
                                  "run audit_verify.")
    if head is not None and head != (seq, hash_):
        raise CheckpointError(f"The audit chain's head does not match the newest entry #{seq}; run audit_verify.")
    checkpoint = sign(seq=seq, hash=hash_, kid=kid, at=now or timezone.now())
    line = checkpoint.to_line()
    for sink in sinks:
        sink.append(line)
    return checkpoint


def audit_checkpoint_due(*, now: datetime | None = None) -> bool:
    """Whether the periodic timer should write a checkpoint: when the file's newest one is at least
    GONGHUI_AUDIT_CHECKPOINT_MINUTES old, and on every run when there is no file to read it from."""
    path = settings.GONGHUI_AUDIT_CHECKPOINT_FILE
    newest = FileSink(path).newest_at() if path else None
    now = now or timezone.now()
    if newest is None or newest > now:  # an unreadable or future-dated tail must not silence the timer
        return True
    every = timedelta(minutes=settings.GONGHUI_AUDIT_CHECKPOINT_MINUTES)
    # A little slack so that a 15-minute interval on a 5-minute timer does not slip to 20.
    return now - newest >= every - timedelta(seconds=60)

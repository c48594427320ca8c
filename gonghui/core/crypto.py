"""Field encryption (AES-256-GCM with a key id) and the keyed blind index (HMAC-SHA256).

Ciphertext is stored as "kid:base64(nonce || ciphertext || tag)" so keys can rotate: the first
configured key encrypts, every configured key decrypts. The blind index has its own key so that
an encryption key leak does not also give away the index, and vice versa.
"""

import base64
import hashlib
import os
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


def _parse_keyring(name: str, spec: str, *, exact: bool) -> tuple[tuple[str, bytes], ...]:
    """A keyring setting, current key first: "kid:base64,…". Base64 never holds ":", so a value
    without one is the single key of a deployment set up before the keyring (kid "0"); a field key
    needs its kid, since the kid is written in front of every ciphertext."""
    keys: list[tuple[str, bytes]] = []
    for item in spec.split(","):
        kid, _, b64 = item.strip().rpartition(":")
        if not kid and exact:
            raise ImproperlyConfigured(f"{name}: key {kid!r} must be 32 bytes, as kid:base64.")
        kid = kid or "0"
        try:
            key = base64.b64decode(b64, validate=True)
        except ValueError:
            raise ImproperlyConfigured(f"{name}: key {kid!r} is not valid base64.") from None
        if exact and (len(key) != 32 or ":" in kid):
            raise ImproperlyConfigured(f"{name}: key {kid!r} must be 32 bytes, as kid:base64.")
        if len(key) < 32:
            raise ImproperlyConfigured(f"{name}: key {kid!r} must be at least 32 bytes.")
        if any(kid == k for k, _ in keys):
            raise ImproperlyConfigured(f"{name}: key id {kid!r} appears twice.")
        keys.append((kid, key))
    return tuple(keys)


@lru_cache(maxsize=1)
def _field_keys() -> tuple[str, dict[str, bytes]]:
    spec = settings.GONGHUI_FIELD_KEYS
    if not spec:
        # Development only (settings refuse an empty value in production).
        return "dev", {"dev": hashlib.sha256(b"gonghui-dev-field-key").digest()}
    keys = _parse_keyring("GONGHUI_FIELD_KEYS", spec, exact=True)
    return keys[0][0], dict(keys)


@lru_cache(maxsize=1)
def _index_keys() -> tuple[tuple[str, bytes], ...]:
    """The blind-index keyring, current key first: "kid:base64,…", or one bare base64 key (kid "0")."""
    spec = settings.GONGHUI_INDEX_KEY
    if not spec:
        return (("dev", hashlib.sha256(b"gonghui-dev-index-key").digest()),)
    return _parse_keyring("GONGHUI_INDEX_KEY", spec, exact=False)


@lru_cache(maxsize=16)
def _cipher(key: bytes) -> AESGCM:
    # One cipher object per key: building it costs more than sealing an ID number (bulk imports).
    return AESGCM(key)


def _aead(kid: str) -> AESGCM:
    _, keys = _field_keys()
    if kid not in keys:
        raise ImproperlyConfigured(f"No field key with id {kid!r} is configured.")
    return _cipher(keys[kid])


def encrypt(plaintext: str) -> str:
    return field_sealer()(plaintext)


def field_sealer() -> Callable[[str], str]:
    """`encrypt` with the current key looked up once: a bulk write seals a million values with it.
    Each value still gets its own random nonce; only the key and cipher are bound."""
    kid, _ = _field_keys()
    aead, prefix, associated = _aead(kid), f"{kid}:", kid.encode()
    urandom, b64encode = os.urandom, base64.b64encode

    def seal(plaintext: str) -> str:
        nonce = urandom(12)
        return prefix + b64encode(nonce + aead.encrypt(nonce, plaintext.encode(), associated)).decode()
    return seal


def decrypt(token: str) -> str:
    kid, _, b64 = token.partition(":")
    raw = base64.b64decode(b64)
    return _aead(kid).decrypt(raw[:12], raw[12:], kid.encode()).decode()


def encrypt_bytes(data: bytes, purpose: bytes) -> bytes:
    """Seal a blob (a staged import chunk) with the current field key; `purpose` is bound as associated data."""
    kid, _ = _field_keys()
    nonce = os.urandom(12)
    return kid.encode() + b":" + nonce + _aead(kid).encrypt(nonce, data, purpose)


def decrypt_bytes(blob: bytes, purpose: bytes) -> bytes:
    kid, _, rest = blob.partition(b":")
    return _aead(kid.decode()).decrypt(rest[:12], rest[12:], purpose)


@lru_cache(maxsize=16)
def _hmac_sha256(key: bytes) -> Callable[[bytes], str]:
    """HMAC-SHA256 (RFC 2104) under `key`, as hex, with the key's two padded blocks hashed once and the
    hash states copied for each value. OpenSSL's one-shot HMAC sets all of that up again per call,
    which is most of the cost for an ID number or a phone: this is about three times faster, and a
    roster computes one or two per row. The digests equal `hmac.digest`'s (tests compare them)."""
    if len(key) > 64:  # longer than SHA-256's block: the key is hashed first (RFC 2104, section 2)
        key = hashlib.sha256(key).digest()
    block = key.ljust(64, b"\0")
    inner = hashlib.sha256(bytes(b ^ 0x36 for b in block))
    outer = hashlib.sha256(bytes(b ^ 0x5C for b in block))

    def digest(data: bytes) -> str:
        first = inner.copy()
        first.update(data)
        second = outer.copy()
        second.update(first.digest())
        return second.hexdigest()
    return digest


def blind_index(value: str) -> str:
    """The index a write stores: under the current (first) index key."""
    return _hmac_sha256(_index_keys()[0][1])(value.encode())


def blind_index_candidates(value: str) -> list[str]:
    """Every index `value` may be stored under: one per configured key, the current one first.

    A look-up matches any of them (`column__in=`), so it keeps finding rows while a rotation
    recomputes the column under the new key; with one key configured it is a one-element list."""
    data = value.encode()
    return [_hmac_sha256(key)(data) for _, key in _index_keys()]


def index_rotating() -> bool:
    """More than one index key is configured: stored indexes may sit under different keys."""
    return len(_index_keys()) > 1


def stored_index_candidates(stored: str, plaintext: Callable[[], str]) -> list[str]:
    """What an index copied from a stored row matches in another table: the stored index itself, and
    while the key rotates also the row's value under every configured key (the other table's copy may
    have been recomputed, or not yet). `plaintext` is only called then: with one key nothing is decrypted."""
    if not stored:
        return []
    if not index_rotating():
        return [stored]
    value = plaintext()
    return list(dict.fromkeys([stored, *blind_index_candidates(value)])) if value else [stored]


def reindex(*parts: str) -> str | None:
    """A blind index recomputed from a row's plaintext for a rotation ("type", "number" -> "type:number"):
    None, leaving the stored value alone, when the last part is empty."""
    return blind_index(":".join(parts)) if parts and parts[-1] else None


# A model's `blind_indexes`: column -> how a rotation recomputes it from the row (gonghui.core.key_rotation).
BlindIndexes = dict[str, Callable[[Any], str | None]]


def current_index_kid() -> str:
    return _index_keys()[0][0]


def index_kids() -> list[str]:
    return [kid for kid, _ in _index_keys()]


def current_field_kid() -> str:
    return _field_keys()[0]


def field_kids() -> list[str]:
    return list(_field_keys()[1])


class EncryptedTextField(models.TextField):
    """Stores ciphertext; Python code only ever sees the plaintext."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> str | None:
        if value is None or value == "":
            return value
        return decrypt(value)

    def get_prep_value(self, value: Any) -> Any:
        if value is None or value == "":
            return value
        return encrypt(str(value))

"""Field encryption (AES-256-GCM with a key id) and the keyed blind index (HMAC-SHA256).

Ciphertext is stored as "kid:base64(nonce || ciphertext || tag)" so keys can rotate: the first
configured key encrypts, every configured key decrypts. The blind index has its own key so that
an encryption key leak does not also give away the index, and vice versa.
"""

import base64
import hashlib
import hmac
import os
from functools import lru_cache
from typing import Any

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@lru_cache(maxsize=1)
def _field_keys() -> tuple[str, dict[str, bytes]]:
    spec = settings.GONGHUI_FIELD_KEYS
    if not spec:
        # Development only (settings refuse an empty value in production).
        return "dev", {"dev": hashlib.sha256(b"gonghui-dev-field-key").digest()}
    keys: dict[str, bytes] = {}
    current = ""
    for item in spec.split(","):
        kid, _, b64 = item.strip().partition(":")
        try:
            key = base64.b64decode(b64, validate=True)
        except ValueError:
            raise ImproperlyConfigured(f"GONGHUI_FIELD_KEYS: key {kid!r} is not valid base64.") from None
        if not kid or len(key) != 32:
            raise ImproperlyConfigured(f"GONGHUI_FIELD_KEYS: key {kid!r} must be 32 bytes, as kid:base64.")
        keys[kid] = key
        current = current or kid
    return current, keys


@lru_cache(maxsize=1)
def _index_key() -> bytes:
    spec = settings.GONGHUI_INDEX_KEY
    if not spec:
        return hashlib.sha256(b"gonghui-dev-index-key").digest()
    try:
        key = base64.b64decode(spec, validate=True)
    except ValueError:
        raise ImproperlyConfigured("GONGHUI_INDEX_KEY is not valid base64.") from None
    if len(key) < 32:
        raise ImproperlyConfigured("GONGHUI_INDEX_KEY must be at least 32 bytes.")
    return key


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
    kid, _ = _field_keys()
    nonce = os.urandom(12)
    sealed = _aead(kid).encrypt(nonce, plaintext.encode(), kid.encode())
    return f"{kid}:{base64.b64encode(nonce + sealed).decode()}"


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


def blind_index(value: str) -> str:
    # The one-shot C implementation: several times faster than an hmac object, same digest.
    return hmac.digest(_index_key(), value.encode(), "sha256").hex()


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

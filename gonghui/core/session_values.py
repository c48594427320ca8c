"""What a page keeps in the session for the next request, sealed.

Session rows sit in the database (and in backups of it): anything personal kept there, a revealed
identity number, a search for a phone, a worker's proved phone, is stored only through `keep`, as
AES-GCM ciphertext under the field key with the session key's name bound as associated data (a
sealed value copied under another name does not open). A value may carry a lifetime, after which it
reads as absent; `take` reads it once and removes it.
"""

import base64
import json
import time
from typing import Any

from cryptography.exceptions import InvalidTag
from django.contrib.sessions.backends.base import SessionBase
from django.core.exceptions import ImproperlyConfigured

from gonghui.core.crypto import decrypt_bytes, encrypt_bytes

# A revealed value is meant for the very next page view; a minute covers a slow redirect.
REVEAL_SECONDS = 60
_PREFIX = "sealed:"


def _purpose(key: str) -> bytes:
    return f"session:{key}".encode()


def keep(session: SessionBase, key: str, value: Any, *, seconds: int | None = None) -> None:
    """Store a JSON-serialisable value sealed under `key`, readable for `seconds` (or the session's life)."""
    expires = time.time() + seconds if seconds is not None else None
    plain = json.dumps({"v": value, "exp": expires}, ensure_ascii=False, separators=(",", ":"))
    session[key] = _PREFIX + base64.b64encode(encrypt_bytes(plain.encode(), _purpose(key))).decode()


def peek(session: SessionBase, key: str, default: Any = None) -> Any:
    """The value kept under `key`, left in place; `default` when absent, expired or unreadable."""
    token = session.get(key)
    if not isinstance(token, str) or not token.startswith(_PREFIX):
        return default  # absent, or written before values were sealed: treated as gone
    try:
        sealed = base64.b64decode(token[len(_PREFIX):])
        data = json.loads(decrypt_bytes(sealed, _purpose(key)))
    except (ValueError, InvalidTag, ImproperlyConfigured):
        # A key retired since, or a value tampered with: the user simply asks again.
        return default
    if data.get("exp") is not None and time.time() > data["exp"]:
        session.pop(key, None)
        return default
    return data.get("v", default)


def take(session: SessionBase, key: str, default: Any = None) -> Any:
    """The value kept under `key`, removed: shown once."""
    value = peek(session, key, default)
    session.pop(key, None)
    return value

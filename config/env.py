"""Strict readers for settings that come from the environment.

A malformed value stops the process at start-up with a message naming the variable; a silent
fallback to a default would hide a broken deployment until it mattered.
"""

import base64
import binascii
import os
import re
from collections.abc import Mapping

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str | None = None) -> str:
    value = os.environ.get(name)
    if value is None:
        if default is None:
            raise ImproperlyConfigured(f"Environment variable {name} is required.")
        return default
    return value


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0/true/false/yes/no/on/off, not {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None, maximum: int | None = None, unit: str = "",
            why: str = "", environ: Mapping[str, str] | None = None) -> int:
    """`unit` names what the number counts in the messages ("days"); `why` says why the minimum is
    what it is; `environ` stands in for os.environ (a test's own)."""
    raw = (os.environ if environ is None else environ).get(name)
    if raw is None:
        return default
    of_unit, in_unit = (f" of {unit}", f" {unit}") if unit else ("", "")
    try:
        value = int(raw.strip())
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number{of_unit}, not {raw!r}.") from None
    if minimum is not None and value < minimum:
        because = f": {why}" if why else ""
        raise ImproperlyConfigured(f"{name} must be at least {minimum}{in_unit}, not {value}{because}.")
    if maximum is not None and value > maximum:
        raise ImproperlyConfigured(f"{name} must be at most {maximum}{in_unit}, not {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def _b64(name: str, label: str, raw: str) -> bytes:
    try:
        return base64.b64decode(raw.strip(), validate=True)
    except (binascii.Error, ValueError):
        raise ImproperlyConfigured(f"{name}: {label} is not valid base64.") from None


def env_key(name: str, *, size: int) -> bytes:
    """A base64 key of exactly `size` bytes, or b"" when the variable is unset or empty."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return b""
    key = _b64(name, "the key", raw)
    if len(key) != size:
        raise ImproperlyConfigured(f"{name} must be {size} bytes (base64), not {len(key)}.")
    return key


def env_keys(name: str, *, size: int) -> list[bytes]:
    """Comma-separated base64 keys of exactly `size` bytes each (public keys), [] when unset."""
    keys = [_b64(name, f"key {n}", raw) for n, raw in enumerate(env_list(name, []), start=1)]
    for n, key in enumerate(keys, start=1):
        if len(key) != size:
            raise ImproperlyConfigured(f"{name}: key {n} must be {size} bytes (base64), not {len(key)}.")
    return keys


def env_keyring(name: str, *, min_size: int) -> dict[str, bytes]:
    """Keys as "kid:base64,…" in order (the first one is the current one), or {} when unset or empty."""
    raw = os.environ.get(name, "").strip()
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in raw.split(",")):
        if not item:
            continue
        kid, sep, b64 = item.partition(":")
        kid = kid.strip()
        if not sep or not kid or len(kid) > 16 or not kid.isascii() or not kid.isalnum():
            raise ImproperlyConfigured(f"{name}: each key must be written kid:base64 with a short "
                                       f"alphanumeric kid, e.g. a1:{'A' * 8}…")
        key = _b64(name, f"key {kid!r}", b64)
        if len(key) < min_size:
            raise ImproperlyConfigured(f"{name}: key {kid!r} must be at least {min_size} bytes.")
        if kid in keys:
            raise ImproperlyConfigured(f"{name}: key id {kid!r} appears twice.")
        keys[kid] = key
    return keys


_TILE_HOST = re.compile(r"^(\*\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)+(:\d{1,5})?$")


def env_tile_url(name: str) -> tuple[str, str]:
    """A map tile URL template ({z}/{x}/{y}, optionally {s} in the first label of the host) and the
    origin the CSP must allow for it (`https://*.tianditu.gov.cn` for `https://t{s}.tianditu.gov.cn/…`).
    Empty: no tile server, ("", "")."""
    url = os.environ.get(name, "").strip()
    if not url:
        return "", ""
    bad = ImproperlyConfigured(
        f"{name} must be an https URL template with {{z}}, {{x}} and {{y}} (and {{s}} only in the first "
        "label of the host), without quotes, spaces or semicolons (the value is not repeated here: it may hold "
        "the operator's key).")
    scheme, sep, rest = url.partition("://")
    if scheme != "https" or not sep or any(c in url for c in " \"';,\\") or not all(
            p in url for p in ("{z}", "{x}", "{y}")):
        raise bad
    host = rest.split("/", 1)[0].lower()
    if "{s}" in host:
        _first, dot, tail = host.partition(".")
        if "{s}" in tail or not dot:
            raise bad
        host = "*." + tail
    if not _TILE_HOST.match(host):
        raise bad
    return url, f"https://{host}"


def env_ed25519_pem(name: str) -> str:
    """An Ed25519 private key in PEM (PKCS#8, unencrypted), given as the PEM itself or as the path of a
    file holding it; "" when the variable is unset or empty. The key is checked here, so a wrong file
    stops the process at start-up instead of at the first signed message."""
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
    from cryptography.hazmat.primitives.serialization import load_pem_private_key

    raw = os.environ.get(name, "").strip()
    if not raw:
        return ""
    if raw.startswith("-----BEGIN"):
        pem = raw.replace("\\n", "\n")
    else:
        try:
            with open(raw, encoding="ascii") as handle:
                pem = handle.read()
        except (OSError, UnicodeDecodeError) as exc:
            raise ImproperlyConfigured(f"{name}: cannot read the key file {raw!r} ({type(exc).__name__}).") from None
    try:
        key = load_pem_private_key(pem.encode("ascii"), password=None)
    except (ValueError, TypeError, UnicodeEncodeError):
        raise ImproperlyConfigured(f"{name} is not an unencrypted PEM private key (the value is not repeated "
                                   "here).") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise ImproperlyConfigured(f"{name} must be an Ed25519 key (manage.py federation_keygen makes one).")
    return pem


def env_base_url(name: str, *, https_only: bool) -> str:
    """A base URL without a trailing slash (http allowed only when `https_only` is off), or ""."""
    raw = os.environ.get(name, "").strip().rstrip("/")
    if not raw:
        return ""
    scheme, sep, rest = raw.partition("://")
    allowed = ("https",) if https_only else ("https", "http")
    if scheme not in allowed or not sep or not rest or any(c in raw for c in " \"'<>\\?#"):
        raise ImproperlyConfigured(f"{name} must be an {' or '.join(allowed)} URL such as https://gonghui.example.cn, "
                                   f"not {raw!r}.")
    return raw

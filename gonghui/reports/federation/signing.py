"""Signing and checking messages between deployments, in both directions (one module, one format).

A message is a canonical JSON body (sorted keys, no spaces, UTF-8) sent with four headers:
  X-Gonghui-Deployment  the sender's code (its root union's division code)
  X-Gonghui-Timestamp   Unix seconds when it was signed
  X-Gonghui-Nonce       a random string used once (16 to 64 of A-Z a-z 0-9 _ -)
  X-Gonghui-Signature   base64 Ed25519 signature over the signing string below
The signing string binds the purpose, the method, the path with its query, the sender, the timestamp,
the nonce and the body's SHA-256, so no part can be swapped or replayed on another endpoint.

A message is refused (FederationRefused, 401, each with its own code) when a header is missing or
malformed, the sender is unknown or deactivated, the clock differs by more than MAX_SKEW, the signature
does not verify, or the nonce was seen already (stored until it could no longer pass the clock check).
"""

import base64
import binascii
import datetime
import hashlib
import json
import re
import secrets
import time
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
    load_pem_public_key,
)
from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import DomainError, ValidationFailed
from gonghui.reports.federation.models import FederationNonce, PeerDeployment

MAX_SKEW = datetime.timedelta(minutes=5)
PURPOSE = "gonghui-federation/v1"
H_DEPLOYMENT, H_TIMESTAMP, H_NONCE, H_SIGNATURE = (
    "X-Gonghui-Deployment", "X-Gonghui-Timestamp", "X-Gonghui-Nonce", "X-Gonghui-Signature")
CHALLENGE = 'GonghuiSignature realm="gonghui-federation"'
_NONCE = re.compile(r"^[A-Za-z0-9_-]{16,64}$")
_CODE = re.compile(r"^\d{6}$")
_DEV_SEED = b"gonghui-development-federation-key:"

_REFUSALS: dict[str, Any] = {
    "signature_missing": _("缺少部署间签名请求头（X-Gonghui-Deployment、-Timestamp、-Nonce、-Signature）或格式无效。"),
    "unknown_deployment": _("发送方部署未登记或已停用。"),
    "stale_timestamp": _("签名时间与本机时钟相差超过5分钟，请核对双方服务器时间后重发。"),
    "bad_signature": _("签名校验失败：报文被改动，或不是用登记的密钥签名。"),
    "replayed_nonce": _("该请求已处理过（随机数重复），拒绝重放。"),
}


class FederationRefused(DomainError):
    status = 401
    challenge = CHALLENGE

    def __init__(self, code: str):
        super().__init__(_REFUSALS[code], code=code)


# --- keys ------------------------------------------------------------------------------------


def generate_private_key_pem() -> tuple[str, str]:
    """A new pair: (private key PEM for GONGHUI_DEPLOYMENT_KEY, public key base64 for the upper side)."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode("ascii")
    return pem, public_key_text(key.public_key())


def public_key_text(public: Ed25519PublicKey) -> str:
    return base64.b64encode(public.public_bytes(Encoding.Raw, PublicFormat.Raw)).decode("ascii")


def parse_public_key(text: str) -> str:
    """A public key as the operator pastes it (base64 of the 32 raw bytes, or a PEM block), as base64."""
    text = (text or "").strip()
    try:
        if text.startswith("-----BEGIN"):
            key = load_pem_public_key(text.encode("ascii"))
            if not isinstance(key, Ed25519PublicKey):
                raise ValueError
            return public_key_text(key)
        raw = base64.b64decode(text, validate=True)
        return public_key_text(Ed25519PublicKey.from_public_bytes(raw))
    except (ValueError, TypeError, binascii.Error, UnicodeEncodeError):
        raise ValidationFailed(_("公钥无效：应为 Ed25519 公钥（federation_keygen 输出的 base64 或 PEM）。"),
                               field="public_key") from None


def deployment_code() -> str:
    code = settings.GONGHUI_DEPLOYMENT_CODE
    if not code:
        raise ValidationFailed(_("未设置本部署代码（GONGHUI_DEPLOYMENT_CODE）。"), field="deployment")
    return str(code)


def private_key() -> Ed25519PrivateKey:
    pem = settings.GONGHUI_DEPLOYMENT_KEY
    if not pem:
        if settings.PRODUCTION:
            raise ValidationFailed(_("未设置本部署的签名密钥（GONGHUI_DEPLOYMENT_KEY）。"), field="deployment")
        # Development: a fixed key per code, so two local deployments can talk without setup.
        return Ed25519PrivateKey.from_private_bytes(hashlib.sha256(_DEV_SEED + deployment_code().encode()).digest())
    key = load_pem_private_key(str(pem).encode("ascii"), password=None)
    assert isinstance(key, Ed25519PrivateKey)  # checked at start-up (config.env.env_ed25519_pem)
    return key


# --- messages --------------------------------------------------------------------------------


def _default(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON")


def canonical_json(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, default=_default).encode()


def signing_string(*, method: str, path: str, code: str, timestamp: str, nonce: str, body: bytes) -> bytes:
    return "\n".join([PURPOSE, method.upper(), path, code, timestamp, nonce,
                      hashlib.sha256(body).hexdigest()]).encode()


def sign(*, method: str, path: str, body: bytes, now: float | None = None) -> dict[str, str]:
    """The headers that carry this deployment's signature of a request (path with its query)."""
    code = deployment_code()
    timestamp = str(int(time.time() if now is None else now))
    nonce = secrets.token_urlsafe(24)
    signature = private_key().sign(signing_string(method=method, path=path, code=code, timestamp=timestamp,
                                                  nonce=nonce, body=body))
    return {H_DEPLOYMENT: code, H_TIMESTAMP: timestamp, H_NONCE: nonce,
            H_SIGNATURE: base64.b64encode(signature).decode("ascii"), "Content-Type": "application/json"}


def verify(*, method: str, path: str, headers: Any, body: bytes | Callable[[], bytes]) -> PeerDeployment:
    """The registered deployment that signed this request, or FederationRefused saying why not.

    `body` may be a function reading it: a request without the signature headers, or from an unknown
    deployment, is refused before its body is read (a large unsigned body costs nothing).
    The nonce is recorded (in its own transaction, so it stays used whatever follows) only once the
    signature holds: unsigned junk cannot fill the table.
    """
    code = str(headers.get(H_DEPLOYMENT, "")).strip()
    timestamp = str(headers.get(H_TIMESTAMP, "")).strip()
    nonce = str(headers.get(H_NONCE, "")).strip()
    signature_text = str(headers.get(H_SIGNATURE, "")).strip()
    if not (_CODE.match(code) and timestamp.isascii() and timestamp.isdigit() and len(timestamp) <= 12
            and _NONCE.match(nonce) and signature_text):
        raise FederationRefused("signature_missing")
    try:
        signature = base64.b64decode(signature_text, validate=True)
    except (binascii.Error, ValueError):
        raise FederationRefused("signature_missing") from None
    peer = PeerDeployment.objects.filter(code=code, active=True).first()
    if peer is None:
        raise FederationRefused("unknown_deployment")
    if abs(time.time() - int(timestamp)) > MAX_SKEW.total_seconds():
        raise FederationRefused("stale_timestamp")
    public = Ed25519PublicKey.from_public_bytes(base64.b64decode(peer.public_key))
    content = body() if callable(body) else body
    try:
        public.verify(signature, signing_string(method=method, path=path, code=code, timestamp=timestamp,
                                                nonce=nonce, body=content))
    except InvalidSignature:
        raise FederationRefused("bad_signature") from None
    try:
        with transaction.atomic():
            FederationNonce.objects.create(code=code, nonce=nonce)
    except IntegrityError:
        raise FederationRefused("replayed_nonce") from None
    return peer


def verify_request(request: Any) -> PeerDeployment:
    return verify(method=request.method, path=request.get_full_path(), headers=request.headers,
                  body=lambda: request.body)


def nonces_prune(now: datetime.datetime | None = None) -> int:
    """Drop nonces older than the clock check accepts (with a margin): they can no longer be replayed."""
    cutoff = (now or timezone.now()) - 3 * MAX_SKEW
    deleted, _detail = FederationNonce.objects.filter(seen_at__lt=cutoff).delete()
    return deleted

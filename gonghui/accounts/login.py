"""Login: password, lockout, TOTP second factor, API tokens. Every attempt is audited."""

import hashlib
import secrets
from datetime import timedelta

import pyotp
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.errors import LoginRefused
from gonghui.accounts.models import ApiToken, User
from gonghui.core.audit import Actor, audit_record
from gonghui.core.errors import ValidationFailed, msg

# Hashing a password for an unknown name takes as long as checking a real one: no timing oracle.
_DUMMY_HASH = make_password("not-a-real-password")


def _actor(user: User | None, username: str, ip: str) -> Actor:
    return Actor(id=user.pk if user else None, label=username[:150], ip=ip)


def _locked_message(user: User) -> object:
    minutes = max(1, int((user.locked_until - timezone.now()).total_seconds() // 60) + 1)  # type: ignore[operator]
    return msg(_("账号已被锁定，请%(m)d分钟后再试，或联系安全管理员解锁。"), {"m": minutes})


def _record_failure(user: User, ip: str, reason: str) -> None:
    with transaction.atomic():
        User.objects.filter(pk=user.pk).update(failed_logins=F("failed_logins") + 1)
        user.refresh_from_db(fields=["failed_logins"])
        locked = user.failed_logins >= settings.GONGHUI_LOCKOUT_THRESHOLD
        if locked:
            user.locked_until = timezone.now() + settings.GONGHUI_LOCKOUT_DURATION
            User.objects.filter(pk=user.pk).update(locked_until=user.locked_until, failed_logins=0)
        audit_record(actor=_actor(user, user.username, ip), action="auth.login", obj=user, org_path=user.org.path,
                     outcome="failed", detail={"reason": reason, "locked": locked})
    if locked:
        raise LoginRefused(_locked_message(user), code="locked")


def login_password(*, username: str, password: str, ip: str = "") -> User:
    """First factor. Raises LoginRefused with the same message for a wrong name or password."""
    username = (username or "").strip()
    user = User.objects.select_related("org").filter(username=username).first()
    if user is None or not user.is_active:
        check_password(password, _DUMMY_HASH)
        audit_record(actor=_actor(None, username, ip), action="auth.login", outcome="failed",
                     object_type="accounts.user", object_label=username[:200],
                     detail={"reason": "unknown_or_disabled"})
        raise LoginRefused()
    if user.is_locked():
        audit_record(actor=_actor(user, username, ip), action="auth.login", obj=user, org_path=user.org.path,
                     outcome="denied", detail={"reason": "locked"})
        raise LoginRefused(_locked_message(user), code="locked")
    if not user.check_password(password):
        _record_failure(user, ip, "password")
        raise LoginRefused()
    return user


def totp_verify(*, user: User, code: str, ip: str = "") -> None:
    """Second factor, for a user whose password was just accepted."""
    if user.is_locked():
        raise LoginRefused(_locked_message(user), code="locked")
    code = "".join(ch for ch in (code or "") if ch.isdigit())
    totp = pyotp.TOTP(user.totp_secret) if user.totp_secret else None
    step = int(timezone.now().timestamp()) // 30
    if totp is None or len(code) != 6:
        _record_failure(user, ip, "totp")
        raise LoginRefused(_("动态验证码错误。"), code="totp")
    matched = next((s for s in (step - 1, step, step + 1) if totp.at(s * 30) == code), None)
    if matched is None or matched <= user.totp_last_step:
        _record_failure(user, ip, "totp")
        raise LoginRefused(_("动态验证码错误或已使用。"), code="totp")
    User.objects.filter(pk=user.pk).update(totp_last_step=matched)
    user.totp_last_step = matched


def totp_begin_enrolment(*, user: User) -> str:
    """A fresh secret, kept unconfirmed until the user proves the authenticator app has it."""
    if user.totp_confirmed:
        raise ValidationFailed(_("已绑定动态验证码。"))
    secret = pyotp.random_base32()
    user.totp_secret = secret
    user.save(update_fields=["totp_secret"])
    return secret


def totp_confirm_enrolment(*, user: User, code: str, ip: str = "") -> None:
    totp_verify(user=user, code=code, ip=ip)
    User.objects.filter(pk=user.pk).update(totp_confirmed=True)
    user.totp_confirmed = True
    audit_record(actor=_actor(user, user.username, ip), action="auth.totp_enrol", obj=user, org_path=user.org.path)


def totp_uri(user: User) -> str:
    return pyotp.TOTP(user.totp_secret).provisioning_uri(name=user.username, issuer_name="Gonghui")


def login_succeeded(*, user: User, ip: str = "", channel: str = "web") -> bool:
    """Record the login; return True when the password must be changed before anything else."""
    User.objects.filter(pk=user.pk).update(failed_logins=0, locked_until=None, last_login=timezone.now())
    audit_record(actor=_actor(user, user.username, ip), action="auth.login", obj=user, org_path=user.org.path,
                 detail={"channel": channel})
    expired = user.password_changed_at + settings.GONGHUI_PASSWORD_MAX_AGE < timezone.now()
    return expired or user.must_change_password


def logout_recorded(*, user: User, ip: str = "", reason: str = "logout") -> None:
    audit_record(actor=_actor(user, user.username, ip), action="auth.logout", obj=user, org_path=user.org.path,
                 detail={"reason": reason})


def _hash_token(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


def api_token_issue(*, user: User, label: str = "", days: int = 30, ip: str = "") -> tuple[ApiToken, str]:
    raw = "gh_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, key_hash=_hash_token(raw), label=label[:60],
                                    expires_at=timezone.now() + timedelta(days=days))
    audit_record(actor=_actor(user, user.username, ip), action="auth.token_issue", obj=user, org_path=user.org.path,
                 detail={"token": token.pk})
    return token, raw


def api_token_user(raw: str) -> User | None:
    token = (ApiToken.objects.select_related("user", "user__org")
             .filter(key_hash=_hash_token(raw), revoked_at__isnull=True, expires_at__gt=timezone.now()).first())
    if token is None or not token.user.is_active:
        return None
    user = token.user
    # A token must not outlive the account's security state: a locked account, or one whose
    # password must be changed first, cannot use the API until that is resolved in the console.
    expired = user.password_changed_at + settings.GONGHUI_PASSWORD_MAX_AGE < timezone.now()
    if user.is_locked() or user.must_change_password or expired:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=5):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user

"""Login: password, lockout, TOTP second factor, API tokens. Every attempt is audited."""

import hashlib
import secrets
from datetime import datetime, timedelta
from typing import NoReturn

import pyotp
from django.conf import settings
from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.errors import LoginRefused
from gonghui.accounts.models import ApiToken, LoginThrottle, User
from gonghui.accounts.resets import reset_redeem
from gonghui.core.audit import Actor, audit_record
from gonghui.core.errors import ValidationFailed, msg

# Hashing a password for an unknown name takes as long as checking a real one: no timing oracle.
_DUMMY_HASH = make_password("not-a-real-password")


def _actor(user: User | None, username: str, ip: str) -> Actor:
    return Actor(id=user.pk if user else None, label=username[:150], ip=ip)


def _locked_message(locked_until: datetime) -> object:
    minutes = max(1, int((locked_until - timezone.now()).total_seconds() // 60) + 1)
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
        raise LoginRefused(_locked_message(user.locked_until), code="locked")  # type: ignore[arg-type]


def _name_key(username: str) -> str:
    return salted_hmac("gonghui.login-name", username, algorithm="sha256").hexdigest()


def _refuse_unknown(username: str, password: str, ip: str) -> NoReturn:
    """A name with no usable account gets the answers an account would: the same message, the same
    lockout after the same number of failures, after comparable work (a hash, a counter, an audit row)."""
    now = timezone.now()
    key = _name_key(username)
    throttle = LoginThrottle.objects.filter(name_key=key).first()
    if throttle is not None and throttle.locked_until and throttle.locked_until > now:
        audit_record(actor=_actor(None, username, ip), action="auth.login", outcome="denied",
                     object_type="accounts.user", object_label=username[:200],
                     detail={"reason": "unknown_or_disabled", "locked": True})
        raise LoginRefused(_locked_message(throttle.locked_until), code="locked")
    check_password(password, _DUMMY_HASH)
    with transaction.atomic():
        if throttle is None:
            try:
                with transaction.atomic():
                    throttle = LoginThrottle.objects.create(name_key=key, updated_at=now)
            except IntegrityError:  # a concurrent attempt under the same name created it
                throttle = LoginThrottle.objects.get(name_key=key)
        LoginThrottle.objects.filter(pk=throttle.pk).update(failed=F("failed") + 1, updated_at=now)
        throttle.refresh_from_db(fields=["failed"])
        locked = throttle.failed >= settings.GONGHUI_LOCKOUT_THRESHOLD
        if locked:
            throttle.locked_until = now + settings.GONGHUI_LOCKOUT_DURATION
            LoginThrottle.objects.filter(pk=throttle.pk).update(locked_until=throttle.locked_until, failed=0)
        audit_record(actor=_actor(None, username, ip), action="auth.login", outcome="failed",
                     object_type="accounts.user", object_label=username[:200],
                     detail={"reason": "unknown_or_disabled", "locked": locked})
    # Counters of names nobody tried for a whole lockout period serve no purpose.
    LoginThrottle.objects.filter(updated_at__lt=now - settings.GONGHUI_LOCKOUT_DURATION).delete()
    if locked:
        raise LoginRefused(_locked_message(throttle.locked_until), code="locked")  # type: ignore[arg-type]
    raise LoginRefused()


def login_password(*, username: str, password: str, ip: str = "", allow_reset: bool = False) -> User:
    """First factor. Raises LoginRefused with the same message and status for a wrong name or password,
    and locks an unknown name exactly as it would lock an account.

    With `allow_reset` (the console only) a reset's temporary password is accepted once; the user
    then carries `redeemed_reset` and may do nothing before binding TOTP and setting a password.
    """
    username = (username or "").strip()
    user = User.objects.select_related("org").filter(username=username).first()
    if user is None or not user.is_active:
        _refuse_unknown(username, password, ip)
    if user.is_locked():
        audit_record(actor=_actor(user, username, ip), action="auth.login", obj=user, org_path=user.org.path,
                     outcome="denied", detail={"reason": "locked"})
        raise LoginRefused(_locked_message(user.locked_until), code="locked")  # type: ignore[arg-type]
    if not user.has_usable_password():
        check_password(password, _DUMMY_HASH)  # a reset account answers after the same work
    if not user.check_password(password):
        reset = reset_redeem(user=user, secret=password, ip=ip) if allow_reset else None
        if reset is None:
            _record_failure(user, ip, "password")
            raise LoginRefused()
        user.redeemed_reset = reset  # type: ignore[attr-defined]
    return user


def totp_verify(*, user: User, code: str, ip: str = "") -> None:
    """Second factor, for a user whose password was just accepted."""
    if user.is_locked():
        raise LoginRefused(_locked_message(user.locked_until), code="locked")  # type: ignore[arg-type]
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
    User.objects.filter(pk=user.pk).update(totp_confirmed=True, must_enrol_totp=False)
    user.totp_confirmed, user.must_enrol_totp = True, False
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

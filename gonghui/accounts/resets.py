"""Password resets: the administrator never chooses, and for a privileged account never alone
obtains, a usable password of another account (三员分立, ARCHITECTURE.md §6a).

A system administrator requests a reset with a reason. For an ordinary account it is approved at
once; for a privileged one (roles.is_privileged) a security administrator who is neither the
requester nor the account approves or refuses it. The requester then has a random temporary
password issued, shown to them once and stored only as a keyed hash. Issuing it makes the old
password unusable, unbinds TOTP, revokes the API tokens and so ends every session. The temporary
password opens one console login that allows nothing but binding TOTP anew and setting a new
password: an administrator who used it would have to replace both, which the owner notices at
their next login, and every step is in the audit log.
"""

import datetime
import secrets
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.credentials import api_tokens_revoke, check_new_password
from gonghui.accounts.models import PasswordReset, PasswordResetEvent, User
from gonghui.accounts.roles import is_privileged
from gonghui.accounts.workflow import OPEN, ResetAction, ResetStatus, check_action
from gonghui.core.audit import Actor, audit_record
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.orgs.scope import require, scope_for
from gonghui.orgs.services.common import audit_actor

# No 0/O, 1/l/I: read aloud or copied by hand. 16 of 55 symbols is about 92 bits.
_ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnpqrstuvwxyz"
_GROUPS, _GROUP_LEN = 4, 4


def _new_secret() -> str:
    raw = "".join(secrets.choice(_ALPHABET) for _ in range(_GROUPS * _GROUP_LEN))
    return "-".join(raw[i:i + _GROUP_LEN] for i in range(0, len(raw), _GROUP_LEN))


def _hash(reset_pk: int, secret: str) -> str:
    # Keyed with SECRET_KEY and bound to the reset: a copy of the table gives nothing to guess with.
    canonical = "".join(ch for ch in secret if ch not in "- \t")
    return salted_hmac("gonghui.password-reset", f"{reset_pk}:{canonical}", algorithm="sha256").hexdigest()


def _actor_of(actor: Any) -> Actor:
    return audit_actor(actor)


def _move(reset: PasswordReset, action: str, actor: Actor, *, note: str = "", **fields: Any) -> PasswordReset:
    """The one transition: table check, compare-and-set, event row, audit row."""
    old = reset.status
    new = check_action(old, action)
    if not PasswordReset.objects.filter(pk=reset.pk, status=old).update(status=new, **fields):
        raise ValidationFailed(_("该重置申请刚被他人处理，请刷新后查看。"), field="status", code="conflict")
    reset.status = new
    for name, value in fields.items():
        setattr(reset, name, value)
    _event(reset, action, actor, old, new, note)
    return reset


def _event(reset: PasswordReset, action: str, actor: Actor, old: str, new: str, note: str = "") -> None:
    PasswordResetEvent.objects.create(reset=reset, action=action, old_status=old, new_status=new,
                                      actor_id=actor.id, actor_label=actor.label[:150], note=note[:200],
                                      at=timezone.now())
    audit_record(actor=actor, action=f"user.reset_{action}", obj=reset.user, org_path=reset.user.org.path,
                 detail={"reset": reset.pk, "status": new, "privileged": reset.privileged})


def _is_expired(reset: PasswordReset, now: datetime.datetime) -> bool:
    return reset.status in (ResetStatus.ISSUED, ResetStatus.REDEEMED) and bool(
        reset.expires_at and reset.expires_at <= now)


def _expire_stale(user: User) -> None:
    now = timezone.now()
    system = Actor.system("password-reset-expiry")
    for reset in PasswordReset.objects.select_related("user__org").filter(user=user, status__in=sorted(OPEN)):
        if _is_expired(reset, now):
            _move(reset, ResetAction.EXPIRE, system)


def _clean_reason(value: Any) -> str:
    reason = normalize_text(value)
    if not reason or len(reason) > 200:
        raise ValidationFailed(_("请填写重置原因（不超过200个字），例如本人来电称忘记密码。"), field="reason")
    return reason


def _issue(reset: PasswordReset, actor: Actor) -> str:
    secret = _new_secret()
    now = timezone.now()
    _move(reset, ResetAction.ISSUE, actor, secret_hash=_hash(reset.pk, secret), issued_at=now,
          expires_at=now + datetime.timedelta(hours=settings.GONGHUI_PASSWORD_RESET_HOURS))
    user = reset.user
    # The old password, the old TOTP binding and every token stop working now; a new password hash
    # also ends the account's console sessions (credentials.py).
    user.set_unusable_password()
    User.objects.filter(pk=user.pk).update(password=user.password, must_change_password=True,
                                           must_enrol_totp=True, totp_secret="", totp_confirmed=False,
                                           password_changed_at=now)
    api_tokens_revoke(user=user)
    return secret


@transaction.atomic
def reset_request(*, actor: Any, user: User, reason: str) -> tuple[PasswordReset, str | None]:
    """Open a reset; for an ordinary account also issue it, returning the temporary password once."""
    require(actor, Perm.USER_MANAGE, user.org.path)
    if user.pk == actor.pk:
        raise PermissionDenied(_("不能重置自己的密码，请在“修改密码”中修改。"))
    if not user.is_active:
        raise ValidationFailed(_("账号已停用，请先启用再重置密码。"), code="inactive")
    reason = _clean_reason(reason)
    _expire_stale(user)
    privileged = is_privileged(user.active_role_codes())
    try:
        with transaction.atomic():
            reset = PasswordReset.objects.create(
                user=user, status=ResetStatus.PENDING if privileged else ResetStatus.APPROVED,
                privileged=privileged, reason=reason, requested_by=actor if actor.pk else None,
                requested_at=timezone.now())
    except IntegrityError:
        raise ValidationFailed(_("该账号已有进行中的密码重置，请先处理或撤销。"), code="duplicate") from None
    who = _actor_of(actor)
    _event(reset, ResetAction.REQUEST, who, "", reset.status, reason)
    if privileged:
        return reset, None
    return reset, _issue(reset, who)


def _check_approver(actor: Any, reset: PasswordReset) -> None:
    require(actor, Perm.GRANT_MANAGE, reset.user.org.path)
    if actor.pk is not None and actor.pk == reset.requested_by_id:
        raise PermissionDenied(_("不能审批自己提出的重置申请，须由另一位安全管理员审批。"))
    if actor.pk is not None and actor.pk == reset.user_id:
        raise PermissionDenied(_("不能审批重置自己密码的申请。"))


def _decide(actor: Any, reset: PasswordReset, action: str, note: str) -> PasswordReset:
    _check_approver(actor, reset)
    note = normalize_text(note)[:200]
    return _move(reset, action, _actor_of(actor), note=note, decided_by=actor if actor.pk else None,
                 decided_at=timezone.now(), decision_note=note)


@transaction.atomic
def reset_approve(*, actor: Any, reset: PasswordReset, note: str = "") -> PasswordReset:
    return _decide(actor, reset, ResetAction.APPROVE, note)


@transaction.atomic
def reset_refuse(*, actor: Any, reset: PasswordReset, note: str = "") -> PasswordReset:
    return _decide(actor, reset, ResetAction.REFUSE, note)


@transaction.atomic
def reset_issue(*, actor: Any, reset: PasswordReset) -> tuple[PasswordReset, str]:
    """The approved reset's temporary password, to its requester only, once."""
    require(actor, Perm.USER_MANAGE, reset.user.org.path)
    if actor.pk is None or actor.pk != reset.requested_by_id:
        raise PermissionDenied(_("只有提出申请的系统管理员可以签发临时密码。"))
    if not reset.user.is_active:
        raise ValidationFailed(_("账号已停用，请先启用再重置密码。"), code="inactive")
    return reset, _issue(reset, _actor_of(actor))


@transaction.atomic
def reset_cancel(*, actor: Any, reset: PasswordReset) -> PasswordReset:
    if not (scope_for(actor, Perm.USER_MANAGE).covers(reset.user.org.path)
            or scope_for(actor, Perm.GRANT_MANAGE).covers(reset.user.org.path)):
        require(actor, Perm.USER_MANAGE, reset.user.org.path)
    return _move(reset, ResetAction.CANCEL, _actor_of(actor))


def reset_redeem(*, user: User, secret: str, ip: str = "") -> PasswordReset | None:
    """The owner's first login with the temporary password: good once, before its expiry."""
    reset = PasswordReset.objects.select_related("user__org").filter(user=user, status=ResetStatus.ISSUED).first()
    if reset is None or not secret:
        return None
    if not constant_time_compare(reset.secret_hash, _hash(reset.pk, secret)):
        return None
    actor = Actor(id=user.pk, label=user.username, ip=ip)
    with transaction.atomic():
        if _is_expired(reset, timezone.now()):
            _move(reset, ResetAction.EXPIRE, actor)
            return None
        try:
            return _move(reset, ResetAction.REDEEM, actor, redeemed_at=timezone.now(), secret_hash="")
        except ValidationFailed:
            return None  # used a moment ago by another request


@transaction.atomic
def reset_complete(*, user: User, new_password: str, ip: str = "") -> User:
    """The owner, logged in with the temporary password and with TOTP bound anew, sets a password."""
    reset = PasswordReset.objects.select_related("user__org").filter(user=user,
                                                                     status=ResetStatus.REDEEMED).first()
    actor = Actor(id=user.pk, label=user.username, ip=ip)
    if reset is None or _is_expired(reset, timezone.now()):
        if reset is not None:
            _move(reset, ResetAction.EXPIRE, actor)
        raise ValidationFailed(_("临时密码已失效，请联系系统管理员重新重置。"), field="new_password",
                               code="reset_expired")
    if not user.totp_confirmed or user.must_enrol_totp:
        raise ValidationFailed(_("请先绑定动态验证码。"), field="new_password", code="totp_required")
    check_new_password(new_password, user, field="new_password")
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    api_tokens_revoke(user=user)
    _move(reset, ResetAction.COMPLETE, actor, completed_at=timezone.now())
    return user

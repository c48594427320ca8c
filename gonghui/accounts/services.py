"""Every write to cadre accounts and grants (login itself lives in login.py, resets in resets.py)."""

from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.credentials import api_tokens_revoke
from gonghui.accounts.credentials import check_new_password as _check_password
from gonghui.accounts.models import Grant, User
from gonghui.accounts.roles import ROLES
from gonghui.core.audit import audit_record
from gonghui.core.errors import PermissionDenied, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.core.validators import clean_name_text
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import covers_all_roots, require, scope_for
from gonghui.orgs.services.common import audit_actor


def _clean_username(value: Any) -> str:
    username = normalize_text(value)
    if not username or len(username) > 150 or not all(c.isalnum() or c in "._-@" for c in username):
        raise ValidationFailed(_("用户名只能包含字母、数字和 . _ - @，长度1到150。"), field="username")
    return username


def _clean_full_name(value: Any) -> str:
    name = clean_name_text(value, field="full_name", label=_("姓名"))
    if not name or len(name) > 50:
        raise ValidationFailed(_("请填写姓名（不超过50个字）。"), field="full_name")
    return name


@transaction.atomic
def user_create(*, actor: Any, username: str, full_name: str, org: TradeUnion, password: str | None) -> User:
    """`password` None: an account that cannot sign in until a password reset opens it."""
    require(actor, Perm.USER_MANAGE, org.path)
    username = _clean_username(username)
    if User.objects.filter(username=username).exists():
        raise ValidationFailed(_("用户名已被使用。"), field="username", code="duplicate")
    user = User(username=username, full_name=_clean_full_name(full_name), org=org, must_change_password=True)
    if password is None:
        user.set_unusable_password()
    else:
        _check_password(password, user)
        user.set_password(password)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ValidationFailed(_("用户名已被使用。"), field="username", code="duplicate") from None
    audit_record(actor=audit_actor(actor), action="user.create", obj=user, org_path=org.path)
    return user


@transaction.atomic
def user_update(*, actor: Any, user: User, full_name: str, org: TradeUnion) -> User:
    require(actor, Perm.USER_MANAGE, user.org.path)
    if org.pk != user.org_id:
        require(actor, Perm.USER_MANAGE, org.path)
    user.full_name = _clean_full_name(full_name)
    user.org = org
    user.save(update_fields=["full_name", "org"])
    audit_record(actor=audit_actor(actor), action="user.update", obj=user, org_path=org.path)
    return user


@transaction.atomic
def user_set_active(*, actor: Any, user: User, active: bool) -> User:
    require(actor, Perm.USER_MANAGE, user.org.path)
    if user.pk == actor.pk:
        raise ValidationFailed(_("不能停用自己的账号。"))
    User.objects.filter(pk=user.pk).update(is_active=active)
    user.is_active = active
    if not active:
        api_tokens_revoke(user=user)
    audit_record(actor=audit_actor(actor), action="user.enable" if active else "user.disable", obj=user,
                 org_path=user.org.path)
    return user


@transaction.atomic
def user_unlock(*, actor: Any, user: User) -> User:
    # Unlocking is the security administrator's work (三员分立), hence the grant permission.
    require(actor, Perm.GRANT_MANAGE, user.org.path)
    User.objects.filter(pk=user.pk).update(locked_until=None, failed_logins=0)
    user.locked_until, user.failed_logins = None, 0
    audit_record(actor=audit_actor(actor), action="user.unlock", obj=user, org_path=user.org.path)
    return user


@transaction.atomic
def password_change(*, user: User, old_password: str, new_password: str) -> User:
    if not user.check_password(old_password):
        raise ValidationFailed(_("原密码不正确。"), field="old_password")
    if old_password == new_password:
        raise ValidationFailed(_("新密码不能与原密码相同。"), field="new_password")
    _check_password(new_password, user, field="new_password")
    user.set_password(new_password)
    user.must_change_password = False
    user.password_changed_at = timezone.now()
    user.save(update_fields=["password", "must_change_password", "password_changed_at"])
    # The new password hash also ends the account's other console sessions (credentials.py).
    revoked = api_tokens_revoke(user=user)
    audit_record(actor=audit_actor(user), action="auth.password_change", obj=user, org_path=user.org.path,
                 detail={"tokens_revoked": revoked})
    return user


def _grants_across_roots(actor: Any, org: TradeUnion) -> bool:
    """Over several root unions an account lives in one tree, yet whoever runs the whole deployment
    needs grants on every root (covers_all_roots). Only a grantor who manages grants over every root
    (the system actor, or a security administrator the operator granted on each root) may grant a
    root union outside the account's own lineage; anything below a root keeps the lineage rule."""
    return org.parent_id is None and covers_all_roots(scope_for(actor, Perm.GRANT_MANAGE))


@transaction.atomic
def grant_create(*, actor: Any, user: User, role: str, org: TradeUnion) -> Grant:
    require(actor, Perm.GRANT_MANAGE, org.path)
    require(actor, Perm.GRANT_MANAGE, user.org.path)
    if role not in ROLES:
        raise ValidationFailed(_("请选择有效的角色。"), field="role")
    if user.pk == actor.pk:
        raise PermissionDenied(_("不能给自己授权。"))
    if not org.is_active:
        raise ValidationFailed(_("不能在已合并或撤销的工会上授权。"), field="org")
    if (not org.path.startswith(user.org.path) and not user.org.path.startswith(org.path)
            and not _grants_across_roots(actor, org)):
        raise ValidationFailed(_("授权范围须是该账号所在工会或其上下级。"), field="org")
    held = set(Grant.objects.active().filter(user=user).values_list("role", flat=True))
    if (ROLES[role].exclusive and held - {role}) or any(ROLES[h].exclusive for h in held - {role}):
        raise ValidationFailed(_("系统管理员、安全管理员、审计管理员三员分立，不能与其他角色兼任。"),
                               field="role", code="separation_of_duties")
    if Grant.objects.active().filter(user=user, role=role, org=org).exists():
        raise ValidationFailed(_("该账号已在此范围拥有该角色。"), field="role", code="duplicate")
    grant = Grant.objects.create(user=user, role=role, org=org, granted_by=actor if actor.pk else None)
    user.forget_grants()
    audit_record(actor=audit_actor(actor), action="grant.create", obj=grant, org_path=org.path,
                 detail={"user": user.pk, "role": role})
    return grant


@transaction.atomic
def grant_revoke(*, actor: Any, grant: Grant) -> Grant:
    require(actor, Perm.GRANT_MANAGE, grant.org.path)
    if grant.revoked_at is not None:
        raise ValidationFailed(_("该授权已收回。"))
    if grant.user_id == actor.pk:
        raise PermissionDenied(_("不能收回自己的授权。"))
    grant.revoked_at = timezone.now()
    grant.revoked_by = actor if actor.pk else None
    grant.save(update_fields=["revoked_at", "revoked_by"])
    grant.user.forget_grants()
    audit_record(actor=audit_actor(actor), action="grant.revoke", obj=grant, org_path=grant.org.path,
                 detail={"user": grant.user_id, "role": grant.role})
    return grant

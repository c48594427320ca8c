from collections.abc import Iterable
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.reset_models import LoginThrottle, PasswordReset, PasswordResetEvent  # noqa: F401
from gonghui.accounts.roles import ROLES, RoleCode, roles_assigned_with, roles_with
from gonghui.accounts.sms_models import SmsCode  # noqa: F401 - its own module, registered here
from gonghui.core.crypto import EncryptedTextField
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class UserQuerySet(ScopedQuerySet):
    scope_field = "org__path"


class UserManager(BaseUserManager.from_queryset(UserQuerySet)):  # type: ignore[misc]
    def get_by_natural_key(self, username: str | None) -> Any:
        return self.get(username=username)


class User(AbstractBaseUser):
    """A cadre account. Members log in through the portal with their phone, not here."""

    username = models.CharField(_("用户名"), max_length=150, unique=True)
    full_name = models.CharField(_("姓名"), max_length=50)
    org = models.ForeignKey(TradeUnion, verbose_name=_("所在工会"), on_delete=models.PROTECT, related_name="cadres")
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    password_changed_at = models.DateTimeField(default=timezone.now)
    must_change_password = models.BooleanField(default=False)
    failed_logins = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    totp_secret = EncryptedTextField(blank=True, default="")
    totp_confirmed = models.BooleanField(default=False)
    # The last accepted TOTP time step: a code is good once, so a shoulder-surfed code is useless.
    totp_last_step = models.BigIntegerField(default=0)
    # Set by a password reset: the owner binds TOTP anew at the first login, whatever their roles.
    must_enrol_totp = models.BooleanField(default=False)

    objects = UserManager()

    USERNAME_FIELD = "username"
    REQUIRED_FIELDS = ["full_name"]

    class Meta:
        ordering = ["username"]

    def __str__(self) -> str:
        return f"{self.full_name}（{self.username}）" if self.full_name else self.username

    def active_grants(self) -> list[tuple[str, str]]:
        """(role, union path) of each active grant, read once per user object: a page asks for many
        permissions' scopes (every 待办 line, the menu, the panels), and each used to cost a query.
        `forget_grants` drops it when a grant changes under the same object."""
        if "_active_grants" not in self.__dict__:
            self.__dict__["_active_grants"] = list(
                Grant.objects.active().filter(user=self).values_list("role", "org__path"))
        return self.__dict__["_active_grants"]

    def forget_grants(self) -> None:
        self.__dict__.pop("_active_grants", None)

    def scope_roots(self, permission: str) -> Iterable[str]:
        roles = set(roles_with(permission))
        return [path for role, path in self.active_grants() if role in roles]

    def assigned_roots(self, permission: str) -> Iterable[str]:
        roles = set(roles_assigned_with(permission))
        return [path for role, path in self.active_grants() if role in roles]

    def active_role_codes(self) -> set[str]:
        return {role for role, _path in self.active_grants()}

    def permissions(self) -> set[str]:
        return {p for code in self.active_role_codes() for p in ROLES[code].permissions}

    @property
    def totp_required(self) -> bool:
        return self.totp_confirmed or self.must_enrol_totp or any(
            ROLES[c].requires_totp for c in self.active_role_codes())

    def is_locked(self, now: Any = None) -> bool:
        return bool(self.locked_until and self.locked_until > (now or timezone.now()))


class GrantQuerySet(ScopedQuerySet):
    scope_field = "org__path"

    def active(self) -> "GrantQuerySet":
        return self.filter(revoked_at__isnull=True)


class Grant(models.Model):
    """A role held on an org node, covering its subtree. Revoked grants stay as history."""

    user = models.ForeignKey(User, on_delete=models.PROTECT, related_name="grants")
    role = models.CharField(_("角色"), max_length=20, choices=RoleCode.choices)
    org = models.ForeignKey(TradeUnion, verbose_name=_("授权范围"), on_delete=models.PROTECT, related_name="grants")
    granted_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    granted_at = models.DateTimeField(auto_now_add=True)
    revoked_by = models.ForeignKey(User, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = GrantQuerySet.as_manager()

    class Meta:
        ordering = ["-granted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "org"], condition=Q(revoked_at__isnull=True), name="one_active_grant"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} @ {self.org}"


class ApiToken(models.Model):
    """A bearer token for the API. Only a hash is stored; the token is shown once when issued."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    label = models.CharField(max_length=60, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.label or 'token'} ({self.user_id})"

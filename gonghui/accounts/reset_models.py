"""Password resets (a workflow with events) and the failed-login counter for names without an account.

A reset never stores the temporary password, only a keyed hash of it, and never takes a password
from an administrator (ARCHITECTURE.md §6a).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.workflow import OPEN, ResetAction, ResetStatus
from gonghui.orgs.scope import ScopedQuerySet


class PasswordResetQuerySet(ScopedQuerySet):
    # Through the account's union as it is now: a moved account's open reset moves with it.
    scope_field = "user__org__path"


class PasswordReset(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="password_resets",
                             verbose_name=_("账号"))
    status = models.CharField(_("状态"), max_length=12, choices=ResetStatus.choices)
    # Decided from the account's roles when requested: a privileged reset needs a second person.
    privileged = models.BooleanField(default=False)
    reason = models.CharField(_("原因"), max_length=200)
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                     related_name="+")
    requested_at = models.DateTimeField()
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    decision_note = models.CharField(max_length=200, blank=True)
    secret_hash = models.CharField(max_length=64, blank=True)
    issued_at = models.DateTimeField(null=True, blank=True)
    expires_at = models.DateTimeField(null=True, blank=True)
    redeemed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    objects = PasswordResetQuerySet.as_manager()

    class Meta:
        ordering = ["-requested_at", "-id"]
        indexes = [models.Index(fields=["status", "requested_at"])]
        constraints = [
            # Two administrators racing to reset one account cannot both leave an open reset.
            models.UniqueConstraint(fields=["user"], condition=Q(status__in=sorted(OPEN)),
                                    name="one_open_password_reset"),
        ]

    def __str__(self) -> str:
        return f"{self.user_id} {self.status}"


class PasswordResetEvent(models.Model):
    reset = models.ForeignKey(PasswordReset, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.reset_id} {self.action}"

    @property
    def action_label(self) -> str:
        return str(ResetAction(self.action).label) if self.action in ResetAction.values else self.action


class LoginThrottle(models.Model):
    """Failed logins under a name that has no usable account, counted like an account's own, so
    the lockout answer cannot tell an attacker which names exist. The name only as a keyed hash."""

    name_key = models.CharField(max_length=64, unique=True)
    failed = models.PositiveSmallIntegerField(default=0)
    locked_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.name_key[:8]

"""Partners (banks issuing co-branded cards, merchants giving member discounts) who may ask whether
someone is a member, and the call counters that rate-limit them.

Kept beside models.py (which imports it) so the registry's own models stay in one readable file.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class PartnerQuerySet(ScopedQuerySet):
    scope_field = "union__path"


class Partner(models.Model):
    """Only a SHA-256 of the key is stored; the key itself is shown once, when the partner is created.

    A partner is registered at a union (the province root of the deployment) and learns about
    members in that union's subtree only.
    """

    name = models.CharField(_("合作方名称"), max_length=100)
    union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="partners")
    # The key's first characters, stored in clear so a cadre can tell which key a partner holds.
    key_prefix = models.CharField(max_length=16, db_index=True)
    key_hash = models.CharField(max_length=64, unique=True)
    is_active = models.BooleanField(default=True)
    per_minute = models.PositiveIntegerField(_("每分钟调用上限"), default=60)
    daily_quota = models.PositiveIntegerField(_("每日调用上限"), default=10_000)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.key_prefix}…）"


class PartnerWindow(models.Model):
    """Calls made by one partner in one fixed window (a minute or a local day).

    Counted in the database, not a per-process cache, so the limit holds across every app process.
    """

    class Kind(models.TextChoices):
        MINUTE = "minute", _("每分钟")
        DAY = "day", _("每日")

    partner = models.ForeignKey(Partner, on_delete=models.CASCADE, related_name="windows")
    kind = models.CharField(max_length=6, choices=Kind.choices)
    start = models.DateTimeField()
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "kind", "start"], name="one_window_per_partner")]

    def __str__(self) -> str:
        return f"{self.partner_id} {self.kind} {self.start:%Y-%m-%d %H:%M}: {self.count}"

"""Partners (banks issuing co-branded cards, merchants giving member discounts) who may ask whether
someone is a member, and the call counters that rate-limit them.

Kept beside models.py (which imports it) so the registry's own models stay in one readable file.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class PartnerPurpose(models.TextChoices):
    """What a partner key may be used for; each partner endpoint names the one it needs."""

    VERIFY = "verify", _("核验会员身份")
    REDEEM = "redeem", _("核销会员优惠券")
    JOBS = "jobs", _("报送招聘岗位")


# The flag on Partner that grants each purpose.
PURPOSE_FIELDS = {PartnerPurpose.VERIFY: "may_verify", PartnerPurpose.REDEEM: "may_redeem",
                  PartnerPurpose.JOBS: "may_post_jobs"}


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
    # Purposes (docs/decisions.md "Per-purpose partner keys"): a key is refused outside them.
    may_verify = models.BooleanField(_("核验会员身份"), default=False)
    may_redeem = models.BooleanField(_("核销会员优惠券"), default=False)
    may_post_jobs = models.BooleanField(_("报送招聘岗位"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.CharField(max_length=150)
    revoked_at = models.DateTimeField(null=True, blank=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}（{self.key_prefix}…）"

    def may(self, purpose: str) -> bool:
        return bool(getattr(self, PURPOSE_FIELDS[PartnerPurpose(purpose)]))

    @property
    def purposes(self) -> list[PartnerPurpose]:
        return [p for p in PartnerPurpose if self.may(p)]


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

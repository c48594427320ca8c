"""One-time SMS codes for the member portal's login. The code itself is never stored, only a keyed
hash; the phone only as its blind index and masked form."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class SmsCode(models.Model):
    class Purpose(models.TextChoices):
        PORTAL_LOGIN = "portal_login", _("会员登录")
        TRANSFER_CONFIRM = "transfer_confirm", _("确认会籍接转")

    phone_index = models.CharField(max_length=64)
    phone_masked = models.CharField(max_length=16)
    purpose = models.CharField(max_length=20, choices=Purpose.choices)
    code_hash = models.CharField(max_length=64)
    ip = models.CharField(max_length=45, blank=True)
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    attempts = models.PositiveSmallIntegerField(default=0)
    # Only the newest code of a phone works ("以最新一条短信为准"); used, expired and superseded
    # codes are kept until purged because the send limits count them.
    active = models.BooleanField(default=True)
    used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["phone_index", "created_at"]), models.Index(fields=["ip", "created_at"])]
        constraints = [
            # Two sends racing for one phone cannot both leave a live code: the loser's insert fails.
            models.UniqueConstraint(fields=["phone_index", "purpose"], condition=Q(active=True),
                                    name="one_live_sms_code_per_phone"),
        ]

    def __str__(self) -> str:
        return f"{self.phone_masked} {self.purpose}"

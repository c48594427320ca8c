"""The national tier's records: the deployments this one knows (each with its public key), the nonces
already seen, the figures received from lower deployments, and the log of what this one sent up."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PeerDeployment(models.Model):
    """Another deployment whose signed messages this one accepts: a lower province sending its figures."""

    code = models.CharField(_("部署代码"), max_length=6, unique=True)  # its root union's division code
    name = models.CharField(_("名称"), max_length=100)
    public_key = models.CharField(_("公钥"), max_length=60)  # raw Ed25519 public key, base64 (32 bytes)
    # Its base URL, where this deployment sends it messages (a transfer's answer); blank: it only sends here.
    url = models.CharField(_("地址"), max_length=200, blank=True)
    active = models.BooleanField(_("启用"), default=True)
    registered_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name}（{self.code}）"


class FederationNonce(models.Model):
    """A nonce already used by a deployment: a message carrying it again is a replay. Kept only as long
    as a message's timestamp is accepted (signing.MAX_SKEW on either side), then pruned."""

    code = models.CharField(max_length=6)
    nonce = models.CharField(max_length=64)
    seen_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["code", "nonce"], name="federation_nonce_once")]

    def __str__(self) -> str:
        return f"{self.code}:{self.nonce[:8]}…"


class ReceivedFigure(models.Model):
    """One figure a lower deployment sent: for its root or one of its root's children (a city), one
    period, one metric at one version. A resend replaces the value; `changed_at` says when it last moved."""

    peer = models.ForeignKey(PeerDeployment, on_delete=models.PROTECT, related_name="figures")
    period = models.CharField(max_length=24)  # core.periods key: 2026, SY2026, 2026-03
    metric = models.CharField(max_length=80)
    version = models.PositiveIntegerField()
    # The reporting union in the lower deployment: its division code, or its tree path when it has none.
    unit = models.CharField(max_length=40)
    unit_name = models.CharField(max_length=100)
    is_root = models.BooleanField(default=False)
    metric_label = models.CharField(max_length=100, blank=True)
    measure = models.CharField(max_length=20, blank=True)  # 人, 家, %
    value = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)  # null: missing
    numerator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(max_digits=20, decimal_places=4, null=True, blank=True)
    as_of = models.DateTimeField()  # when the lower deployment computed it
    received_at = models.DateTimeField(default=timezone.now)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["peer__code", "-is_root", "unit"]
        constraints = [models.UniqueConstraint(fields=["peer", "period", "metric", "version", "unit"],
                                               name="received_figure_once")]
        indexes = [models.Index(fields=["metric", "period"], name="received_figure_lookup")]

    def __str__(self) -> str:
        return f"{self.metric} v{self.version} {self.period} {self.unit_name}"


class FederationSend(models.Model):
    """One attempt to send a period's figures to the upper deployment."""

    class Status(models.TextChoices):
        SENDING = "sending", _("发送中")
        SENT = "sent", _("已发送")
        FAILED = "failed", _("发送失败")

    period = models.CharField(_("统计期间"), max_length=24)
    started_at = models.DateTimeField(default=timezone.now, db_index=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=Status.choices, default=Status.SENDING)
    figures = models.PositiveIntegerField(default=0)
    stored = models.PositiveIntegerField(default=0)  # of `figures`, read from the stored refresh (the rest live)
    parts = models.PositiveSmallIntegerField(default=1)  # signed messages (MAX_FIGURES each)
    parts_sent = models.PositiveSmallIntegerField(default=0)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    error = models.CharField(max_length=300, blank=True)
    triggered_by = models.CharField(max_length=150, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.period} {self.status}"

"""会籍接转 across deployments: one row on each side of a member moving from a union on deployment A
(the sending side, `OUT`) to a union on deployment B (the receiving side, `IN`), both named by the
same `ref` (made by B). The states are those of a transfer inside one deployment (members.Transfer).

What each side keeps: A links the row to its own member and membership (nothing from B but the
receiving union's name); B keeps the identity number its cadre typed — sealed, with its blind index —
until the member is admitted, and what A sent on release (name, gender, join date, union history)
sealed until then; both are cleared once the member record holds them.
"""

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.members.models import Member, Membership, Transfer
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.reports.federation.models import PeerDeployment


class CrossTransferQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Delivery(models.TextChoices):
    """Where this side's last word to the other deployment stands (sent by a queued task, retried)."""

    NONE = "", _("无")
    SENDING = "sending", _("发送中")
    SENT = "sent", _("已发送")
    FAILED = "failed", _("发送失败")


class CrossTransfer(models.Model):
    class Side(models.TextChoices):
        OUT = "out", _("转出（本部署会员转往其他部署）")
        IN = "in", _("转入（其他部署会员转入本部署）")

    Status = Transfer.Status

    ref = models.CharField(max_length=36)
    side = models.CharField(max_length=3, choices=Side.choices)
    peer = models.ForeignKey(PeerDeployment, on_delete=models.PROTECT, related_name="cross_transfers")
    status = models.CharField(max_length=10, choices=Transfer.Status.choices, default=Transfer.Status.AWAITING)
    # This side's union: the sending union on A, the receiving union on B (its path: the scope).
    union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, db_index=True, editable=False)
    other_union_name = models.CharField(max_length=100, blank=True)  # on A the receiving union, on B the sending
    reason = models.CharField(_("接转原因"), max_length=200, blank=True)
    # A (OUT): the member leaving.
    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    from_membership = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    # B (IN): whom the cadre asked for, then what A sent on release; both sealed, cleared on admission.
    id_type = models.CharField(max_length=12, blank=True)
    id_number = EncryptedTextField(blank=True)
    id_index = models.CharField(max_length=64, blank=True, db_index=True)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "id_index": lambda m: reindex(m.id_type, m.id_number),
    }
    released_data = EncryptedTextField(blank=True)  # JSON: name, gender, join_date, history
    to_membership = models.ForeignKey(Membership, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    confirm_due_at = models.DateTimeField(null=True, blank=True)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    release_due_at = models.DateTimeField(null=True, blank=True, db_index=True)
    released_at = models.DateTimeField(null=True, blank=True)
    released_automatically = models.BooleanField(default=False)
    # A refusal's or withdrawal's reason, as the side that closed it gave it.
    note = models.CharField(_("原因"), max_length=200, blank=True)
    # This side's last word to the other (A: confirmed, released, closed; B: accepted, closed), sent by
    # a queued task after the commit; a failure is retried by the periodic job after `next_send_at`.
    outgoing = models.CharField(max_length=10, blank=True)
    delivery = models.CharField(max_length=8, choices=Delivery.choices, blank=True, default=Delivery.NONE)
    send_attempts = models.PositiveSmallIntegerField(default=0)
    send_error = models.CharField(max_length=300, blank=True)
    next_send_at = models.DateTimeField(null=True, blank=True, db_index=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    objects = CrossTransferQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["peer", "side", "ref"], name="cross_transfer_once")]

    def __str__(self) -> str:
        return f"{self.get_side_display()} {self.ref[:8]}"

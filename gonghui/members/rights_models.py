"""A person's requests under PIPL arts. 44–47: a copy of what is held, a correction, a consent
withdrawn, an erasure. Each is one row, whoever asked (the person on the portal, or a cadre recording
a request made at the counter); the ones the union decides wait here as a to-do.

Kept beside models.py (which imports it) so the registry's own models stay in one readable file.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import EncryptedTextField
from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class RightKind(models.TextChoices):
    COPY = "copy", _("获取副本")
    CORRECT = "correct", _("更正")
    WITHDRAW = "withdraw", _("撤回同意")
    ERASE = "erase", _("删除")


class RightState(models.TextChoices):
    PENDING = "pending", _("待工会处理")
    ACCEPTED = "accepted", _("已办理")
    REFUSED = "refused", _("未予办理")
    DONE = "done", _("已完成")  # carried out at once (a copy, a withdrawal): nothing to decide


class CorrectableField(models.TextChoices):
    """What a person may ask to correct (members.services.rights says who decides each)."""

    NAME = "name", _("姓名")
    PHONE = "phone", _("手机号码")
    EDUCATION = "education", _("学历")
    POLITICAL_STATUS = "political_status", _("政治面貌")
    HOUSEHOLD = "household", _("户籍类型")
    JOB = "job", _("岗位/工种")


class RightChannel(models.TextChoices):
    PORTAL = "portal", _("本人在线申请")
    OFFLINE = "offline", _("工会代为登记")


class PersonalDataRequestQuerySet(ScopedQuerySet):
    scope_field = "org_path"

    def pending(self) -> "PersonalDataRequestQuerySet":
        return self.filter(state=RightState.PENDING)


class PersonalDataRequest(models.Model):
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="data_requests")
    # The member's union when the request was made: its cadres decide it.
    union = models.ForeignKey(TradeUnion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("类型"), max_length=10, choices=RightKind.choices)
    state = models.CharField(_("状态"), max_length=10, choices=RightState.choices, default=RightState.PENDING)
    channel = models.CharField(_("申请方式"), max_length=10, choices=RightChannel.choices)
    # A correction: which field, and the value asked for (sealed: it may be a name or a phone).
    field = models.CharField(_("更正项目"), max_length=20, choices=CorrectableField.choices, blank=True)
    new_value = EncryptedTextField(_("更正为"), blank=True, default="")
    new_value_shown = models.CharField(max_length=60, blank=True)  # masked when it is a phone
    # What the request concerns beyond the person (a withdrawal: "jobs.application:12").
    subject = models.CharField(max_length=60, blank=True)
    note = models.CharField(_("申请说明"), max_length=200, blank=True)
    reason = models.CharField(_("处理意见"), max_length=300, blank=True)
    requested_by_label = models.CharField(max_length=150)
    decided_by_id = models.BigIntegerField(null=True, blank=True)
    decided_by_label = models.CharField(max_length=150, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    objects = PersonalDataRequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["org_path", "state"], name="data_request_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS])]
        constraints = [
            # One open request of a kind (and field) per person: a second click is not a second request.
            models.UniqueConstraint(fields=["member", "kind", "field"], condition=Q(state="pending"),
                                    name="data_request_one_pending"),
        ]

    def __str__(self) -> str:
        return f"{self.member_id} {self.kind} {self.state}"

"""维权 cases: one engine for the 12351 hotline, mediation, legal aid and petitions.

The caller's phone and identity number are encrypted, with a blind index for exact look-ups and a
masked copy for lists. The handling union's path is copied onto the case so a subtree queue is one
indexed prefix predicate; the deadline is stored and indexed so the overdue sweep touches only due
rows.
"""

from typing import ClassVar

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import OPEN_STATUSES, Category, Channel, Difficulty, Kind, Line, Rating, Status
from gonghui.cases.record_models import CaseAttachment, CaseEvent, CaseNotification, Supervision
from gonghui.cases.sla_models import SlaPolicy
from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.core.idnumbers import IdType
from gonghui.core.models import TimeStampedModel
from gonghui.orgs.models import PREFIX_OPS, Employer, Region, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet

__all__ = ["Case", "CaseAttachment", "CaseEvent", "CaseNotification", "CaseNumberCounter", "SlaPolicy",
           "Supervision"]


class CaseNumberCounter(models.Model):
    """The last number handed out per line and year; its row is locked while a number is taken."""

    line = models.CharField(max_length=12, choices=Line.choices)
    year = models.PositiveSmallIntegerField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["line", "year"], name="one_case_counter_per_line_year")]

    def __str__(self) -> str:
        return f"{self.line}-{self.year}: {self.last}"


class CaseQuerySet(ScopedQuerySet):
    scope_field = "org_path"
    # A lawyer's grant shows only the cases they are brought into.
    assignee_fields = ("lawyer_id", "handler_id")

    def open(self) -> "CaseQuerySet":
        return self.filter(status__in=OPEN_STATUSES)


class Case(TimeStampedModel):
    number = models.CharField(_("案件编号"), max_length=24, unique=True)
    line = models.CharField(_("业务条线"), max_length=12, choices=Line.choices, default=Line.HOTLINE)
    channel = models.CharField(_("来源渠道"), max_length=12, choices=Channel.choices, default=Channel.PHONE)
    kind = models.CharField(_("诉求类型"), max_length=12, choices=Kind.choices, default=Kind.COMPLAINT)
    category = models.CharField(_("问题类别"), max_length=20, choices=Category.choices, blank=True)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.RECEIVED)
    difficulty = models.CharField(_("难易程度"), max_length=10, choices=Difficulty.choices, blank=True)

    # The caller (诉求人). Anonymous callers may withhold their name; the phone stays for the call-back.
    caller_name = models.CharField(_("诉求人"), max_length=50, blank=True)
    caller_phone = EncryptedTextField(_("联系电话"), blank=True, default="")
    caller_phone_index = models.CharField(max_length=64, blank=True, editable=False)
    caller_phone_masked = models.CharField(max_length=16, blank=True, editable=False)
    caller_id_type = models.CharField(_("证件类型"), max_length=12, choices=IdType.choices, blank=True)
    caller_id_number = EncryptedTextField(_("证件号码"), blank=True, default="")
    caller_id_index = models.CharField(max_length=64, blank=True, editable=False)
    caller_id_masked = models.CharField(max_length=24, blank=True, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "caller_phone_index": lambda m: reindex(m.caller_phone),
        "caller_id_index": lambda m: reindex(m.caller_id_type, m.caller_id_number),
    }
    anonymous = models.BooleanField(_("匿名"), default=False)
    # The caller asked that the employer not learn who complained: whoever checks with the employer
    # names neither the caller nor the phone. A field, so every handler's page shows it as a badge.
    identity_withheld = models.BooleanField(_("对用人单位保密身份"), default=False)
    member = models.ForeignKey("members.Member", verbose_name=_("会员"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="cases")

    # The employer as the caller named it; linked to the registry when it is known there.
    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), null=True, blank=True,
                                 on_delete=models.SET_NULL, related_name="cases")
    employer_name = models.CharField(_("用人单位名称"), max_length=100, blank=True)
    employer_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), null=True, blank=True, on_delete=models.PROTECT)
    description = models.TextField(_("诉求内容"))

    intake_union = models.ForeignKey(TradeUnion, verbose_name=_("受理工会"), on_delete=models.PROTECT,
                                     related_name="+")
    handling_union = models.ForeignKey(TradeUnion, verbose_name=_("承办工会"), on_delete=models.PROTECT,
                                       related_name="cases")
    org_path = models.CharField(max_length=255, editable=False)
    # Where a return sends the case back to: the union that dispatched (or escalated) it.
    dispatched_from = models.ForeignKey(TradeUnion, null=True, blank=True, on_delete=models.PROTECT,
                                        related_name="+")
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("承办人"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="handled_cases")
    lawyer = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name=_("律师"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="lawyer_cases")

    due_at = models.DateTimeField(_("办结时限"), null=True, blank=True)
    needs_review = models.BooleanField(_("时限待核"), default=False)  # counted past the calendar's years
    overdue = models.BooleanField(_("已超期"), default=False)
    overdue_escalated_at = models.DateTimeField(null=True, blank=True)

    outcome = models.TextField(_("办理结果"), blank=True)
    money_recovered = models.DecimalField(_("挽回经济损失（元）"), max_digits=14, decimal_places=2, default=0)
    people_helped = models.PositiveIntegerField(_("涉及人数"), default=0)
    rating = models.CharField(_("满意度"), max_length=16, choices=Rating.choices, blank=True)
    callback_note = models.CharField(_("回访情况"), max_length=500, blank=True)

    received_at = models.DateTimeField(_("受理时间"))
    classified_at = models.DateTimeField(null=True, blank=True)
    dispatched_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    called_back_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    reopened_at = models.DateTimeField(null=True, blank=True)
    # Set by the retention sweep years after closing: the case stays for the statistics with its caller,
    # texts and attachments removed, and leaves the working lists (cases.retention).
    archived_at = models.DateTimeField(_("数据归档时间"), null=True, blank=True)

    escalation_level = models.PositiveSmallIntegerField(_("上报层级"), default=0)
    version = models.PositiveIntegerField(default=1)

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        # Equality-only columns get a plain index, paths a prefix one (docs/decisions.md, no twins).
        indexes = [
            models.Index(fields=["org_path", "status"], name="case_subtree_status", opclasses=[PREFIX_OPS, PREFIX_OPS]),
            models.Index(fields=["org_path", "received_at"], name="case_subtree_received",
                         opclasses=[PREFIX_OPS, "timestamptz_ops"]),
            models.Index(fields=["caller_phone_index"], name="case_caller_phone"),
            models.Index(fields=["caller_id_index"], name="case_caller_id"),
            models.Index(fields=["employer_credit_code"], name="case_employer_credit_code"),
            models.Index(fields=["employer", "received_at"]),
            # The sweep's two questions, each over open cases only: which just fell due, and which
            # have been overdue long enough to escalate.
            models.Index(fields=["due_at"], condition=Q(status__in=OPEN_STATUSES, overdue=False),
                         name="case_open_not_overdue_due"),
            models.Index(fields=["due_at"], condition=Q(status__in=OPEN_STATUSES, overdue=True),
                         name="case_open_overdue_due"),
            # 超期案件 of a subtree (the 工作台's count, the 督办 board): the overdue open cases alone, by
            # path, so a province's count reads this small index rather than every overdue case's row.
            models.Index(fields=["org_path"], name="case_open_overdue_subtree", opclasses=[PREFIX_OPS],
                         condition=Q(status__in=OPEN_STATUSES, overdue=True, archived_at__isnull=True)),
            # A period's cases across a big subtree (a province's or a city's 维权统计, the latest case's
            # day): by date first, where the (path, date) index would walk the whole subtree's entries.
            models.Index(fields=["received_at"], name="case_received"),
            # The retention sweep's question: closed cases not yet archived, by when they closed.
            models.Index(fields=["closed_at"], condition=Q(status=Status.CLOSED, archived_at__isnull=True),
                         name="case_closed_unarchived"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(money_recovered__gte=0), name="case_money_not_negative"),
        ]

    def __str__(self) -> str:
        return self.number

    @property
    def caller_display(self) -> str:
        return str(_("匿名")) if self.anonymous or not self.caller_name else self.caller_name

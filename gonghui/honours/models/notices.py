"""公示 and the objections the public files against it (each one a 12351 case)."""

from typing import ClassVar

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.honours.choices import ObjectionVerdict
from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class NoticeQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class PublicNotice(models.Model):
    """The passed list published by the call's issuing union for a number of working days."""

    call = models.OneToOneField("honours.Call", on_delete=models.PROTECT, related_name="notice")
    union = models.ForeignKey(TradeUnion, verbose_name=_("公示单位"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("公示标题"), max_length=120)
    starts_on = models.DateField(_("公示开始日期"))
    working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"))
    ends_on = models.DateField(_("公示截止日期"))
    # Counted over a year the holiday calendar has no data for: a person checks the date.
    needs_review = models.BooleanField(_("时限待核"), default=False)
    contact = models.CharField(_("受理异议联系方式"), max_length=100, blank=True)
    published_at = models.DateTimeField(default=timezone.now)

    objects = NoticeQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-id"]
        indexes = [models.Index(fields=["ends_on"], name="honour_notice_ends"),
                   models.Index(fields=["org_path"], name="honour_notice_subtree", opclasses=[PREFIX_OPS])]

    def __str__(self) -> str:
        return self.title


class ObjectionQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Objection(models.Model):
    """A member of the public objects to one nominee. Confidential: the objector's phone (proven by
    SMS at the interface) is encrypted and shown only masked; the nominee never learns who."""

    notice = models.ForeignKey(PublicNotice, on_delete=models.PROTECT, related_name="objections")
    nomination = models.ForeignKey("honours.HonourNomination", on_delete=models.PROTECT, related_name="objections")
    org_path = models.CharField(max_length=255, editable=False)
    text = models.TextField(_("异议内容"))
    phone = EncryptedTextField(_("手机号码"))
    phone_index = models.CharField(max_length=64, editable=False)
    phone_masked = models.CharField(max_length=16, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "phone_index": lambda m: reindex(m.phone),
    }
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")
    verdict = models.CharField(_("核查结论"), max_length=10, choices=ObjectionVerdict.choices, blank=True)
    verdict_note = models.CharField(_("核查说明"), max_length=1000, blank=True)
    concluded_at = models.DateTimeField(null=True, blank=True)
    filed_at = models.DateTimeField(default=timezone.now)

    objects = ObjectionQuerySet.as_manager()

    class Meta:
        ordering = ["filed_at", "id"]
        indexes = [models.Index(fields=["nomination", "verdict"], name="honour_objection_nomination"),
                   models.Index(fields=["org_path", "verdict"], name="honour_objection_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS])]

    def __str__(self) -> str:
        return f"{self.nomination_id}: {self.case_id}"

"""The nomination (推荐对象) of a person or a collective to one call, its documents, and each level's check."""

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.core.idnumbers import IdType
from gonghui.core.models import TimeStampedModel
from gonghui.core.upload_models import StoredUpload
from gonghui.honours.choices import (
    CheckDecision,
    Gender,
    NominationStatus,
    NomineeType,
    Rank,
    WorkerCategory,
)
from gonghui.orgs.models import PREFIX_OPS, Employer, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class NominationQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class HonourNomination(TimeStampedModel):
    call = models.ForeignKey("honours.Call", verbose_name=_("评选通知"), on_delete=models.PROTECT,
                             related_name="nominations")
    # The union that nominated (its path is the row's scope: it and every union above it see it).
    union = models.ForeignKey(TradeUnion, verbose_name=_("推荐工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    # The level that holds it now: it decides, passes it on, or returns it.
    at_union = models.ForeignKey(TradeUnion, verbose_name=_("所在审核层级"), on_delete=models.PROTECT,
                                 related_name="+")
    at_path = models.CharField(max_length=255, editable=False)
    status = models.CharField(_("状态"), max_length=12, choices=NominationStatus.choices,
                              default=NominationStatus.PENDING)

    nominee_type = models.CharField(_("推荐对象类型"), max_length=10, choices=NomineeType.choices)
    # The person, or the collective/team (its name here, its employer below).
    name = models.CharField(_("姓名/集体名称"), max_length=100)
    id_type = models.CharField(_("证件类型"), max_length=12, choices=IdType.choices, blank=True)
    id_number = EncryptedTextField(_("证件号码"), blank=True, default="")
    id_index = models.CharField(max_length=64, blank=True, editable=False)
    id_masked = models.CharField(max_length=24, blank=True, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "id_index": lambda m: reindex(m.id_type, m.id_number),
        "nominee_key": lambda m: f"p:{reindex(m.id_type, m.id_number)}" if m.nominee_key.startswith("p:")
        and m.id_number else None,
    }
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    post = models.CharField(_("职务/岗位"), max_length=60, blank=True)
    category = models.CharField(_("人员类别"), max_length=12, choices=WorkerCategory.choices, blank=True)
    rank = models.CharField(_("行政职级"), max_length=10, choices=Rank.choices, default=Rank.NONE)
    member = models.ForeignKey("members.Member", verbose_name=_("会员"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    employer = models.ForeignKey(Employer, verbose_name=_("工作单位"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    employer_name = models.CharField(_("工作单位名称"), max_length=100)
    employer_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    # What makes one nominee one: the ID's blind index, or the employer and the collective's name.
    nominee_key = models.CharField(max_length=200, editable=False)

    deeds = models.TextField(_("主要事迹"))
    deeds_summary = models.CharField(_("事迹摘要"), max_length=300, blank=True)
    employer_opinion = models.CharField(_("所在单位意见"), max_length=500, blank=True)
    returned_reason = models.CharField(_("退回原因"), max_length=500, blank=True)
    notice = models.ForeignKey("honours.PublicNotice", null=True, blank=True, on_delete=models.PROTECT,
                               related_name="nominations")
    version = models.PositiveIntegerField(default=1)

    objects = NominationQuerySet.as_manager()

    class Meta:
        ordering = ["call_id", "org_path", "id"]
        indexes = [
            models.Index(fields=["org_path", "status"], name="honour_nomination_subtree",
                         opclasses=[PREFIX_OPS, PREFIX_OPS]),
            models.Index(fields=["at_path", "status"], name="honour_nomination_at_level",
                         opclasses=[PREFIX_OPS, PREFIX_OPS]),
            models.Index(fields=["call", "status"], name="honour_nomination_call"),
            models.Index(fields=["id_index"], name="honour_nomination_person", condition=~Q(id_index="")),
            models.Index(fields=["employer"], name="honour_nomination_employer"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["call", "nominee_key"], condition=~Q(status=NominationStatus.WITHDRAWN),
                                    name="honour_one_nomination_per_nominee"),
            models.CheckConstraint(condition=~Q(nominee_type="person") | ~Q(id_index=""),
                                   name="honour_person_has_identity"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_person(self) -> bool:
        return self.nominee_type == NomineeType.PERSON

    @property
    def public_summary(self) -> str:
        return self.deeds_summary or self.deeds[:200]


class NominationDocument(StoredUpload):
    nomination = models.ForeignKey(HonourNomination, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(upload_to="honours/%Y/%m/")


class NominationCheckQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class NominationCheck(models.Model):
    """One level's recorded decision on the checks (open cases, contract, repeat honours): the checker
    decides, with a note; the findings shown to them are kept as they were."""

    nomination = models.ForeignKey(HonourNomination, on_delete=models.CASCADE, related_name="checks")
    union = models.ForeignKey(TradeUnion, verbose_name=_("核查工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    decision = models.CharField(_("核查结论"), max_length=10, choices=CheckDecision.choices)
    note = models.CharField(_("核查说明"), max_length=500, blank=True)
    findings = models.JSONField(default=list)
    checked_by_id = models.BigIntegerField(null=True)
    checked_by_label = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    objects = NominationCheckQuerySet.as_manager()

    class Meta:
        ordering = ["at", "id"]
        constraints = [models.UniqueConstraint(fields=["nomination", "union"], name="honour_one_check_per_level")]

    def __str__(self) -> str:
        return f"{self.nomination_id}@{self.union_id}: {self.decision}"


class NominationPlace(models.Model):
    """A place of a level's quota this nomination holds, so a return or an unselect gives it back."""

    nomination = models.ForeignKey(HonourNomination, on_delete=models.CASCADE, related_name="places")
    quota = models.ForeignKey("honours.CallQuota", on_delete=models.CASCADE, related_name="holders")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["nomination", "quota"], name="honour_one_place_per_level")]

    def __str__(self) -> str:
        return f"{self.nomination_id}@{self.quota_id}"

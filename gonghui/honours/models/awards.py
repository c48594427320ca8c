"""The award on a person's or collective's record, and the 劳模 register with its yearly records."""

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex, stored_index_candidates
from gonghui.core.idnumbers import IdType
from gonghui.core.models import TimeStampedModel
from gonghui.honours.choices import AwardLevel, AwardStatus, Gender, ModelWorkerStatus, NomineeType, RecordKind
from gonghui.orgs.models import PREFIX_OPS, Employer, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class AwardQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Award(TimeStampedModel):
    """An honour conferred. The nominee is copied from the nomination, so an honour from before the
    system (an imported earlier list) reads the same without one."""

    kind = models.ForeignKey("honours.AwardKind", verbose_name=_("荣誉种类"), on_delete=models.PROTECT,
                             related_name="+")
    honour = models.SlugField(max_length=30, editable=False)
    level = models.CharField(_("级别"), max_length=10, choices=AwardLevel.choices, editable=False)
    year = models.PositiveSmallIntegerField(_("年度"))
    call = models.ForeignKey("honours.Call", null=True, blank=True, on_delete=models.PROTECT, related_name="awards")
    nomination = models.OneToOneField("honours.HonourNomination", null=True, blank=True, on_delete=models.PROTECT,
                                      related_name="award")
    # The nominating union: it and every union above see the honour.
    union = models.ForeignKey(TradeUnion, verbose_name=_("推荐工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    nominee_type = models.CharField(_("对象类型"), max_length=10, choices=NomineeType.choices)
    name = models.CharField(_("姓名/集体名称"), max_length=100)
    id_index = models.CharField(max_length=64, blank=True, editable=False)
    id_masked = models.CharField(max_length=24, blank=True, editable=False)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    employer_name = models.CharField(_("工作单位"), max_length=100)
    employer_credit_code = models.CharField(max_length=18, blank=True)
    nominee_key = models.CharField(max_length=200, editable=False)
    # An award keeps no identity number: a rotation recomputes its index from the nomination's, the
    # member's or the register's, found by the old index (so awards go before the register).
    blind_indexes: ClassVar[BlindIndexes] = {
        "id_index": lambda m: _award_index(m),
        "nominee_key": lambda m: f"p:{_award_index(m)}" if m.nominee_key.startswith("p:") and _award_index(m)
        else None,
    }
    blind_index_order = 0
    decision_number = models.CharField(_("表彰决定文号"), max_length=60)
    decided_on = models.DateField(_("表彰决定日期"))
    certificate_number = models.CharField(_("证书编号"), max_length=40, blank=True)
    status = models.CharField(_("状态"), max_length=8, choices=AwardStatus.choices, default=AwardStatus.ACTIVE)
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    revoke_reason = models.CharField(_("撤销原因"), max_length=500, blank=True)

    objects = AwardQuerySet.as_manager()

    class Meta:
        ordering = ["-decided_on", "-id"]
        indexes = [
            models.Index(fields=["nominee_key", "honour", "level"], name="honour_award_nominee"),
            models.Index(fields=["employer", "status"], name="honour_award_employer"),
            models.Index(fields=["org_path", "status"], name="honour_award_subtree",
                         opclasses=[PREFIX_OPS, PREFIX_OPS]),
        ]
        constraints = [models.UniqueConstraint(fields=["kind", "certificate_number"],
                                               condition=~Q(certificate_number=""), name="honour_certificate_unique")]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"


def _award_index(award: Award) -> str | None:
    if not award.id_index:
        return None
    nomination = award.nomination if award.nomination_id is not None else None
    if nomination is not None and nomination.id_number:
        return reindex(nomination.id_type, nomination.id_number)
    if award.member_id is not None and award.member is not None:
        return reindex(award.member.id_type, award.member.id_number)
    entry = ModelWorker.objects.filter(id_index=award.id_index).first()
    return reindex(entry.id_type, entry.id_number) if entry is not None else None


class ModelWorkerQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class ModelWorker(TimeStampedModel):
    """劳模名册: one row per person honoured as 劳动模范/先进工作者 (or another kind that enters the
    register); the title shown is the highest level, then the latest year."""

    id_type = models.CharField(_("证件类型"), max_length=12, choices=IdType.choices, default=IdType.RESIDENT)
    id_number = EncryptedTextField(_("证件号码"))
    id_index = models.CharField(max_length=64, editable=False)
    id_masked = models.CharField(max_length=24, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "id_index": lambda m: reindex(m.id_type, m.id_number),
    }
    name = models.CharField(_("姓名"), max_length=50)
    gender = models.CharField(_("性别"), max_length=1, choices=Gender.choices, blank=True)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    title = models.CharField(_("荣誉称号"), max_length=60)
    level = models.CharField(_("级别"), max_length=10, choices=AwardLevel.choices)
    year = models.PositiveSmallIntegerField(_("获得年度"))
    employer = models.ForeignKey(Employer, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    employer_name = models.CharField(_("现工作单位"), max_length=100, blank=True)
    post = models.CharField(_("现职务/岗位"), max_length=60, blank=True)
    # The union that keeps the person's record (the nominating union of the latest honour).
    union = models.ForeignKey(TradeUnion, verbose_name=_("管理工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    status = models.CharField(_("状态"), max_length=10, choices=ModelWorkerStatus.choices,
                              default=ModelWorkerStatus.ACTIVE)
    in_hardship = models.BooleanField(_("困难劳模"), default=False)
    hardship_file = models.ForeignKey("assistance.HardshipFile", null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="+")
    died_on = models.DateField(_("去世日期"), null=True, blank=True)
    revoked_on = models.DateField(_("撤销日期"), null=True, blank=True)
    status_note = models.CharField(_("说明"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ModelWorkerQuerySet.as_manager()

    def index_candidates(self) -> list[str]:
        """What finds this person in another table by the identity index: the stored index, and while
        the index key rotates the number's index under every key (the other row may lag or lead)."""
        return stored_index_candidates(self.id_index, lambda: f"{self.id_type}:{self.id_number}")

    class Meta:
        ordering = ["name", "id"]
        indexes = [models.Index(fields=["org_path", "status", "level"], name="honour_register_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS, PREFIX_OPS])]
        constraints = [models.UniqueConstraint(fields=["id_index"], name="honour_one_register_entry_per_person")]

    def __str__(self) -> str:
        return f"{self.name}（{self.title}）"


class ModelWorkerRecord(models.Model):
    """A yearly contact or assessment, or a benefit (津贴, 体检, 疗休养) given."""

    model_worker = models.ForeignKey(ModelWorker, on_delete=models.CASCADE, related_name="records")
    kind = models.CharField(_("类别"), max_length=14, choices=RecordKind.choices)
    year = models.PositiveSmallIntegerField(_("年度"))
    on = models.DateField(_("日期"))
    amount = models.DecimalField(_("金额（元）"), max_digits=10, decimal_places=2, null=True, blank=True)
    result = models.CharField(_("结果"), max_length=60, blank=True)
    note = models.CharField(_("说明"), max_length=500, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-on", "-id"]
        indexes = [models.Index(fields=["model_worker", "kind", "year"], name="honour_register_record")]
        constraints = [models.CheckConstraint(condition=Q(amount__isnull=True) | Q(amount__gte=0),
                                              name="honour_record_amount_not_negative")]

    def __str__(self) -> str:
        return f"{self.model_worker_id} {self.kind} {self.year}"

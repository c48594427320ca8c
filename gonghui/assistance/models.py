"""困难职工档案: one file per household, its members, causes, and the rule that classified it.

The worker's and the household's identity numbers and health notes are encrypted, with a blind
index for exact look-ups and a masked copy for lists. The holding union's path is copied onto the
file, so a subtree list is one indexed prefix predicate.
"""

from typing import ClassVar

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.assistance.choices import OPEN_STATUSES, RECHECKED_STATUSES, Cause, HardshipClass, Relation, Status
from gonghui.assistance.record_models import HardshipDataAccess, HardshipDocument, HardshipEvent, HardshipRecheck
from gonghui.assistance.rule_models import AssessmentRule
from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.core.idnumbers import IdType
from gonghui.core.models import TimeStampedModel
from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet

__all__ = ["AssessmentRule", "HardshipDataAccess", "HardshipDocument", "HardshipEvent", "HardshipFile",
           "HardshipFileCause", "HardshipRecheck", "HouseholdMember"]


class HardshipFileQuerySet(ScopedQuerySet):
    scope_field = "org_path"

    def open(self) -> "HardshipFileQuerySet":
        return self.filter(status__in=OPEN_STATUSES)


class HardshipFile(TimeStampedModel):
    number = models.CharField(_("档案编号"), max_length=20, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=Status.choices, default=Status.SURVEYED)

    # The worker: a member of the registry, or a worker not (yet) a member. The identity is copied
    # in both cases, so the one-open-file index holds for everyone and the file reads on its own.
    member = models.ForeignKey("members.Member", verbose_name=_("会员"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="hardship_files")
    worker_name = models.CharField(_("职工姓名"), max_length=50)
    worker_id_type = models.CharField(_("证件类型"), max_length=12, choices=IdType.choices, default=IdType.RESIDENT)
    worker_id_number = EncryptedTextField(_("证件号码"))
    worker_id_index = models.CharField(max_length=64, editable=False)
    worker_id_masked = models.CharField(max_length=24, editable=False)
    worker_phone = EncryptedTextField(_("手机号码"), blank=True, default="")
    worker_phone_index = models.CharField(max_length=64, blank=True, editable=False)
    worker_phone_masked = models.CharField(max_length=16, blank=True, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "worker_id_index": lambda m: reindex(m.worker_id_type, m.worker_id_number),
        "worker_phone_index": lambda m: reindex(m.worker_phone),
    }
    employer_name = models.CharField(_("工作单位"), max_length=100, blank=True)
    address = models.CharField(_("家庭住址"), max_length=200, blank=True)
    survey_note = models.CharField(_("摸底情况"), max_length=500, blank=True)

    union = models.ForeignKey(TradeUnion, verbose_name=_("建档工会"), on_delete=models.PROTECT,
                              related_name="hardship_files")
    org_path = models.CharField(max_length=255, editable=False)
    # Where the household lives: the area whose minimum-living line applies.
    adcode = models.CharField(_("所在地区代码"), max_length=6)

    # Computed from the household by the services and stored, never typed in.
    household_size = models.PositiveSmallIntegerField(_("家庭人口"), default=0)
    household_income = models.DecimalField(_("家庭年收入（元）"), max_digits=12, decimal_places=2, default=0)
    rigid_expenses = models.DecimalField(_("刚性支出（元/年）"), max_digits=12, decimal_places=2, default=0)
    income_per_head = models.DecimalField(_("家庭月人均收入（元）"), max_digits=10, decimal_places=2, default=0)

    # The latest assessment of the household under the rule in force, recomputed on every edit.
    suggested_class = models.CharField(_("测算类别"), max_length=10, choices=HardshipClass.choices, blank=True)
    suggested_rule = models.ForeignKey(AssessmentRule, null=True, blank=True, on_delete=models.PROTECT,
                                       related_name="+")
    assessment_reasons = models.JSONField(default=list, blank=True)
    # The class of record, set at approval (and changed only by a re-check that says so), with the
    # rule version that gave it: a new rule version never reclassifies a file behind anyone's back.
    hardship_class = models.CharField(_("困难类别"), max_length=10, choices=HardshipClass.choices, blank=True)
    rule = models.ForeignKey(AssessmentRule, verbose_name=_("认定标准版本"), null=True, blank=True,
                             on_delete=models.PROTECT, related_name="classified_files")

    # PIPL art. 29: health and disability are sensitive personal information and need the
    # household's separate consent, recorded with the version of the text they agreed to.
    consent_signer = models.CharField(_("同意人"), max_length=50, blank=True)
    consent_at = models.DateTimeField(_("同意时间"), null=True, blank=True)
    consent_text_version = models.CharField(_("同意书版本"), max_length=20, blank=True)
    consent_recorded_by = models.CharField(max_length=150, blank=True)

    surveyed_at = models.DateTimeField(_("摸底时间"))
    applied_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by_id = models.BigIntegerField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    filed_at = models.DateTimeField(_("建档时间"), null=True, blank=True)
    aided_at = models.DateTimeField(null=True, blank=True)
    last_recheck_at = models.DateTimeField(null=True, blank=True)
    next_recheck_on = models.DateField(_("下次回头看日期"), null=True, blank=True)
    recheck_overdue = models.BooleanField(_("回头看已逾期"), default=False)
    exited_at = models.DateTimeField(_("解困脱困时间"), null=True, blank=True)
    exit_reason = models.CharField(_("解困脱困原因"), max_length=20, blank=True)
    exit_note = models.CharField(_("解困脱困说明"), max_length=500, blank=True)
    watch_until = models.DateField(_("监测截止日期"), null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    rejected_at = models.DateTimeField(null=True, blank=True)
    reject_reason = models.CharField(_("不通过原因"), max_length=500, blank=True)

    # A household that falls back (返困) re-enters on a new file linked to the one it left, so the
    # earlier file keeps its exit, class and rule version exactly as reported at the time.
    previous_file = models.ForeignKey("self", verbose_name=_("原档案"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="later_files")
    is_relapse = models.BooleanField(_("返困"), default=False)
    version = models.PositiveIntegerField(default=1)
    # Set by the retention sweep years after the watch ended: the file stays for the statistics with
    # its identities, texts and documents removed, and leaves the working lists (assistance.retention).
    archived_at = models.DateTimeField(_("数据归档时间"), null=True, blank=True)

    objects = HardshipFileQuerySet.as_manager()

    class Meta:
        ordering = ["-surveyed_at", "-id"]
        # Paths by prefix, blind indexes by equality (docs/decisions.md, no twins).
        indexes = [
            models.Index(fields=["org_path", "status"], name="hardship_subtree_status",
                         opclasses=[PREFIX_OPS, PREFIX_OPS]),
            models.Index(fields=["worker_id_index"], name="hardship_worker_id"),
            models.Index(fields=["worker_phone_index"], name="hardship_worker_phone"),
            # The re-check sweep reads only files that are due and still followed up.
            models.Index(fields=["next_recheck_on"], condition=Q(status__in=RECHECKED_STATUSES),
                         name="hardship_recheck_due"),
            # The retention sweep's question: files past 监测期满 not yet archived, by when the watch ended.
            models.Index(fields=["closed_at"], condition=Q(status=Status.CLOSED, archived_at__isnull=True),
                         name="hardship_closed_unarchived"),
        ]
        constraints = [
            # One person, one open file, in the whole deployment, whatever races happen.
            models.UniqueConstraint(fields=["worker_id_index"], condition=Q(status__in=OPEN_STATUSES),
                                    name="hardship_one_open_file_per_person"),
            models.UniqueConstraint(fields=["number"], condition=~Q(number=""), name="hardship_number_unique"),
            models.CheckConstraint(condition=Q(household_income__gte=0, rigid_expenses__gte=0,
                                               income_per_head__gte=0), name="hardship_amounts_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.worker_name}（{self.worker_id_masked}）"

    @property
    def has_consent(self) -> bool:
        return self.consent_at is not None


class HouseholdMember(models.Model):
    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="household")
    relation = models.CharField(_("与职工关系"), max_length=14, choices=Relation.choices)
    name = models.CharField(_("姓名"), max_length=50)
    id_type = models.CharField(_("证件类型"), max_length=12, choices=IdType.choices, default=IdType.RESIDENT)
    id_number = EncryptedTextField(_("证件号码"), blank=True, default="")
    id_index = models.CharField(max_length=64, blank=True, editable=False)
    id_masked = models.CharField(max_length=24, blank=True, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "id_index": lambda m: reindex(m.id_type, m.id_number),
    }
    annual_income = models.DecimalField(_("年收入（元）"), max_digits=12, decimal_places=2, default=0)
    # Sensitive (PIPL art. 28): stored only with the household's consent, encrypted at rest.
    health_notes = EncryptedTextField(_("健康或残疾情况"), blank=True, default="")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]
        indexes = [models.Index(fields=["id_index"], name="household_member_id")]
        constraints = [models.CheckConstraint(condition=Q(annual_income__gte=0),
                                              name="household_income_not_negative")]

    def __str__(self) -> str:
        return f"{self.name}（{self.get_relation_display()}）"


class HardshipFileCause(models.Model):
    """致困原因: a household may have several; a row each, so lists and figures filter by cause."""

    # The unique (file, cause) index serves look-ups by file; no separate one.
    file = models.ForeignKey(HardshipFile, on_delete=models.CASCADE, related_name="causes", db_index=False)
    cause = models.CharField(_("致困原因"), max_length=14, choices=Cause.choices)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["file", "cause"], name="hardship_cause_once_per_file")]
        indexes = [models.Index(fields=["cause", "file"], name="hardship_cause_files")]

    def __str__(self) -> str:
        return self.get_cause_display()

"""集体合同: the contract, its kinds and the codebook its key terms are coded against.

The union side's path is copied onto the contract, and each covered employer's path onto its
coverage row, so a subtree list or figure is one indexed prefix predicate. Every deadline (the
answer to an offer, the filing, the end of the review, the next expiry reminder) is a stored,
partially indexed date the sweep reads.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import IN_FORCE, Reach, Side, Status, ValueType
from gonghui.contracts.record_models import (
    ContractAttachment,
    ContractCase,
    ContractEvent,
    ContractVote,
    Coverage,
    EmployerCoverage,
    KeyTerm,
    Meeting,
    Negotiator,
    SupervisionCheck,
)
from gonghui.core.models import TimeStampedModel
from gonghui.orgs.models import PREFIX_OPS, Employer, Region, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet

__all__ = ["CollectiveContract", "ContractAttachment", "ContractCase", "ContractEvent", "ContractKind", "ContractVote",
           "Coverage", "EmployerCoverage", "KeyTerm", "Meeting", "MinimumWage", "Negotiator", "SupervisionCheck",
           "TermTopic", "TermVariable"]


class ContractKind(models.Model):
    """综合性 and the 专项 kinds; an administrator adds more. `code` is what figures and seeds name."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    # The kind whose agreed increase feeds the average wage increase and the "no wage contract" list.
    is_wage = models.BooleanField(_("工资专项"), default=False)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("合同种类")

    def __str__(self) -> str:
        return self.name


class TermTopic(models.Model):
    """A chapter of the codebook: wages, hours, rest, insurance and welfare, women, safety."""

    code = models.SlugField(_("代码"), max_length=30, unique=True)
    name = models.CharField(_("名称"), max_length=40)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self) -> str:
        return self.name


class TermVariable(models.Model):
    """One codable clause (`wages.increase_rate`), so contracts compare term by term."""

    code = models.CharField(_("代码"), max_length=60, unique=True)
    topic = models.ForeignKey(TermTopic, on_delete=models.PROTECT, related_name="variables")
    name = models.CharField(_("名称"), max_length=60)
    unit = models.CharField(_("单位"), max_length=20, blank=True)
    value_type = models.CharField(_("取值类型"), max_length=8, choices=ValueType.choices, default=ValueType.NUMBER)
    plain_words = models.CharField(_("通俗说明"), max_length=200, blank=True)
    order = models.PositiveSmallIntegerField(default=100)

    class Meta:
        ordering = ["topic__order", "order", "id"]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"


class MinimumWage(models.Model):
    """The local monthly minimum wage from a date, with the notice it comes from."""

    region = models.ForeignKey(Region, verbose_name=_("行政区划"), on_delete=models.PROTECT, related_name="+")
    monthly = models.DecimalField(_("月最低工资标准（元）"), max_digits=8, decimal_places=2)
    hourly = models.DecimalField(_("小时最低工资标准（元）"), max_digits=6, decimal_places=2, null=True, blank=True)
    effective_from = models.DateField(_("执行日期"))
    source = models.CharField(_("依据文件"), max_length=200)

    class Meta:
        ordering = ["region_id", "-effective_from"]
        constraints = [
            models.UniqueConstraint(fields=["region", "effective_from"], name="one_minimum_wage_per_region_day"),
            models.CheckConstraint(condition=Q(monthly__gt=0), name="minimum_wage_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.region_id} {self.monthly} ({self.effective_from})"


class ContractQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class CollectiveContract(TimeStampedModel):
    title = models.CharField(_("合同名称"), max_length=100)
    kind = models.ForeignKey(ContractKind, verbose_name=_("合同种类"), on_delete=models.PROTECT, related_name="+")
    reach = models.CharField(_("覆盖范围"), max_length=10, choices=Reach.choices, default=Reach.EMPLOYER)
    status = models.CharField(_("状态"), max_length=12, choices=Status.choices, default=Status.OFFERED)
    union = models.ForeignKey(TradeUnion, verbose_name=_("职工方（工会）"), on_delete=models.PROTECT,
                              related_name="collective_contracts")
    org_path = models.CharField(max_length=255, editable=False)
    # 单位 contracts only; a 区域性/行业性 contract lists its employers in the coverage rows.
    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), null=True, blank=True,
                                 on_delete=models.PROTECT, related_name="+")
    employer_side = models.CharField(_("用人单位方"), max_length=100)

    offered_by = models.CharField(_("要约方"), max_length=10, choices=Side.choices)
    offer_text = models.TextField(_("要约内容"), blank=True)
    offer_received_on = models.DateField(_("要约送达日期"))
    answer_due = models.DateField(_("回应期限"))
    answered_on = models.DateField(_("回应日期"), null=True, blank=True)

    start_on = models.DateField(_("期限开始"), null=True, blank=True)
    end_on = models.DateField(_("期限届满"), null=True, blank=True)
    text = models.TextField(_("合同文本"), blank=True)
    workers_covered = models.PositiveIntegerField(_("覆盖职工人数"), default=0)

    signed_on = models.DateField(_("签订日期"), null=True, blank=True)
    filing_due = models.DateField(_("报送期限"), null=True, blank=True)
    filed_on = models.DateField(_("人社部门收到日期"), null=True, blank=True)
    filed_late = models.BooleanField(_("逾期报送"), default=False)
    review_ends_on = models.DateField(_("审查期限"), null=True, blank=True)
    takes_effect_on = models.DateField(_("无异议生效日期"), null=True, blank=True)
    effective_on = models.DateField(_("生效日期"), null=True, blank=True)
    published_on = models.DateField(_("公布日期"), null=True, blank=True)
    next_reminder_on = models.DateField(_("下次到期提醒"), null=True, blank=True)
    ended_on = models.DateField(_("终止日期"), null=True, blank=True)
    end_reason = models.CharField(_("终止原因"), max_length=500, blank=True)
    objection = models.CharField(_("审查意见"), max_length=1000, blank=True)
    # A period counted over a year the holiday calendar has no data for: a person checks the date.
    needs_review = models.BooleanField(_("时限待核"), default=False)

    renewed_from = models.ForeignKey("self", verbose_name=_("续签自"), null=True, blank=True,
                                     on_delete=models.PROTECT, related_name="renewals")
    version = models.PositiveIntegerField(default=1)

    objects = ContractQuerySet.as_manager()

    class Meta:
        ordering = ["-offer_received_on", "-id"]
        indexes = [
            models.Index(fields=["org_path", "status"], name="contract_subtree_status",
                         opclasses=[PREFIX_OPS, PREFIX_OPS]),
            # The sweep's questions, each over the only status it concerns.
            models.Index(fields=["answer_due"], condition=Q(status=Status.OFFERED), name="contract_answer_due"),
            models.Index(fields=["filing_due"], condition=Q(status=Status.SIGNED), name="contract_filing_due"),
            models.Index(fields=["takes_effect_on"], condition=Q(status=Status.FILED),
                         name="contract_takes_effect"),
            models.Index(fields=["next_reminder_on"], condition=Q(status__in=IN_FORCE),
                         name="contract_next_reminder"),
            models.Index(fields=["end_on"], condition=Q(status__in=IN_FORCE), name="contract_in_force_end"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(end_on__isnull=True) | Q(start_on__isnull=True)
                                   | Q(end_on__gt=models.F("start_on")), name="contract_term_forwards"),
            models.CheckConstraint(condition=~Q(reach=Reach.EMPLOYER) | Q(employer__isnull=False),
                                   name="contract_employer_reach_names_employer"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def in_force(self) -> bool:
        return self.status in IN_FORCE

"""Aid programmes (帮扶项目), their yearly campaigns, disbursement batches (发放批次) and grants.

Money is in 元 as Decimal, goods valued in 元 beside the cash. A programme's budget is guarded in
the database: what is committed never exceeds the budget, and what is paid never exceeds what is
committed (check constraints), so a race lost between two approvals fails instead of overspending.

A grant holds its recipient's place in the programme's cycle: the same person (blind index of the
identity number, or of the phone when no number is known) and, where the programme says so, the
same household cannot hold two places in one cycle of one programme, in any union of the
deployment (partial unique constraints, the final guard behind the services' bulk check).
"""

from typing import Any, ClassVar

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import (
    HOLDING,
    BatchStatus,
    Cycle,
    FundSource,
    GrantStatus,
    ProgrammeKind,
    RecipientGroup,
)
from gonghui.core.crypto import BlindIndexes, EncryptedTextField, blind_index_candidates, reindex
from gonghui.core.idnumbers import IdType
from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


def money(label: Any = None, *, editable: bool = True) -> "models.DecimalField[Any, Any]":
    """元 to the fen, up to a trillion."""
    return models.DecimalField(label, max_digits=14, decimal_places=2, default=0, editable=editable)


class AidProgrammeQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class AidProgramme(models.Model):
    kind = models.CharField(_("项目类别"), max_length=20, choices=ProgrammeKind.choices)
    name = models.CharField(_("项目名称"), max_length=100)
    union = models.ForeignKey(TradeUnion, verbose_name=_("主办工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    fund_source = models.CharField(_("资金来源"), max_length=20, choices=FundSource.choices)
    cycle = models.CharField(_("周期"), max_length=10, choices=Cycle.choices, default=Cycle.YEARLY)
    # Eligibility: the registry's classes a batch may select (empty: any filed household), and
    # whether workers outside the union (no membership) may receive it.
    hardship_classes = models.JSONField(_("困难类别"), default=list, blank=True)
    members_only = models.BooleanField(_("仅限会员"), default=True)
    once_per_household = models.BooleanField(_("每户限一次"), default=True)
    standard_amount = money(_("标准金额（元）"))
    standard_goods_value = money(_("标准物资折价（元）"))
    budget = money(_("预算（元）"))
    # Kept by the services under a row lock: approved amounts still owed or paid, and paid ones.
    committed = money(_("已承诺（元）"), editable=False)
    paid = money(_("已发放（元）"), editable=False)
    is_active = models.BooleanField(_("启用"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = AidProgrammeQuerySet.as_manager()

    class Meta:
        ordering = ["org_path", "kind", "name"]
        indexes = [models.Index(fields=["org_path"], name="aid_programme_subtree", opclasses=[PREFIX_OPS])]
        constraints = [
            models.CheckConstraint(condition=Q(committed__lte=F("budget")), name="aid_programme_within_budget"),
            models.CheckConstraint(condition=Q(paid__lte=F("committed")), name="aid_programme_paid_committed"),
            models.CheckConstraint(condition=Q(paid__gte=0, committed__gte=0, budget__gte=0),
                                   name="aid_programme_money_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def dedup_key(self) -> str:
        # "The same programme" across unions: a county's 送温暖 and the province's are one
        # programme for the person who would receive both; a custom programme is only itself.
        return f"custom:{self.pk}" if self.kind == ProgrammeKind.CUSTOM else str(self.kind)

    @property
    def available(self):  # type: ignore[no-untyped-def]
        return self.budget - self.committed


class AidCampaignQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class AidCampaign(models.Model):
    """A programme's run: 2026年送温暖, or one period of a programme whose cycle is the campaign."""

    programme = models.ForeignKey(AidProgramme, on_delete=models.PROTECT, related_name="campaigns")
    org_path = models.CharField(max_length=255, editable=False)
    name = models.CharField(_("活动名称"), max_length=100)
    year = models.PositiveSmallIntegerField(_("年度"))
    period = models.CharField(_("期次"), max_length=20, blank=True)  # e.g. 春节, 中秋 for a per-campaign cycle
    starts_on = models.DateField(_("开始日期"))
    ends_on = models.DateField(_("结束日期"))
    created_at = models.DateTimeField(auto_now_add=True)

    objects = AidCampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "programme_id", "period"]
        indexes = [models.Index(fields=["org_path"], name="aid_campaign_subtree", opclasses=[PREFIX_OPS])]
        constraints = [
            models.UniqueConstraint(fields=["programme", "year", "period"], name="aid_campaign_once_per_period"),
            models.CheckConstraint(condition=Q(ends_on__gte=F("starts_on")), name="aid_campaign_dates_ordered"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def cycle_key(self) -> str:
        if self.programme.cycle == Cycle.CAMPAIGN:
            return f"{self.year}/{self.period}"
        return str(self.year)


class AidBatchQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class AidBatch(models.Model):
    campaign = models.ForeignKey(AidCampaign, on_delete=models.PROTECT, related_name="batches")
    programme = models.ForeignKey(AidProgramme, on_delete=models.PROTECT, related_name="batches")
    # The union that prepares and pays the batch: the programme's union or one below it.
    union = models.ForeignKey(TradeUnion, verbose_name=_("发放工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("批次名称"), max_length=100)
    status = models.CharField(_("状态"), max_length=12, choices=BatchStatus.choices, default=BatchStatus.DRAFT)
    granted_on = models.DateField(_("发放日期"))
    prepared_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("经办人"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT,
                                    related_name="+", verbose_name=_("审批人"))
    submitted_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.CharField(_("作废原因"), max_length=200, blank=True)
    # The approved amount still counted in the programme's commitment (released on failure or cancel).
    committed = money(editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1)

    objects = AidBatchQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["org_path", "status"], name="aid_batch_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS])]
        constraints = [models.CheckConstraint(condition=Q(committed__gte=0), name="aid_batch_committed_positive")]

    def __str__(self) -> str:
        return self.title


class AidBatchEvent(models.Model):
    batch = models.ForeignKey(AidBatch, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=500, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    at = models.DateTimeField()

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.batch_id} {self.action}"


class AidGrantQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class AidGrant(models.Model):
    # Found through the (batch, status) index; every other index is paid by each row of a 100,000
    # row selection, so the copies below (counted and guarded without a join) carry none.
    batch = models.ForeignKey(AidBatch, on_delete=models.PROTECT, related_name="grants", db_index=False)
    programme = models.ForeignKey(AidProgramme, on_delete=models.PROTECT, related_name="+", db_index=False)
    campaign = models.ForeignKey(AidCampaign, on_delete=models.PROTECT, related_name="+", db_index=False)
    union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="+", db_index=False)
    org_path = models.CharField(max_length=255, editable=False)
    dedup_key = models.CharField(max_length=40, editable=False)
    cycle_key = models.CharField(max_length=30, editable=False)

    # The recipient: a household of the hardship registry, or a worker outside it.
    hardship_file = models.ForeignKey("assistance.HardshipFile", verbose_name=_("困难职工档案"), null=True,
                                      blank=True, on_delete=models.PROTECT, related_name="aid_grants")
    group = models.CharField(_("对象类别"), max_length=16, choices=RecipientGroup.choices)
    is_member = models.BooleanField(_("是否会员"))
    name = models.CharField(_("姓名"), max_length=50)
    id_number = EncryptedTextField(_("证件号码"), blank=True, default="")  # when not held in the registry
    id_masked = models.CharField(max_length=24, blank=True)
    phone = EncryptedTextField(_("手机号码"), blank=True, default="")
    phone_masked = models.CharField(max_length=16, blank=True)
    person_index = models.CharField(max_length=70, editable=False)  # "id:<blind index>" or "phone:<blind index>"
    household_key = models.CharField(max_length=70, editable=False)
    household_once = models.BooleanField(default=True, editable=False)
    # The keys hold blind indexes; a rotation recomputes them from the grant's own identity number or
    # phone or from its household's file, found by the old index (so grants go before the files).
    blind_indexes: ClassVar[BlindIndexes] = {
        "person_index": lambda g: _person_key(g),
        "household_key": lambda g: _household_key(g),
    }
    blind_index_order = 0
    # 金秋助学: who studies where.
    student_name = models.CharField(_("学生姓名"), max_length=50, blank=True)
    school = models.CharField(_("学校"), max_length=100, blank=True)
    grade = models.CharField(_("年级"), max_length=30, blank=True)

    cash = money(_("现金（元）"))
    goods_value = money(_("物资折价（元）"))
    goods = models.CharField(_("物资"), max_length=100, blank=True)
    fund_source = models.CharField(_("资金来源"), max_length=20, choices=FundSource.choices)
    payee_name = models.CharField(_("户名"), max_length=50, blank=True)
    payee_account = EncryptedTextField(_("银行账号"), blank=True, default="")
    payee_account_masked = models.CharField(max_length=40, blank=True)
    granted_on = models.DateField(_("发放日期"))
    status = models.CharField(_("状态"), max_length=10, choices=GrantStatus.choices, default=GrantStatus.PENDING)
    failure_reason = models.CharField(_("失败原因"), max_length=200, blank=True)
    paid_on = models.DateField(_("到账日期"), null=True, blank=True)
    created_at = models.DateTimeField()

    objects = AidGrantQuerySet.as_manager()

    class Meta:
        ordering = ["batch_id", "id"]
        indexes = [
            models.Index(fields=["org_path", "granted_on"], name="aid_grant_subtree",
                         opclasses=[PREFIX_OPS, "date_ops"]),
            models.Index(fields=["batch", "status"], name="aid_grant_batch_status"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["dedup_key", "cycle_key", "person_index"], condition=Q(status__in=HOLDING),
                                    name="aid_grant_once_per_person"),
            models.UniqueConstraint(fields=["dedup_key", "cycle_key", "household_key"],
                                    condition=Q(status__in=HOLDING, household_once=True),
                                    name="aid_grant_once_per_household"),
            models.CheckConstraint(condition=Q(cash__gte=0, goods_value__gte=0), name="aid_grant_money_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.pk}）"

    @property
    def amount(self):  # type: ignore[no-untyped-def]
        return self.cash + self.goods_value


def _person_key(grant: AidGrant) -> str | None:
    file = grant.hardship_file if grant.hardship_file_id is not None else None
    if file is not None:
        # An archived file (the retention sweep) keeps no number: the stored key is left as it is.
        index = reindex(file.worker_id_type, file.worker_id_number)
        return f"id:{index}" if index else None
    kind, _, old = grant.person_index.partition(":")
    if kind == "phone" and grant.phone:
        return f"phone:{reindex(grant.phone)}"
    if kind == "id" and grant.id_number:
        # The document type is not kept on a grant: the one whose index under some key is the stored one.
        for id_type in IdType.values:
            if old in blind_index_candidates(f"{id_type}:{grant.id_number}"):
                return f"id:{reindex(id_type, grant.id_number)}"
    return None


def _household_key(grant: AidGrant) -> str | None:
    if grant.hardship_file_id is not None:
        person = _person_key(grant)
        return f"hh:{person.removeprefix('id:')}" if person is not None else None
    if grant.household_key == grant.person_index:
        return _person_key(grant)
    from gonghui.assistance.models import HardshipFile

    file = HardshipFile.objects.filter(worker_id_index=grant.household_key.removeprefix("hh:")).first()
    index = reindex(file.worker_id_type, file.worker_id_number) if file is not None else None
    return f"hh:{index}" if index else None

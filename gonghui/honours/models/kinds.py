"""Award kinds and the 评选通知 (call) with its rules and quotas, as data."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.honours.choices import Action, AwardLevel, CallStatus, NomineeType
from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class AwardKind(models.Model):
    """One honour at one level (省五一劳动奖章). `honour` names the honour across levels, so "the same
    honour of the same level within N years" is a match on (honour, level)."""

    code = models.SlugField(_("代码"), max_length=40, unique=True)
    name = models.CharField(_("名称"), max_length=60, unique=True)
    honour = models.SlugField(_("荣誉"), max_length=30)
    level = models.CharField(_("级别"), max_length=10, choices=AwardLevel.choices)
    nominee_type = models.CharField(_("推荐对象"), max_length=10, choices=NomineeType.choices)
    enters_register = models.BooleanField(_("纳入劳模名册"), default=False)
    # Not the same honour of the same level again within this many years (0: no rule).
    repeat_years = models.PositiveSmallIntegerField(_("同级同类荣誉间隔年限"), default=0)
    order = models.PositiveSmallIntegerField(default=100)
    is_active = models.BooleanField(_("启用"), default=True)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("荣誉种类")

    def __str__(self) -> str:
        return self.name


class CallQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Call(models.Model):
    """评选通知: issued by a union for one kind and year, with its rules as data."""

    union = models.ForeignKey(TradeUnion, verbose_name=_("发文工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    kind = models.ForeignKey(AwardKind, verbose_name=_("荣誉种类"), on_delete=models.PROTECT, related_name="calls")
    year = models.PositiveSmallIntegerField(_("年度"))
    title = models.CharField(_("通知标题"), max_length=120)
    document_number = models.CharField(_("文号"), max_length=60, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=CallStatus.choices, default=CallStatus.OPEN)
    nominations_due = models.DateField(_("推荐截止日期"))
    reviews_due = models.DateField(_("审核上报截止日期"))
    places = models.PositiveIntegerField(_("表彰名额"), null=True, blank=True)
    front_line_min_pct = models.PositiveSmallIntegerField(_("一线职工和专业技术人员最低比例（%）"), default=0)
    women_min_pct = models.PositiveSmallIntegerField(_("女性最低比例（%）"), default=0)
    excluded_ranks = models.JSONField(_("不得推荐的职级"), default=list, blank=True)
    notice_working_days = models.PositiveSmallIntegerField(_("公示期（工作日）"), default=5)
    rules_note = models.TextField(_("其他评选条件"), blank=True)
    issued_at = models.DateTimeField(default=timezone.now)
    version = models.PositiveIntegerField(default=1)

    objects = CallQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-issued_at", "-id"]
        indexes = [models.Index(fields=["org_path", "status"], name="honour_call_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS])]
        constraints = [
            models.CheckConstraint(condition=Q(front_line_min_pct__lte=100) & Q(women_min_pct__lte=100),
                                   name="honour_call_shares_are_percentages"),
            models.CheckConstraint(condition=Q(reviews_due__gte=models.F("nominations_due")),
                                   name="honour_call_reviews_after_nominations"),
        ]

    def __str__(self) -> str:
        return self.title


class CallQuotaQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class CallQuota(models.Model):
    """How many nominees a subordinate union may pass up; `used` counts those it has passed, taken
    under a row lock so two cadres cannot both use the last place."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="quotas")
    union = models.ForeignKey(TradeUnion, verbose_name=_("工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    places = models.PositiveIntegerField(_("名额"))
    used = models.PositiveIntegerField(_("已用名额"), default=0)

    objects = CallQuotaQuerySet.as_manager()

    class Meta:
        ordering = ["org_path"]
        constraints = [
            models.UniqueConstraint(fields=["call", "union"], name="honour_one_quota_per_union"),
            models.CheckConstraint(condition=Q(used__lte=models.F("places")), name="honour_quota_not_overused"),
        ]

    def __str__(self) -> str:
        return f"{self.union_id}: {self.used}/{self.places}"

    @property
    def left(self) -> int:
        return self.places - self.used


class HonourEvent(models.Model):
    """The timeline of a call and its nominations: every action, with the status it changed."""

    call = models.ForeignKey(Call, on_delete=models.CASCADE, related_name="events")
    nomination = models.ForeignKey("honours.HonourNomination", null=True, blank=True, on_delete=models.CASCADE,
                                   related_name="events")
    union = models.ForeignKey(TradeUnion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=12, choices=Action.choices)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["call", "at"]), models.Index(fields=["nomination", "at"])]

    def __str__(self) -> str:
        return f"{self.call_id} {self.action}"

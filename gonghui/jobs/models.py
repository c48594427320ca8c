"""就业服务: employers' postings, 招聘会 with the employers and postings they bring, and workers'
applications, which reach an employer only with the worker's consent.

A posting, its events and its applications are scoped by the employer's union (`org_path`, copied
like every other app's); a job fair by its organiser union. The contact phone is encrypted with a
blind index and a masked copy, as the member registry keeps phones."""

from typing import ClassVar

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import BlindIndexes, EncryptedTextField, reindex
from gonghui.core.models import TimeStampedModel
from gonghui.jobs.choices import ApplicationStatus, FairMode, FairStatus, PostingSource, PostingStatus
from gonghui.orgs.models import PREFIX_OPS, Employer, Region, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet


class JobPartnerQuerySet(ScopedQuerySet):
    scope_field = "employer__org_path"


class JobPartner(models.Model):
    """A verification partner allowed to submit postings for one employer (docs/decisions.md)."""

    partner = models.ForeignKey("members.Partner", on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+")
    is_active = models.BooleanField(default=True)
    granted_by = models.CharField(max_length=150)
    granted_at = models.DateTimeField(default=timezone.now)

    objects = JobPartnerQuerySet.as_manager()

    class Meta:
        constraints = [models.UniqueConstraint(fields=["partner", "employer"], name="jobs_one_grant_per_employer")]

    def __str__(self) -> str:
        return f"{self.partner_id} → {self.employer_id}"


class JobPostingQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class JobPosting(TimeStampedModel):
    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+")
    # The employer's union reviews and publishes; it and every union above see the posting.
    org_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("岗位名称"), max_length=60)
    places = models.PositiveIntegerField(_("招聘人数"))
    pay_min = models.PositiveIntegerField(_("月薪下限（元）"))
    pay_max = models.PositiveIntegerField(_("月薪上限（元）"))
    requirements = models.TextField(_("岗位要求"), max_length=2000, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("工作地点（行政区划）"), on_delete=models.PROTECT,
                               related_name="+")
    address = models.CharField(_("详细地址"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50)
    contact_phone = EncryptedTextField(_("联系电话"))
    contact_phone_index = models.CharField(max_length=64, editable=False)
    contact_phone_masked = models.CharField(max_length=16, editable=False)
    # How a key rotation recomputes the blind indexes (gonghui.core.key_rotation).
    blind_indexes: ClassVar[BlindIndexes] = {
        "contact_phone_index": lambda m: reindex(m.contact_phone),
    }
    source = models.CharField(_("来源"), max_length=8, choices=PostingSource.choices)
    partner = models.ForeignKey("members.Partner", null=True, blank=True, on_delete=models.PROTECT,
                                related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=PostingStatus.choices)
    expires_on = models.DateField(_("有效期至"))
    published_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("审核意见"), max_length=500, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = JobPostingQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [
            models.Index(fields=["org_path", "status"], name="jobs_posting_subtree",
                         opclasses=[PREFIX_OPS, PREFIX_OPS]),
            models.Index(fields=["status", "expires_on"], name="jobs_posting_expiry"),
            models.Index(fields=["region", "status"], name="jobs_posting_region"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(pay_min__lte=F("pay_max")), name="jobs_pay_range_ordered"),
            models.CheckConstraint(condition=Q(places__gte=1), name="jobs_places_at_least_one"),
        ]

    def __str__(self) -> str:
        return self.title


class JobEvent(models.Model):
    """The timeline of a posting: every action with the status it changed."""

    posting = models.ForeignKey(JobPosting, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10)
    old_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=500, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["posting", "at"], name="jobs_event_posting")]

    def __str__(self) -> str:
        return f"{self.posting_id} {self.action}"


class JobFairQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class JobFair(TimeStampedModel):
    union = models.ForeignKey(TradeUnion, verbose_name=_("主办工会"), on_delete=models.PROTECT, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    title = models.CharField(_("招聘会名称"), max_length=100)
    mode = models.CharField(_("形式"), max_length=8, choices=FairMode.choices)
    held_on = models.DateField(_("举办日期"))
    region = models.ForeignKey(Region, verbose_name=_("举办地（行政区划）"), null=True, blank=True,
                               on_delete=models.PROTECT, related_name="+")
    # On site: the venue; online: the platform where it is held.
    place = models.CharField(_("举办地点/平台"), max_length=200)
    status = models.CharField(_("状态"), max_length=10, choices=FairStatus.choices, default=FairStatus.PLANNED)
    visitors = models.PositiveIntegerField(_("入场求职人数"), default=0)
    intentions = models.PositiveIntegerField(_("达成就业意向人数"), default=0)
    employers = models.ManyToManyField(Employer, through="jobs.FairEmployer", related_name="+")
    postings = models.ManyToManyField(JobPosting, through="jobs.FairPosting", related_name="fairs")

    objects = JobFairQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="jobs_fair_subtree",
                                opclasses=[PREFIX_OPS, "date_ops"])]

    def __str__(self) -> str:
        return self.title


class FairEmployer(models.Model):
    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="taking_part")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+")
    booth = models.CharField(_("展位号"), max_length=20, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["fair", "employer"], name="jobs_fair_employer_once")]

    def __str__(self) -> str:
        return f"{self.fair_id} {self.employer_id}"


class FairPosting(models.Model):
    fair = models.ForeignKey(JobFair, on_delete=models.CASCADE, related_name="brought")
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [models.UniqueConstraint(fields=["fair", "posting"], name="jobs_fair_posting_once")]

    def __str__(self) -> str:
        return f"{self.fair_id} {self.posting_id}"


class JobApplicationQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class JobApplication(TimeStampedModel):
    posting = models.ForeignKey(JobPosting, on_delete=models.PROTECT, related_name="applications")
    member = models.ForeignKey("members.Member", on_delete=models.PROTECT, related_name="+")
    # The posting's path: the union that reviews the posting follows its applications.
    org_path = models.CharField(max_length=255, editable=False)
    skills = models.CharField(_("技能特长"), max_length=200, blank=True)
    experience = models.CharField(_("工作经历"), max_length=500, blank=True)
    expected_pay = models.PositiveIntegerField(_("期望月薪（元）"), null=True, blank=True)
    desired_region = models.ForeignKey(Region, verbose_name=_("期望工作地区"), null=True, blank=True,
                                       on_delete=models.PROTECT, related_name="+")
    # The application reaches the employer only from this moment.
    consent_at = models.DateTimeField(_("同意向用人单位提供信息的时间"), null=True, blank=True)
    # Flagged from the hardship registry only with this consent; the reason is never kept here.
    priority_consent_at = models.DateTimeField(null=True, blank=True)
    priority = models.BooleanField(_("优先推荐"), default=False)
    status = models.CharField(_("状态"), max_length=12, choices=ApplicationStatus.choices)
    recommended_by = models.ForeignKey(TradeUnion, null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    recommended_at = models.DateTimeField(null=True, blank=True)
    fair = models.ForeignKey(JobFair, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    version = models.PositiveIntegerField(default=1)

    objects = JobApplicationQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["org_path", "status"], name="jobs_app_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS])]
        constraints = [
            models.UniqueConstraint(fields=["posting", "member"], name="jobs_one_application_per_posting"),
            models.CheckConstraint(condition=Q(priority=False) | Q(priority_consent_at__isnull=False),
                                   name="jobs_priority_needs_consent"),
        ]

    def __str__(self) -> str:
        return f"{self.posting_id} {self.member_id}"

    @property
    def consented(self) -> bool:
        return self.consent_at is not None

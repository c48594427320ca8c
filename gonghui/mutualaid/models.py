"""职工互助保障: a plan run by a union for one plan year, its members' enrolments, and their claims.

Every table carries the org path so a subtree's figures need no join up the tree: a plan the path of
the union that runs it, an enrolment and a claim the path of the member's union at enrolment.
The diagnosis on a claim is health data (PIPL sensitive), so it is encrypted at rest.
"""

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import EncryptedTextField
from gonghui.core.models import TimeStampedModel
from gonghui.members.models import Member
from gonghui.mutualaid.choices import (
    ClaimKind,
    ClaimStatus,
    EnrolmentSource,
    EnrolmentStatus,
    PlanKind,
    PlanStatus,
)
from gonghui.mutualaid.record_models import MutualAidClaimDocument, MutualAidEvent
from gonghui.mutualaid.rules import PlanRules
from gonghui.orgs import tree
from gonghui.orgs.models import PREFIX_OPS, TradeUnion
from gonghui.orgs.scope import Scope, ScopedQuerySet

__all__ = ["MutualAidClaim", "MutualAidClaimDocument", "MutualAidEnrolment", "MutualAidEvent", "MutualAidPlan"]



class PlanQuerySet(ScopedQuerySet):
    """A plan is seen by the cadres of the union that runs it and of every union it covers: a
    grassroots union enrols its members in its county's plan, so it must see that plan."""

    def visible_to(self, scope: Scope) -> "PlanQuerySet":  # type: ignore[override]
        if scope.everything:
            return self.all()
        above = {ancestor for root in scope.roots for ancestor in tree.ancestor_paths(root)}
        return self.filter(scope.q("org_path") | Q(org_path__in=sorted(above)))


class MutualAidPlan(TimeStampedModel):
    name = models.CharField(_("计划名称"), max_length=100)
    kind = models.CharField(_("保障类别"), max_length=20, choices=PlanKind.choices)
    # Indexed by the unique (union, year, name) constraint; no index of its own.
    union = models.ForeignKey(TradeUnion, verbose_name=_("承办工会"), on_delete=models.PROTECT,
                              related_name="mutual_aid_plans", db_index=False)
    org_path = models.CharField(max_length=255, editable=False)
    year = models.PositiveSmallIntegerField(_("保障年度"))
    starts_on = models.DateField(_("保障起期"))
    ends_on = models.DateField(_("保障止期"))
    premium = models.DecimalField(_("每人每年互助金（元）"), max_digits=12, decimal_places=2)
    per_claim_limit = models.DecimalField(_("单次给付限额（元）"), max_digits=12, decimal_places=2)
    yearly_limit = models.DecimalField(_("年度累计给付限额（元）"), max_digits=12, decimal_places=2)
    waiting_days = models.PositiveSmallIntegerField(_("等待期（天）"), default=0)
    status = models.CharField(_("状态"), max_length=8, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    version = models.PositiveIntegerField(default=1)

    objects = PlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "name", "id"]
        indexes = [models.Index(fields=["org_path", "year"], name="mutualaid_plan_subtree",
                                opclasses=[PREFIX_OPS, "int2_ops"])]
        constraints = [
            models.UniqueConstraint(fields=["union", "year", "name"], name="mutualaid_plan_name_per_union_year"),
            models.CheckConstraint(condition=Q(ends_on__gt=F("starts_on")), name="mutualaid_plan_term"),
            models.CheckConstraint(condition=Q(premium__gte=0), name="mutualaid_plan_premium_not_negative"),
            models.CheckConstraint(condition=Q(per_claim_limit__gt=0, yearly_limit__gte=F("per_claim_limit")),
                                   name="mutualaid_plan_limits"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"

    @property
    def rules(self) -> PlanRules:
        return PlanRules(starts_on=self.starts_on, ends_on=self.ends_on, waiting_days=self.waiting_days,
                         per_claim_limit=self.per_claim_limit, yearly_limit=self.yearly_limit)

    @property
    def women_only(self) -> bool:
        return self.kind == PlanKind.WOMEN_SPECIAL


class EnrolmentQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class MutualAidEnrolment(models.Model):
    """A member covered by a plan for its year. Written in bulk (services.enrolment), so no auto_now."""

    plan = models.ForeignKey(MutualAidPlan, on_delete=models.PROTECT, related_name="enrolments", db_index=False)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="mutual_aid_enrolments")
    # The member's union when enrolled: its cadres submit the member's claims. Read through the
    # path copy, so not indexed (only deleting a union, which is rare, looks it up).
    union = models.ForeignKey(TradeUnion, on_delete=models.PROTECT, related_name="+", db_index=False)
    org_path = models.CharField(max_length=255, editable=False)
    premium = models.DecimalField(_("互助金（元）"), max_digits=12, decimal_places=2)
    paid_on = models.DateField(_("缴费日期"), null=True, blank=True)
    covered_from = models.DateField(_("保障开始日期"))
    source = models.CharField(max_length=10, choices=EnrolmentSource.choices)
    status = models.CharField(_("状态"), max_length=10, choices=EnrolmentStatus.choices,
                              default=EnrolmentStatus.ACTIVE)
    # Sum of the approved amounts of the member's claims in this plan year, kept by the approval
    # under this row's lock: two approvals at once can never pass the yearly limit together.
    approved_total = models.DecimalField(max_digits=12, decimal_places=2, default=0)
    enrolled_at = models.DateTimeField()

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        ordering = ["-enrolled_at", "-id"]
        # A plan's enrolments in a subtree: the plan by equality, then the path by prefix.
        indexes = [models.Index(fields=["plan", "org_path"], name="mutualaid_enrolment_subtree",
                                opclasses=["int8_ops", PREFIX_OPS])]
        constraints = [
            models.UniqueConstraint(fields=["plan", "member"], name="mutualaid_one_enrolment_per_plan"),
            models.CheckConstraint(condition=Q(premium__gte=0, approved_total__gte=0),
                                   name="mutualaid_enrolment_amounts_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.plan_id}:{self.member_id}"


class ClaimQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class MutualAidClaim(TimeStampedModel):
    """互助保障给付: submitted → reviewed → approved (an amount) or rejected (a reason) → paid."""

    enrolment = models.ForeignKey(MutualAidEnrolment, on_delete=models.PROTECT, related_name="claims")
    # Copies of the enrolment's, so figures per plan and subtree are read from this table alone.
    plan = models.ForeignKey(MutualAidPlan, on_delete=models.PROTECT, related_name="claims", db_index=False)
    member = models.ForeignKey(Member, on_delete=models.PROTECT, related_name="mutual_aid_claims")
    org_path = models.CharField(max_length=255, editable=False)
    kind = models.CharField(_("给付类别"), max_length=20, choices=ClaimKind.choices)
    event_date = models.DateField(_("发病/出险日期"))
    amount_claimed = models.DecimalField(_("申请金额（元）"), max_digits=12, decimal_places=2)
    amount_approved = models.DecimalField(_("核定金额（元）"), max_digits=12, decimal_places=2, null=True, blank=True)
    diagnosis = EncryptedTextField(_("诊断/事故经过"), blank=True, default="")
    status = models.CharField(_("状态"), max_length=10, choices=ClaimStatus.choices, default=ClaimStatus.SUBMITTED)
    reason = models.CharField(_("拒付原因"), max_length=300, blank=True)
    paid_on = models.DateField(_("给付日期"), null=True, blank=True)
    submitted_at = models.DateTimeField()
    reviewed_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    paid_at = models.DateTimeField(null=True, blank=True)
    version = models.PositiveIntegerField(default=1)

    objects = ClaimQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [models.Index(fields=["org_path", "status"], name="mutualaid_claim_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS]),
                   models.Index(fields=["plan", "status"], name="mutualaid_claim_plan_status")]
        constraints = [
            models.CheckConstraint(condition=Q(amount_claimed__gt=0), name="mutualaid_claim_amount_positive"),
            models.CheckConstraint(condition=Q(amount_approved__isnull=True) | Q(amount_approved__gt=0),
                                   name="mutualaid_claim_approved_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.pk} {self.kind} {self.status}"

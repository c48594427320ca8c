"""What accumulates around a contract: negotiators, coverage, key terms, meetings, the vote, the
yearly supervision checks, attachments and the timeline."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.contracts.choices import Action, Body, Side
from gonghui.core.upload_models import StoredUpload
from gonghui.orgs.models import PREFIX_OPS, Employer
from gonghui.orgs.scope import ScopedQuerySet


class ContractEvent(models.Model):
    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=Action.choices)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["contract", "at"])]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.action}"


class Negotiator(models.Model):
    """协商代表: equal numbers a side, 3 to 10, one chief (首席) each."""

    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.CASCADE,
                                 related_name="negotiators")
    side = models.CharField(_("所属方"), max_length=10, choices=Side.choices)
    name = models.CharField(_("姓名"), max_length=50)
    position = models.CharField(_("职务"), max_length=60, blank=True)
    is_chief = models.BooleanField(_("首席代表"), default=False)
    # The member behind the row, when known: one person on both sides is caught by who they are, not
    # only by how the name was typed.
    member = models.ForeignKey("members.Member", verbose_name=_("会员"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")

    class Meta:
        ordering = ["side", "-is_chief", "id"]
        constraints = [
            models.UniqueConstraint(fields=["contract", "side"], condition=Q(is_chief=True),
                                    name="one_chief_negotiator_per_side"),
            # One person, one side: a name appears once per contract whichever side it is on.
            models.UniqueConstraint(fields=["contract", "name"], name="negotiator_once_per_contract"),
        ]

    def __str__(self) -> str:
        return self.name


class CoverageQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Coverage(models.Model):
    """One employer a contract covers, with its workers covered.

    `own` is true for the employer's own (单位) contract and false for a 区域性/行业性 one, and
    `in_force` mirrors the contract's status: the database holds at most one contract in force per
    (employer, kind, own), so an employer has at most one own and one regional contract of a kind
    (docs/decisions.md, "One contract in force per employer and kind").
    """

    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.CASCADE, related_name="coverage")
    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT, related_name="+")
    workers_covered = models.PositiveIntegerField(_("覆盖职工人数"))
    kind = models.ForeignKey("contracts.ContractKind", on_delete=models.PROTECT, related_name="+")
    own = models.BooleanField(default=True)
    in_force = models.BooleanField(default=False)
    org_path = models.CharField(max_length=255, editable=False)  # the employer's

    objects = CoverageQuerySet.as_manager()

    class Meta:
        ordering = ["id"]
        indexes = [
            models.Index(fields=["org_path"], condition=Q(in_force=True), name="coverage_in_force_subtree",
                         opclasses=[PREFIX_OPS]),
            models.Index(fields=["employer", "in_force"], name="coverage_employer"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["contract", "employer"], name="coverage_employer_once_per_contract"),
            models.UniqueConstraint(fields=["employer", "kind", "own"], condition=Q(in_force=True),
                                    name="one_in_force_contract_per_employer_kind"),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} → {self.employer_id}"


class EmployerCoverageQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class EmployerCoverage(models.Model):
    """The per-employer rollup of its coverage rows in force, rewritten by every service that changes
    one: one row per covered employer, so "employers and workers covered" at any node is a count and
    a sum over one prefix range, each employer once whatever number of contracts cover it."""

    employer = models.OneToOneField(Employer, primary_key=True, on_delete=models.CASCADE, related_name="+")
    org_path = models.CharField(max_length=255, editable=False)
    # The employer's own contracts' figure when it has one (it takes precedence), else the largest
    # regional one.
    workers_covered = models.PositiveIntegerField(default=0)
    contracts = models.PositiveSmallIntegerField(default=0)
    has_wage = models.BooleanField(default=False)
    has_own = models.BooleanField(default=False)

    objects = EmployerCoverageQuerySet.as_manager()

    class Meta:
        indexes = [
            # Index-only on PostgreSQL: the figures read nothing but these columns (trailing key columns
            # rather than INCLUDE, which SQLite lacks).
            models.Index(fields=["org_path", "workers_covered", "has_wage"], name="employer_coverage_subtree",
                         opclasses=[PREFIX_OPS, "int4_ops", "bool_ops"]),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id}: {self.workers_covered}"


class KeyTerm(models.Model):
    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.CASCADE, related_name="terms")
    variable = models.ForeignKey("contracts.TermVariable", on_delete=models.PROTECT, related_name="+")
    number = models.DecimalField(max_digits=12, decimal_places=2, null=True, blank=True)
    flag = models.BooleanField(null=True, blank=True)
    text = models.CharField(max_length=500, blank=True)

    class Meta:
        ordering = ["variable__topic__order", "variable__order", "id"]
        constraints = [models.UniqueConstraint(fields=["contract", "variable"], name="key_term_once_per_contract")]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.variable_id}"


class Meeting(models.Model):
    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.CASCADE, related_name="meetings")
    held_on = models.DateField(_("会议日期"))
    place = models.CharField(_("地点"), max_length=100, blank=True)
    minutes = models.TextField(_("会议纪要"))

    class Meta:
        ordering = ["held_on", "id"]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.held_on}"


class ContractVote(models.Model):
    """The 职代会 (or 全体职工大会) vote on the draft; only a vote that passed is recorded."""

    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.CASCADE, related_name="votes")
    body = models.CharField(_("审议机构"), max_length=12, choices=Body.choices)
    held_on = models.DateField(_("会议日期"))
    entitled = models.PositiveIntegerField(_("应到人数"))
    present = models.PositiveIntegerField(_("实到人数"))
    in_favour = models.PositiveIntegerField(_("赞成票"))
    against = models.PositiveIntegerField(_("反对票"), default=0)
    abstained = models.PositiveIntegerField(_("弃权票"), default=0)

    class Meta:
        ordering = ["held_on", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(present__lte=models.F("entitled")), name="vote_present_le_entitled"),
        ]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.in_favour}/{self.entitled}"


class SupervisionCheck(models.Model):
    """履约检查: once a year, which coded key terms were kept and which were not."""

    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.CASCADE, related_name="checks")
    year = models.PositiveSmallIntegerField(_("年度"))
    checked_on = models.DateField(_("检查日期"))
    kept = models.JSONField(_("已履行条款"), default=list)
    broken = models.JSONField(_("未履行条款"), default=list)
    note = models.CharField(_("检查情况"), max_length=1000, blank=True)

    class Meta:
        ordering = ["-year", "id"]
        constraints = [models.UniqueConstraint(fields=["contract", "year"], name="one_supervision_check_per_year")]

    def __str__(self) -> str:
        return f"{self.contract_id} {self.year}"


class ContractAttachment(StoredUpload):
    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.CASCADE,
                                 related_name="attachments")
    file = models.FileField(upload_to="contracts/%Y/%m/")


class ContractCase(models.Model):
    """A worker's report that a term of a contract covering them is not kept: the 12351 case it became.

    The link lives here, not on the case, so the case engine knows nothing of contracts."""

    contract = models.ForeignKey("contracts.CollectiveContract", on_delete=models.PROTECT, related_name="case_links")
    case = models.OneToOneField("cases.Case", on_delete=models.PROTECT, related_name="+")
    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+")
    term = models.ForeignKey("contracts.TermVariable", null=True, blank=True, on_delete=models.PROTECT,
                             related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["contract", "created_at"], name="contract_case_by_contract")]

    def __str__(self) -> str:
        return f"{self.contract_id} → {self.case_id}"

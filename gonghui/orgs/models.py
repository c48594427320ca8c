from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel
from gonghui.orgs.choices import EmployerStatus, Industry, Level, Ownership, RiskReason, UnionKind, UnionStatus
from gonghui.orgs.scope import ScopedQuerySet

# PostgreSQL's operator class for LIKE 'prefix%' on varchar in any collation (equality too);
# other databases ignore operator classes and build a plain index.
PREFIX_OPS = "varchar_pattern_ops"


class Region(models.Model):
    """An administrative division: GB/T 2260 (6 digits) down to the county, then townships and streets
    (9 digits), loaded from the versioned list in orgs/data. A code that was retired (a county made a
    district, two districts merged) is kept, not current, so old records still read as a place."""

    class RegionLevel(models.IntegerChoices):
        PROVINCE = 1, _("省级")
        CITY = 2, _("地级")
        COUNTY = 3, _("县级")
        TOWN = 4, _("乡级")

    adcode = models.CharField(max_length=9, primary_key=True)
    name = models.CharField(max_length=60)
    level = models.PositiveSmallIntegerField(choices=RegionLevel.choices)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="children")
    dataset = models.CharField(max_length=40)
    is_current = models.BooleanField(default=True)
    # Where a retired code's places went, when that can be told (郫县 → 郫都区); not indexed: read
    # only from the retired row's side.
    retired_to = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+",
                                   db_index=False)

    class Meta:
        ordering = ["adcode"]

    def __str__(self) -> str:
        return f"{self.name}（{self.adcode}）"


class TradeUnionQuerySet(ScopedQuerySet):
    scope_field = "path"

    def active(self) -> "TradeUnionQuerySet":
        return self.filter(status=UnionStatus.ACTIVE)


class TradeUnion(TimeStampedModel):
    """A union organisation (工会组织): one node of the regional tree."""

    name = models.CharField(_("名称"), max_length=100)
    name_initials = models.CharField(max_length=60, editable=False)
    kind = models.CharField(_("类型"), max_length=24, choices=UnionKind.choices)
    level = models.PositiveSmallIntegerField(_("层级"), choices=Level.choices)
    parent = models.ForeignKey(  # indexed by (parent, name) below
        "self", verbose_name=_("上级工会"), null=True, blank=True, on_delete=models.PROTECT, related_name="children",
        db_index=False,
    )
    path = models.CharField(max_length=255, unique=True)
    depth = models.PositiveSmallIntegerField()
    child_seq = models.PositiveIntegerField(default=0, editable=False)
    child_count = models.PositiveIntegerField(default=0, editable=False)
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), null=True, blank=True, on_delete=models.PROTECT,
                               db_index=False)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    founded_on = models.DateField(_("成立日期"), null=True, blank=True)
    legal_person = models.BooleanField(_("具备法人资格"), default=False)
    chair_name = models.CharField(_("工会主席"), max_length=50, blank=True)
    phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    status = models.CharField(_("状态"), max_length=10, choices=UnionStatus.choices, default=UnionStatus.ACTIVE)
    # Not indexed: read only from the merged union's side; every index costs each row of a move.
    merged_into = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="absorbed", verbose_name=_("并入"),
        db_index=False,
    )
    ended_on = models.DateField(_("合并/撤销日期"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    # Totals over the whole branch, this union included, kept exact by the services (orgs.rollup).
    subtree_unions = models.PositiveIntegerField(default=0, editable=False)
    subtree_members = models.PositiveIntegerField(default=0, editable=False)

    objects = TradeUnionQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        # Each index is paid for by every insert and by every row of a subtree move, so there are no
        # twins: Django's automatic pattern-ops twin of an indexed varchar is declared only where a
        # prefix search needs it, and an equality-only column gets the plain index alone.
        indexes = [
            models.Index(fields=["parent", "name"]),
            models.Index(fields=["region"], name="union_region"),
            models.Index(fields=["name_initials"], name="union_initials_prefix", opclasses=[PREFIX_OPS]),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"], condition=~Q(credit_code=""), name="union_credit_code_unique"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_active(self) -> bool:
        return self.status == UnionStatus.ACTIVE


class EmployerQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Employer(TimeStampedModel):
    """An employer (用人单位), placed under the union that covers it or is organising it."""

    credit_code = models.CharField(_("统一社会信用代码"), max_length=18)
    name = models.CharField(_("单位名称"), max_length=100)
    name_initials = models.CharField(max_length=60, editable=False)
    # No index of its own: a union's employers are found by `org_path` (its path), whose index serves
    # equality as well as the subtree prefix; one index fewer for every employer a move rewrites.
    union = models.ForeignKey(
        TradeUnion, verbose_name=_("所属工会"), on_delete=models.PROTECT, related_name="employers", db_index=False
    )
    # Copy of union.path so subtree filters need no join (rewritten by every move or merge).
    org_path = models.CharField(max_length=255, editable=False)
    unionized = models.BooleanField(_("已建会"), default=False)
    industry = models.CharField(_("行业"), max_length=1, choices=Industry.choices)
    ownership = models.CharField(_("经济类型"), max_length=12, choices=Ownership.choices)
    # Not indexed: no query looks employers up by region, and each index costs every row of a move.
    region = models.ForeignKey(Region, verbose_name=_("行政区划"), null=True, blank=True, on_delete=models.PROTECT,
                               db_index=False)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    employee_count = models.PositiveIntegerField(_("职工人数"), default=0)
    women_count = models.PositiveIntegerField(_("女职工人数"), default=0)
    migrant_count = models.PositiveIntegerField(_("农民工人数"), default=0)
    above_scale = models.BooleanField(_("规模以上"), default=False)
    status = models.CharField(_("状态"), max_length=8, choices=EmployerStatus.choices, default=EmployerStatus.ACTIVE)
    version = models.PositiveIntegerField(default=1)

    objects = EmployerQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        indexes = [
            models.Index(fields=["org_path"], name="employer_subtree", opclasses=[PREFIX_OPS]),
            # A 12351 caller names the employer: the intake finds it by exact name at province scale.
            models.Index(fields=["name"], name="employer_name"),
            models.Index(fields=["name_initials"], name="employer_initials_prefix", opclasses=[PREFIX_OPS]),
        ]
        constraints = [
            models.UniqueConstraint(fields=["credit_code"], name="employer_credit_code_unique"),
            models.CheckConstraint(condition=Q(women_count__lte=models.F("employee_count")), name="women_le_employees"),
            models.CheckConstraint(
                condition=Q(migrant_count__lte=models.F("employee_count")), name="migrants_le_employees"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class RiskListingQuerySet(ScopedQuerySet):
    scope_field = "org_path"

    def current(self) -> "RiskListingQuerySet":
        return self.filter(removed_on__isnull=True)


class EmployerRiskListing(TimeStampedModel):
    """One spell of an employer on the union's 劳动关系风险名单: listed with a reason, later taken off
    with one. Rows are never deleted, so an employer's history reads as its spells in order."""

    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                 related_name="risk_listings")
    # Copy of employer.org_path: the unions above the employer see its listings (orgs.paths follows it).
    org_path = models.CharField(max_length=255, editable=False)
    reason = models.CharField(_("列入原因"), max_length=20, choices=RiskReason.choices)
    note = models.CharField(_("情况说明"), max_length=500, blank=True)
    listed_on = models.DateField(_("列入日期"))
    listed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                  related_name="+", db_index=False)
    # The cadre as the page names them (person and union) at the time, kept if the account goes.
    listed_by_name = models.CharField(_("列入人"), max_length=120)
    removed_on = models.DateField(_("移出日期"), null=True, blank=True)
    removal_reason = models.CharField(_("移出原因"), max_length=500, blank=True)
    removed_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", db_index=False)
    removed_by_name = models.CharField(_("移出人"), max_length=120, blank=True)

    objects = RiskListingQuerySet.as_manager()

    class Meta:
        ordering = ["-listed_on", "-pk"]
        indexes = [
            models.Index(fields=["org_path"], name="risk_listing_subtree", opclasses=[PREFIX_OPS]),
        ]
        constraints = [
            # At most one current spell per employer: a second listing is refused, even by a race.
            models.UniqueConstraint(fields=["employer"], condition=Q(removed_on__isnull=True),
                                    name="risk_listing_one_current"),
            models.CheckConstraint(condition=Q(removed_on__isnull=True) | ~Q(removal_reason=""),
                                   name="risk_listing_removal_has_reason"),
        ]

    def __str__(self) -> str:
        return f"{self.employer_id}:{self.reason}@{self.listed_on}"

    @property
    def is_current(self) -> bool:
        return self.removed_on is None

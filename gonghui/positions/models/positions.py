"""服务阵地: the kinds and services (data), the position itself, its timeline."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import PREFIX_OPS, Employer, Region, TradeUnion
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.positions.choices import PositionAction, PositionStatus, RatingLevel


class PositionKind(models.Model):
    """职工之家, 职工书屋, 工会驿站 …: seeded by a migration; `code` is what URLs, the API and filters use."""

    code = models.SlugField(max_length=30, primary_key=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    short_name = models.CharField(_("简称"), max_length=20, blank=True)
    order = models.PositiveSmallIntegerField(default=0)
    # 职工之家: may carry the 模范职工之家 rating and its level.
    has_rating = models.BooleanField(default=False)
    # 劳模和工匠人才创新工作室: may be the skills app's studio on the map.
    is_studio = models.BooleanField(default=False)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class PositionService(models.Model):
    """饮水, 热饭, 休息, 充电, 如厕, 应急药箱 …: what a worker may come in for."""

    code = models.SlugField(max_length=30, primary_key=True)
    name = models.CharField(_("名称"), max_length=40, unique=True)
    order = models.PositiveSmallIntegerField(default=0)
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["order", "code"]

    def __str__(self) -> str:
        return self.name


class PositionQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class ServicePosition(models.Model):
    name = models.CharField(_("名称"), max_length=100)
    kind = models.ForeignKey(PositionKind, verbose_name=_("阵地类型"), on_delete=models.PROTECT, related_name="+")
    owner = models.ForeignKey(TradeUnion, verbose_name=_("主管工会"), on_delete=models.PROTECT, related_name="+",
                              db_index=False)
    org_path = models.CharField(max_length=255, editable=False)
    host_employer = models.ForeignKey(Employer, verbose_name=_("依托单位"), null=True, blank=True,
                                      on_delete=models.PROTECT, related_name="+")
    place_name = models.CharField(_("所在场所"), max_length=100, blank=True)
    region = models.ForeignKey(Region, verbose_name=_("所在区划"), on_delete=models.PROTECT, related_name="+",
                               db_index=False)
    # The county (6 digits) of `region`, kept so a district filter and the coverage figures need no join.
    county_code = models.CharField(max_length=6, editable=False)
    address = models.CharField(_("详细地址"), max_length=200)
    # WGS-84, 6 decimals (≈ 0.1 m). Pages convert from and to GCJ-02 (geo.gcj02) at the edge.
    lat = models.DecimalField(_("纬度"), max_digits=9, decimal_places=6)
    lng = models.DecimalField(_("经度"), max_digits=9, decimal_places=6)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    # A station's public service number, shown on the portal (not a member's personal phone).
    contact_phone = models.CharField(_("服务电话"), max_length=30, blank=True)
    facilities = models.CharField(_("设施"), max_length=500, blank=True)
    area_m2 = models.PositiveIntegerField(_("面积（平方米）"), null=True, blank=True)
    services = models.ManyToManyField(PositionService, verbose_name=_("服务项目"), blank=True, related_name="+")
    status = models.CharField(_("状态"), max_length=10, choices=PositionStatus.choices, default=PositionStatus.OPEN)
    star_level = models.PositiveSmallIntegerField(_("星级"), default=0)
    rating_level = models.CharField(_("模范职工之家级别"), max_length=10, choices=RatingLevel.choices, blank=True)
    rating_year = models.PositiveSmallIntegerField(_("命名年度"), null=True, blank=True)
    # The skills app's studio this position is (劳模和工匠人才创新工作室 only).
    studio = models.ForeignKey("skills.InnovationStudio", verbose_name=_("创新工作室"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="+")
    # Kept by the check-in service: the 60-day flag and the list filter read it without a join.
    last_visit_on = models.DateField(null=True, blank=True, editable=False)
    opened_on = models.DateField(_("启用日期"))
    version = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        ordering = ["org_path", "name", "id"]
        indexes = [
            models.Index(fields=["org_path", "kind"], name="position_subtree", opclasses=[PREFIX_OPS, PREFIX_OPS]),
            # Near me: kind and status by equality, then a latitude range whose rows carry the longitude.
            models.Index(fields=["kind", "status", "lat", "lng"], name="position_bbox"),
            # The map: any kind in a bounding box.
            models.Index(fields=["lat", "lng"], name="position_latlng"),
            models.Index(fields=["county_code", "kind"], name="position_county"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["owner", "name"], name="position_one_name_per_owner"),
            models.CheckConstraint(condition=Q(star_level__gte=0, star_level__lte=5), name="position_star_0_5"),
            models.CheckConstraint(condition=Q(lat__gte=-90, lat__lte=90, lng__gte=-180, lng__lte=180),
                                   name="position_latlng_range"),
        ]

    def __str__(self) -> str:
        return self.name


class PositionEvent(models.Model):
    position = models.ForeignKey(ServicePosition, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=14, choices=PositionAction.choices)
    old_status = models.CharField(max_length=10, blank=True)
    new_status = models.CharField(max_length=10, blank=True)
    actor_id = models.IntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.position_id} {self.action}"

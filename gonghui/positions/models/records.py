"""What hangs off a position: weekly hours, dated exceptions, photos, 年检, check-ins."""

from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.upload_models import StoredUpload
from gonghui.orgs.models import PREFIX_OPS
from gonghui.orgs.scope import ScopedQuerySet
from gonghui.positions.choices import InspectionResult
from gonghui.positions.models.positions import PositionService, ServicePosition

DAY_MINUTES = 1440


class PositionHours(models.Model):
    """One opening span on a weekday (0 = Monday), in minutes from that day's midnight. A span may run
    past midnight and is then said so (`closes` > 1440 is 次日): 22:00–次日06:00 is 1320–1800; 24 h is
    0–1440."""

    position = models.ForeignKey(ServicePosition, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("星期"))
    opens = models.PositiveSmallIntegerField(_("开始"))
    closes = models.PositiveSmallIntegerField(_("结束"))

    class Meta:
        ordering = ["weekday", "opens"]
        constraints = [
            models.CheckConstraint(condition=Q(weekday__lte=6), name="position_hours_weekday"),
            models.CheckConstraint(condition=Q(opens__lt=DAY_MINUTES, closes__gt=F("opens"),
                                               closes__lte=F("opens") + DAY_MINUTES),
                                   name="position_hours_span"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id} {self.weekday} {self.opens}-{self.closes}"


class PositionDayException(models.Model):
    """A date that does not follow the week: closed (春节, repairs), or open on special hours within the
    day. It replaces that date's weekly spans (a span running into it from the night before still ends
    as planned)."""

    position = models.ForeignKey(ServicePosition, on_delete=models.CASCADE, related_name="exceptions")
    day = models.DateField(_("日期"))
    closed = models.BooleanField(_("闭馆"), default=True)
    opens = models.PositiveSmallIntegerField(_("开始"), null=True, blank=True)
    closes = models.PositiveSmallIntegerField(_("结束"), null=True, blank=True)
    note = models.CharField(_("说明"), max_length=100, blank=True)

    class Meta:
        ordering = ["day"]
        constraints = [
            models.UniqueConstraint(fields=["position", "day"], name="position_one_exception_per_day"),
            models.CheckConstraint(condition=Q(closed=True, opens__isnull=True, closes__isnull=True)
                                   | Q(closed=False, opens__lt=F("closes"), closes__lte=DAY_MINUTES),
                                   name="position_exception_span"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id} {self.day}"


class PositionPhoto(StoredUpload):
    position = models.ForeignKey(ServicePosition, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(upload_to="positions/%Y/%m/")
    caption = models.CharField(_("说明"), max_length=100, blank=True)


class PositionInspection(models.Model):
    """年检: once a year, with its result and findings; 限期整改 carries a deadline."""

    position = models.ForeignKey(ServicePosition, on_delete=models.CASCADE, related_name="inspections")
    year = models.PositiveSmallIntegerField(_("年度"))
    inspected_on = models.DateField(_("检查日期"))
    result = models.CharField(_("结论"), max_length=10, choices=InspectionResult.choices)
    findings = models.CharField(_("检查发现"), max_length=1000, blank=True)
    rectify_by = models.DateField(_("整改期限"), null=True, blank=True)
    inspector = models.CharField(_("检查人"), max_length=50)

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["position", "year"], name="position_one_inspection_per_year"),
            models.CheckConstraint(condition=~Q(result="rectify") | Q(rectify_by__isnull=False),
                                   name="position_rectify_has_deadline"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id} {self.year}"


class VisitQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class PositionVisit(models.Model):
    """A check-in (扫码签到). `visitor_key` says who without saying it: `m<member id>` for a logged-in
    member, `g<blind index of the phone>` for a guest; one per position, person and day."""

    position = models.ForeignKey(ServicePosition, on_delete=models.CASCADE, related_name="visits", db_index=False)
    org_path = models.CharField(max_length=255, editable=False)
    day = models.DateField()
    at = models.DateTimeField(default=timezone.now)
    visitor_key = models.CharField(max_length=70)
    member = models.ForeignKey("members.Member", null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
                               db_index=False)
    service = models.ForeignKey(PositionService, verbose_name=_("使用的服务"), null=True, blank=True,
                                on_delete=models.PROTECT, related_name="+", db_index=False)
    rating = models.PositiveSmallIntegerField(_("评分"), null=True, blank=True)
    note = models.CharField(_("留言"), max_length=200, blank=True)

    objects = VisitQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["org_path", "day"], name="visit_subtree", opclasses=[PREFIX_OPS, "date_ops"])]
        constraints = [
            # Also serves "visits of a position by month" (its leading columns).
            models.UniqueConstraint(fields=["position", "day", "visitor_key"], name="visit_once_a_day"),
            models.CheckConstraint(condition=Q(rating__isnull=True) | Q(rating__gte=1, rating__lte=5),
                                   name="visit_rating_1_5"),
        ]

    def __str__(self) -> str:
        return f"{self.position_id} {self.day}"

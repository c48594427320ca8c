"""Our own holiday table: seeded from chinesecalendar, corrected and extended by administrators.

A row with an empty org_path is national (for a provincial deployment: the statutory calendar of the
whole tree); a row with a union's path applies to that union's subtree only, e.g. 藏历新年 in a
Tibetan autonomous prefecture. The deepest entry for a day wins (selectors.calendar_for).
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from gonghui.orgs.models import TradeUnion
from gonghui.workdays import library


class HolidayKind(models.TextChoices):
    HOLIDAY = library.HOLIDAY, _("放假")
    ADJUSTED_WORKDAY = library.ADJUSTED_WORKDAY, _("调休上班")


class EntrySource(models.TextChoices):
    SEEDED = "seeded", _("国务院办公厅通知（自动导入）")
    ENTERED = "entered", _("管理员录入")


class Holiday(models.Model):
    day = models.DateField(_("日期"))
    kind = models.CharField(_("类型"), max_length=20, choices=HolidayKind.choices)
    name = models.CharField(_("名称"), max_length=50, blank=True)
    source = models.CharField(_("来源"), max_length=10, choices=EntrySource.choices, default=EntrySource.ENTERED)
    # Null and "" for a national entry; otherwise the union whose subtree the entry applies to.
    union = models.ForeignKey(TradeUnion, verbose_name=_("适用工会"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+")
    org_path = models.CharField(max_length=255, blank=True, default="", editable=False)
    updated_at = models.DateTimeField(_("更新时间"), auto_now=True)
    updated_by = models.CharField(_("更新人"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("节假日")
        verbose_name_plural = _("节假日")
        ordering = ["day", "org_path"]
        constraints = [models.UniqueConstraint(fields=["day", "org_path"], name="workdays_holiday_one_per_day_and_org")]

    def __str__(self) -> str:
        return f"{self.day:%Y-%m-%d} {self.name or self.get_kind_display()}"

    @property
    def is_national(self) -> bool:
        return not self.org_path


class CalendarYear(models.Model):
    """A year whose holidays are known: seeded from the library, or entered complete by an administrator.

    A year without a row is counted by weekends alone and every deadline in it is flagged for review.
    """

    year = models.PositiveSmallIntegerField(_("年份"))
    source = models.CharField(_("来源"), max_length=10, choices=EntrySource.choices, default=EntrySource.ENTERED)
    union = models.ForeignKey(TradeUnion, verbose_name=_("适用工会"), null=True, blank=True,
                              on_delete=models.CASCADE, related_name="+")
    org_path = models.CharField(max_length=255, blank=True, default="", editable=False)
    note = models.CharField(_("说明"), max_length=200, blank=True)
    marked_at = models.DateTimeField(_("标记时间"), auto_now=True)
    marked_by = models.CharField(_("标记人"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("日历年度")
        verbose_name_plural = _("日历年度")
        ordering = ["year", "org_path"]
        constraints = [models.UniqueConstraint(fields=["year", "org_path"], name="workdays_year_one_per_org")]

    def __str__(self) -> str:
        return str(self.year)

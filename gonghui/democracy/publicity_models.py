"""厂务公开 items with their reads and the workers' yearly assessment; the 职工董事/监事 seats."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel
from gonghui.democracy.choices import DisclosureCategory, DisclosureChannel, Rating, SeatKind
from gonghui.orgs.models import PREFIX_OPS, Employer
from gonghui.orgs.scope import ScopedQuerySet


class PublicityQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Disclosure(TimeStampedModel):
    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                 related_name="disclosures")
    category = models.CharField(_("公开类别"), max_length=20, choices=DisclosureCategory.choices)
    title = models.CharField(_("标题"), max_length=120)
    content = models.TextField(_("公开内容"))
    channel = models.CharField(_("公开形式"), max_length=12, choices=DisclosureChannel.choices)
    period_start = models.DateField(_("公开期起"))
    period_end = models.DateField(_("公开期止"))
    published_at = models.DateTimeField(_("发布时间"), null=True, blank=True)
    org_path = models.CharField(max_length=255, editable=False)

    objects = PublicityQuerySet.as_manager()

    class Meta:
        ordering = ["-period_start", "-id"]
        indexes = [models.Index(fields=["org_path", "period_start"], name="disclosure_subtree",
                                opclasses=[PREFIX_OPS, "date_ops"])]
        constraints = [models.CheckConstraint(condition=Q(period_end__gte=models.F("period_start")),
                                              name="disclosure_period_forward")]

    def __str__(self) -> str:
        return self.title


class DisclosureRead(models.Model):
    """A member read an item: counted once per member, however often they open it."""

    disclosure = models.ForeignKey(Disclosure, on_delete=models.CASCADE, related_name="reads")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    read_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["disclosure", "member"], name="one_read_per_member")]

    def __str__(self) -> str:
        return f"{self.disclosure_id}:{self.member_id}"


class OpennessAssessment(TimeStampedModel):
    """The workers' yearly assessment of an employer's openness (民主评议厂务公开)."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="openness_assessments")
    year = models.PositiveSmallIntegerField(_("年度"))
    satisfied = models.PositiveIntegerField(_("满意"), default=0)
    basic = models.PositiveIntegerField(_("基本满意"), default=0)
    dissatisfied = models.PositiveIntegerField(_("不满意"), default=0)
    org_path = models.CharField(max_length=255, editable=False)

    objects = PublicityQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        indexes = [models.Index(fields=["org_path"], name="openness_subtree", opclasses=[PREFIX_OPS])]
        constraints = [models.UniqueConstraint(fields=["employer", "year"], name="one_assessment_per_year")]


class OpennessVote(models.Model):
    """A member's own answer to the yearly assessment on the portal: one per member and year, the
    rating added to that year's `OpennessAssessment` counts in the same transaction."""

    employer = models.ForeignKey(Employer, on_delete=models.PROTECT, related_name="+")
    member = models.ForeignKey("members.Member", on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("年度"))
    rating = models.CharField(_("评价"), max_length=12, choices=Rating.choices)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["member", "year"], name="one_openness_vote_per_member_year")]

    def __str__(self) -> str:
        return f"{self.member_id}:{self.year}"


class BoardSeat(TimeStampedModel):
    """A 职工董事 (WorkerDirector) or 职工监事 (WorkerSupervisor) seat: who holds it, elected by which
    session, for which term; one model, the kind telling them apart."""

    employer = models.ForeignKey(Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                 related_name="board_seats")
    kind = models.CharField(_("类别"), max_length=12, choices=SeatKind.choices)
    holder_name = models.CharField(_("姓名"), max_length=50)
    elected_by = models.ForeignKey("democracy.CongressSession", verbose_name=_("选举会议"),
                                   on_delete=models.PROTECT, related_name="board_seats")
    starts_on = models.DateField(_("任期开始"))
    ends_on = models.DateField(_("任期届满"))
    ended_on = models.DateField(_("离任日期"), null=True, blank=True)
    org_path = models.CharField(max_length=255, editable=False)

    objects = PublicityQuerySet.as_manager()

    class Meta:
        ordering = ["employer_id", "kind", "-starts_on"]
        indexes = [models.Index(fields=["org_path", "kind"], name="board_seat_subtree",
                                opclasses=[PREFIX_OPS, PREFIX_OPS])]
        constraints = [models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")),
                                              name="seat_term_forward")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.holder_name}"

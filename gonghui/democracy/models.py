"""职工代表大会 per employer: its terms (届), sessions, delegates by constituency, agenda items and votes.

Every row carries the employer's org path (copied, rewritten by a union move) so a subtree list or
figure is one indexed prefix predicate with no join up the tree.
"""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.models import TimeStampedModel
from gonghui.democracy.choices import AgendaKind, CongressForm, DelegateCategory
from gonghui.democracy.proposal_models import Proposal, ProposalCosign, ProposalEvent
from gonghui.democracy.publicity_models import (
    BoardSeat,
    Disclosure,
    DisclosureRead,
    OpennessAssessment,
    OpennessVote,
)
from gonghui.democracy.rule_models import AgendaRule, DemocracyRule
from gonghui.orgs.models import PREFIX_OPS, Employer
from gonghui.orgs.scope import ScopedQuerySet

__all__ = ["AgendaItem", "AgendaRule", "BoardSeat", "CongressGuidance", "CongressSession", "CongressTerm", "Delegate",
           "DemocracyRule", "Disclosure", "DisclosureRead", "OpennessAssessment", "OpennessVote", "Proposal",
           "ProposalCosign", "ProposalEvent", "WorkersCongress"]


class CongressQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class WorkersCongress(TimeStampedModel):
    """An employer's 职代会 system (建制): one per employer."""

    employer = models.OneToOneField(Employer, verbose_name=_("用人单位"), on_delete=models.PROTECT,
                                    related_name="congress")
    form = models.CharField(_("形式"), max_length=16, choices=CongressForm.choices)
    established_on = models.DateField(_("建制日期"))
    org_path = models.CharField(max_length=255, editable=False)

    objects = CongressQuerySet.as_manager()

    class Meta:
        ordering = ["org_path", "id"]
        indexes = [models.Index(fields=["org_path"], name="congress_subtree", opclasses=[PREFIX_OPS])]

    def __str__(self) -> str:
        return f"{self.employer.name}{self.get_form_display()}"


class CongressGuidance(models.Model):
    """指导意见 a union above records on a congress: a note with its author as shown when written.
    It hangs off the congress (read through it), so it carries no path of its own."""

    congress = models.ForeignKey(WorkersCongress, on_delete=models.CASCADE, related_name="guidance")
    note = models.CharField(_("指导意见"), max_length=1000)
    actor_id = models.BigIntegerField(null=True)
    actor_label = models.CharField(max_length=150)
    at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["congress", "at"], name="congress_guidance_at")]

    def __str__(self) -> str:
        return f"{self.congress_id} {self.at:%Y-%m-%d}"


class CongressTerm(TimeStampedModel):
    """A term (届) of 3 to 5 years; the workforce is recorded as it stood at the election, because the
    delegate quotas are measured against it."""

    congress = models.ForeignKey(WorkersCongress, on_delete=models.CASCADE, related_name="terms")
    number = models.PositiveSmallIntegerField(_("届次"))
    starts_on = models.DateField(_("任期开始"))
    ends_on = models.DateField(_("任期届满"))
    workforce = models.PositiveIntegerField(_("职工总数"))
    women_workforce = models.PositiveIntegerField(_("女职工人数"), default=0)
    dispatched_workforce = models.PositiveIntegerField(_("劳务派遣职工人数"), default=0)
    org_path = models.CharField(max_length=255, editable=False)

    objects = CongressQuerySet.as_manager()

    class Meta:
        ordering = ["congress_id", "-number"]
        indexes = [models.Index(fields=["org_path"], name="congress_term_subtree", opclasses=[PREFIX_OPS])]
        constraints = [
            models.UniqueConstraint(fields=["congress", "number"], name="one_term_number_per_congress"),
            models.CheckConstraint(condition=Q(ends_on__gt=models.F("starts_on")), name="term_ends_after_start"),
            models.CheckConstraint(condition=Q(women_workforce__lte=models.F("workforce"))
                                   & Q(dispatched_workforce__lte=models.F("workforce")),
                                   name="term_workforce_parts_fit"),
        ]

    def __str__(self) -> str:
        return str(_("第%(n)s届") % {"n": self.number})


class CongressSession(TimeStampedModel):
    term = models.ForeignKey(CongressTerm, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("会次"))
    held_on = models.DateField(_("召开日期"))
    title = models.CharField(_("会议名称"), max_length=100)
    org_path = models.CharField(max_length=255, editable=False)

    objects = CongressQuerySet.as_manager()

    class Meta:
        ordering = ["-held_on", "-id"]
        indexes = [models.Index(fields=["org_path", "held_on"], name="congress_session_subtree",
                                opclasses=[PREFIX_OPS, "date_ops"])]
        constraints = [models.UniqueConstraint(fields=["term", "number"], name="one_session_number_per_term")]

    def __str__(self) -> str:
        return self.title


class Delegate(TimeStampedModel):
    """A 职工代表 of one term, elected in a constituency (选区)."""

    term = models.ForeignKey(CongressTerm, on_delete=models.CASCADE, related_name="delegates")
    name = models.CharField(_("姓名"), max_length=50)
    constituency = models.CharField(_("选区"), max_length=50)
    category = models.CharField(_("代表类别"), max_length=12, choices=DelegateCategory.choices)
    is_woman = models.BooleanField(_("女职工"), default=False)
    is_dispatched = models.BooleanField(_("劳务派遣"), default=False)
    # The member behind the seat, so the worker can act as a delegate on the portal (提案, 评价).
    member = models.ForeignKey("members.Member", verbose_name=_("会员"), null=True, blank=True,
                               on_delete=models.SET_NULL, related_name="delegate_seats")
    org_path = models.CharField(max_length=255, editable=False)

    objects = CongressQuerySet.as_manager()

    class Meta:
        ordering = ["constituency", "name", "id"]
        indexes = [models.Index(fields=["org_path"], name="delegate_subtree", opclasses=[PREFIX_OPS])]

    def __str__(self) -> str:
        return self.name


class AgendaItem(TimeStampedModel):
    """A matter put to the vote (secret ballot: only the counts are kept) and its resolution."""

    session = models.ForeignKey(CongressSession, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("事项类型"), max_length=20, choices=AgendaKind.choices)
    title = models.CharField(_("议题"), max_length=120)
    voted_at = models.DateTimeField(_("表决时间"), null=True, blank=True)
    entitled = models.PositiveIntegerField(_("应到人数"), null=True, blank=True)
    present = models.PositiveIntegerField(_("实到人数"), null=True, blank=True)
    in_favour = models.PositiveIntegerField(_("赞成票"), null=True, blank=True)
    against = models.PositiveIntegerField(_("反对票"), null=True, blank=True)
    abstained = models.PositiveIntegerField(_("弃权票"), null=True, blank=True)
    passed = models.BooleanField(_("通过"), null=True, blank=True)
    outcome_note = models.CharField(_("表决结果说明"), max_length=300, blank=True)
    resolution = models.TextField(_("决议"), blank=True)
    resolved_at = models.DateTimeField(_("决议时间"), null=True, blank=True)
    org_path = models.CharField(max_length=255, editable=False)

    objects = CongressQuerySet.as_manager()

    class Meta:
        ordering = ["session_id", "id"]
        indexes = [models.Index(fields=["org_path"], name="agenda_item_subtree", opclasses=[PREFIX_OPS])]
        constraints = [
            models.CheckConstraint(condition=Q(present__lte=models.F("entitled")), name="agenda_present_le_entitled"),
        ]

    def __str__(self) -> str:
        return self.title

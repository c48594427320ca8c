"""提案: submitted by a delegate, co-signed (附议), reviewed by the proposal committee, assigned to a
department with a deadline on working days, answered, rated by the submitter and published."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.democracy.choices import ProposalAction, ProposalStatus, Rating
from gonghui.orgs.models import PREFIX_OPS
from gonghui.orgs.scope import ScopedQuerySet

AWAITING_ANSWER = (ProposalStatus.ASSIGNED,)


class ProposalQuerySet(ScopedQuerySet):
    scope_field = "org_path"


class Proposal(models.Model):
    congress = models.ForeignKey("democracy.WorkersCongress", on_delete=models.PROTECT, related_name="proposals")
    session = models.ForeignKey("democracy.CongressSession", verbose_name=_("会议"), null=True, blank=True,
                                on_delete=models.SET_NULL, related_name="proposals")
    number = models.CharField(_("提案编号"), max_length=20)
    title = models.CharField(_("案由"), max_length=120)
    content = models.TextField(_("提案内容"))
    submitter = models.ForeignKey("democracy.Delegate", verbose_name=_("提案人"), on_delete=models.PROTECT,
                                  related_name="proposals")
    status = models.CharField(_("状态"), max_length=12, choices=ProposalStatus.choices,
                              default=ProposalStatus.SUBMITTED)
    committee_note = models.CharField(_("审查意见"), max_length=500, blank=True)
    department = models.CharField(_("承办部门"), max_length=60, blank=True)
    due_at = models.DateTimeField(_("答复期限"), null=True, blank=True)
    needs_review = models.BooleanField(_("期限待核"), default=False)  # counted past the calendar's years
    answer = models.TextField(_("答复内容"), blank=True)
    rating = models.CharField(_("提案人评价"), max_length=12, choices=Rating.choices, blank=True)
    rating_note = models.CharField(_("评价说明"), max_length=300, blank=True)
    submitted_at = models.DateTimeField(_("提交时间"))
    reviewed_at = models.DateTimeField(null=True, blank=True)
    assigned_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    rated_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    org_path = models.CharField(max_length=255, editable=False)
    version = models.PositiveIntegerField(default=1)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        ordering = ["-submitted_at", "-id"]
        indexes = [
            models.Index(fields=["org_path", "status"], name="proposal_subtree_status",
                         opclasses=[PREFIX_OPS, PREFIX_OPS]),
            # The to-do list's question: which assigned proposals are past their answer deadline.
            models.Index(fields=["due_at"], condition=Q(status="assigned"), name="proposal_awaiting_answer_due"),
        ]
        constraints = [models.UniqueConstraint(fields=["congress", "number"], name="one_proposal_number_per_congress")]

    def __str__(self) -> str:
        return f"{self.number} {self.title}"


class ProposalCosign(models.Model):
    """A delegate's 附议: one per delegate and proposal, never the submitter's own."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="cosigns")
    delegate = models.ForeignKey("democracy.Delegate", on_delete=models.PROTECT, related_name="cosigns")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["proposal", "delegate"], name="one_cosign_per_delegate")]

    def __str__(self) -> str:
        return f"{self.proposal_id}:{self.delegate_id}"


class ProposalEvent(models.Model):
    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=12, choices=ProposalAction.choices)
    old_status = models.CharField(max_length=12, blank=True)
    new_status = models.CharField(max_length=12, blank=True)
    actor_id = models.IntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=150)
    note = models.CharField(max_length=1000, blank=True)
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "id"]

    def __str__(self) -> str:
        return f"{self.proposal_id} {self.action}"

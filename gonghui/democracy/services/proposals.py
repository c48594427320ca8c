"""提案: submission with its co-signers, and the one transition service over workflow.RULES."""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.crypto import blind_index_candidates
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, msg
from gonghui.democracy.choices import CongressForm, ProposalAction, Rating, RuleCode
from gonghui.democracy.models import CongressSession, Delegate, Proposal, ProposalCosign, ProposalEvent, WorkersCongress
from gonghui.democracy.rules import current_rules
from gonghui.democracy.services.common import audit, clean_choice, clean_text, require_manage, who
from gonghui.democracy.workflow import check_action
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.workdays.calendar import Period, PeriodKind, compute_deadline
from gonghui.workdays.selectors import calendar_for

# An answer is due by the end of the working day the period ends on.
WORKDAY_END = datetime.time(17, 30)
CONCURRENT_CHANGE = _("该提案刚刚已被他人办理，请刷新后查看再操作。")


def _event(actor: Any, proposal: Proposal, action: str, old: str, new: str, note: str,
           detail: dict[str, Any] | None = None) -> None:
    row = who(actor)
    ProposalEvent.objects.create(proposal=proposal, action=action, old_status=old, new_status=new, actor_id=row.id,
                                 actor_label=row.shown, note=note[:1000])
    audit(actor, f"proposal_{action}", proposal, {"old": old, "new": new, **(detail or {})})


def _worker_is(worker: PortalWorker, delegate: Delegate) -> bool:
    """Whether the delegate's seat belongs to the worker signed in with this phone."""
    return delegate.member_id is not None and Member.objects.filter(
        pk=delegate.member_id, phone_index__in=blind_index_candidates(worker.phone)).exists()


def _require_submit(actor: Any, congress: WorkersCongress, submitter: Delegate, now: datetime.datetime) -> None:
    """A cadre who manages the congress submits for any delegate; a worker only as their own seat,
    in a term that is running."""
    if not isinstance(actor, PortalWorker):
        require_manage(actor, congress.org_path)
        return
    term = submitter.term
    if not _worker_is(actor, submitter) or not term.starts_on <= timezone.localdate(now) <= term.ends_on:
        raise PermissionDenied(_("只有本届职工代表本人才能提出提案。"))


def _require_transition(actor: Any, proposal: Proposal, action: str) -> None:
    """The submitter rates the answer: on the portal, as the worker behind the seat. A cadre records a
    rating only for a delegate the roster links to no member (given on paper); every other step is
    the union's."""
    linked = proposal.submitter.member_id is not None
    if isinstance(actor, PortalWorker):
        if action != ProposalAction.RATE or not _worker_is(actor, proposal.submitter):
            raise PermissionDenied(_("只有提案人本人才能评价答复。"))
        return
    require_manage(actor, proposal.org_path)
    if action == ProposalAction.RATE and linked:
        raise PermissionDenied(_("提案人已在职工服务平台登记，答复由提案人本人评价。"))


def proposal_submit(*, actor: Any, congress: WorkersCongress, submitter: Delegate, title: str, content: str,
                    cosigners: list[Delegate], session: CongressSession | None = None,
                    now: datetime.datetime | None = None) -> Proposal:
    now = now or timezone.now()
    _require_submit(actor, congress, submitter, now)
    if congress.form == CongressForm.ASSEMBLY:
        raise ValidationFailed(_("全体职工大会不设职工代表，提案由职工代表提出。"), field="submitter", code="assembly")
    title = clean_text(title, field="title", max_length=120, required=True)
    content = clean_text(content, field="content", max_length=5000, required=True)
    if submitter.term.congress_id != congress.pk:
        raise ValidationFailed(_("提案人须为本单位的职工代表。"), field="submitter", code="not_delegate")
    others = {d.pk: d for d in cosigners if d.pk != submitter.pk}
    if any(d.term.congress_id != congress.pk for d in others.values()):
        raise ValidationFailed(_("附议人须为本单位的职工代表。"), field="cosigners", code="not_delegate")
    need = current_rules().whole(RuleCode.MIN_COSIGNERS)
    if len(others) < need:
        raise ValidationFailed(msg(_("提案须有至少 %(need)s 名代表附议（提案人本人不计），现有 %(n)s 名。"),
                                   {"need": need, "n": len(others)}), field="cosigners", code="too_few_cosigners")
    if session is not None and session.term.congress_id != congress.pk:
        raise NotFound()
    with transaction.atomic():
        # Numbers run per congress and year; the congress row is the lock that serialises them.
        WorkersCongress.objects.select_for_update().filter(pk=congress.pk).first()
        prefix = f"{timezone.localtime(now).year}-"
        seq = Proposal.objects.filter(congress=congress, number__startswith=prefix).count() + 1
        proposal = Proposal.objects.create(congress=congress, session=session, number=f"{prefix}{seq:03d}",
                                           title=title, content=content, submitter=submitter, submitted_at=now,
                                           org_path=congress.org_path)
        ProposalCosign.objects.bulk_create([ProposalCosign(proposal=proposal, delegate=d) for d in others.values()])
        _event(actor, proposal, ProposalAction.SUBMIT, "", proposal.status, "", {"cosigners": len(others)})
    return proposal


def _values_for(action: str, proposal: Proposal, now: datetime.datetime, *, note: str, department: str, answer: str,
                rating: str) -> tuple[dict[str, Any], str]:
    if action == ProposalAction.ACCEPT:
        text = clean_text(note, field="note", max_length=500)
        return {"committee_note": text}, text
    if action == ProposalAction.CONVERT:
        text = clean_text(note, field="reason", max_length=500, required=True)
        return {"committee_note": text}, text
    if action == ProposalAction.ASSIGN:
        dept = clean_text(department, field="department", max_length=60, required=True)
        days = current_rules().whole(RuleCode.ANSWER_WORKING_DAYS)
        deadline = compute_deadline(now, Period(PeriodKind.WORKING_DAYS, days), calendar_for(proposal.org_path),
                                    workday_end=WORKDAY_END, tz=timezone.get_default_timezone())
        return {"department": dept, "due_at": deadline.due_at, "needs_review": deadline.needs_review}, dept
    if action == ProposalAction.ANSWER:
        text = clean_text(answer, field="answer", max_length=5000, required=True)
        return {"answer": text}, ""
    if action == ProposalAction.RATE:
        value = clean_choice(rating, Rating, field="rating", label=_("提案人评价"))
        text = clean_text(note, field="rating_note", max_length=300)
        return {"rating": value, "rating_note": text}, text
    return {}, clean_text(note, field="note", max_length=500)


def proposal_transition(*, actor: Any, proposal: Proposal, action: str, note: str = "", department: str = "",
                        answer: str = "", rating: str = "", version: int | None = None,
                        now: datetime.datetime | None = None) -> Proposal:
    _require_transition(actor, proposal, action)
    if version is not None and version != proposal.version:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")
    rule = check_action(proposal.status, action)
    now = now or timezone.now()
    values, event_note = _values_for(action, proposal, now, note=note, department=department, answer=answer,
                                     rating=rating)
    values.update(status=rule.target, version=F("version") + 1, **{rule.stamp: now})
    old = proposal.status
    with transaction.atomic():
        if not Proposal.objects.filter(pk=proposal.pk, status=old, version=proposal.version).update(**values):
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        proposal.refresh_from_db()
        _event(actor, proposal, action, old, proposal.status, event_note)
    return proposal

"""五小 and 合理化建议: submission (a worker on the portal, or a cadre entering one for someone), the one
transition service over the review table, the benefit (创效) assessment, rewards and patents."""

import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, msg
from gonghui.members.models import Member
from gonghui.members.services.applications import PortalWorker
from gonghui.orgs.models import Employer
from gonghui.skills.innovation_choices import (
    PatentKind,
    SuggestionAction,
    SuggestionChannel,
    SuggestionKind,
    SuggestionStatus,
)
from gonghui.skills.innovation_workflow import REWARDABLE, check_suggestion
from gonghui.skills.models import InnovationStudio, Patent, Suggestion, SuggestionEvent, SuggestionReward
from gonghui.skills.services.innovation_common import (
    clean_amount,
    clean_choice,
    clean_day,
    clean_text,
    not_before,
    record,
    refuse_stale,
    require_manage,
)
from gonghui.skills.services.studios import require_active_studio, studio_event
from gonghui.skills.suggestion_selectors import worker_member

CONCURRENT_CHANGE = _("该建议刚刚已被他人办理，请刷新后再操作。")


def _event(actor: Any, suggestion: Suggestion, action: str, old: str = "", new: str = "", note: str = "",
           detail: dict[str, Any] | None = None) -> None:
    record(actor=actor, event_model=SuggestionEvent, owner_field="suggestion", obj=suggestion, action=action,
           old_status=old, new_status=new, note=note, detail=detail)


def _create(actor: Any, *, employer: Employer, kind: str, title: str, content: str, proposer_name: str,
            proposer: Member | None, co_proposers: str, department: str, channel: str,
            submitted_on: datetime.date) -> Suggestion:
    values = {
        "kind": clean_choice(kind, SuggestionKind, field="kind"),
        "title": clean_text(title, field="title", max_length=120, required=True),
        "content": clean_text(content, field="content", max_length=5000, required=True),
        "proposer_name": clean_text(proposer_name, field="proposer_name", max_length=50, required=True),
        "co_proposers": clean_text(co_proposers, field="co_proposers", max_length=200),
        "department": clean_text(department, field="department", max_length=60),
    }
    with transaction.atomic():
        suggestion = Suggestion.objects.create(employer=employer, proposer=proposer, channel=channel,
                                               submitted_on=submitted_on, org_path=employer.org_path, **values)
        _event(actor, suggestion, SuggestionAction.SUBMIT, "", suggestion.status, "",
               {"kind": suggestion.kind, "channel": channel})
    return suggestion


def suggestion_enter(*, actor: Any, employer: Employer, kind: str, title: str, content: str,
                     proposer_name: str = "", proposer: Member | None = None, co_proposers: str = "",
                     department: str = "", submitted_on: datetime.date | None = None,
                     today: datetime.date | None = None) -> Suggestion:
    """A cadre enters a suggestion for a worker (from paper, a suggestion box, a 合理化建议月 campaign);
    the proposer is named, and linked when they are a member working at the employer."""
    require_manage(actor, employer.org_path)
    today = today or timezone.localdate()
    day = clean_day(submitted_on or today, field="submitted_on", today=today)
    if proposer is not None:
        if proposer.employer_id != employer.pk:
            raise ValidationFailed(_("提出人须为本单位职工。"), field="proposer", code="member_elsewhere")
        proposer_name = proposer_name or proposer.name
    return _create(actor, employer=employer, kind=kind, title=title, content=content, proposer_name=proposer_name,
                   proposer=proposer, co_proposers=co_proposers, department=department,
                   channel=SuggestionChannel.CONSOLE, submitted_on=day)


def suggestion_submit(*, worker: PortalWorker, kind: str, title: str, content: str, co_proposers: str = "",
                      department: str = "", today: datetime.date | None = None) -> Suggestion:
    """A worker submits on the portal, as themself, for the employer the registry names."""
    member = worker_member(worker)
    if member is None:
        raise PermissionDenied(_("只有已登记的工会会员才能在线提交建议。"))
    if member.employer is None:
        raise ValidationFailed(_("会员档案中没有工作单位，请联系所在工会补充后再提交。"), field="employer",
                               code="no_employer")
    return _create(worker, employer=member.employer, kind=kind, title=title, content=content,
                   proposer_name=member.name, proposer=member, co_proposers=co_proposers, department=department,
                   channel=SuggestionChannel.PORTAL, submitted_on=today or timezone.localdate())


def suggestion_transition(*, actor: Any, suggestion: Suggestion, action: str, on: datetime.date | None = None,
                          note: str = "", version: int | None = None,
                          today: datetime.date | None = None) -> Suggestion:
    """采纳, 不予采纳 (the reason required) or 实施, on the day `on` (today by default)."""
    require_manage(actor, suggestion.org_path)
    refuse_stale(suggestion, version, CONCURRENT_CHANGE)
    rule = check_suggestion(suggestion.status, action)
    today = today or timezone.localdate()
    day = clean_day(on or today, field="on", today=today)
    not_before(day, suggestion.submitted_on if action != SuggestionAction.IMPLEMENT else suggestion.decided_on,
               field="on", earlier_field="submitted_on" if action != SuggestionAction.IMPLEMENT else "decided_on")
    values: dict[str, Any] = {"status": rule.target, rule.stamp: day, "version": F("version") + 1}
    if action == SuggestionAction.REJECT:
        values["review_note"] = text = clean_text(note, field="reason", max_length=500, required=True)
    elif action == SuggestionAction.ADOPT:
        values["review_note"] = text = clean_text(note, field="note", max_length=500)
    else:
        values["implementation_note"] = text = clean_text(note, field="implementation_note", max_length=500)
    old = suggestion.status
    with transaction.atomic():
        if not Suggestion.objects.filter(pk=suggestion.pk, status=old, version=suggestion.version).update(**values):
            if not Suggestion.objects.filter(pk=suggestion.pk).exists():
                raise NotFound()
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        suggestion.refresh_from_db()
        _event(actor, suggestion, action, old, suggestion.status, text, {"on": day})
    return suggestion


def suggestion_assess_benefit(*, actor: Any, suggestion: Suggestion, benefit: Any, assessor: str,
                              assessed_on: datetime.date | None, basis: str = "", version: int | None = None,
                              today: datetime.date | None = None) -> Suggestion:
    """The benefit (创效) in 万元 of an implemented suggestion, with who assessed it and when. A
    re-assessment replaces the figure; the timeline keeps the one before."""
    require_manage(actor, suggestion.org_path)
    refuse_stale(suggestion, version, CONCURRENT_CHANGE)
    if suggestion.status != SuggestionStatus.IMPLEMENTED:
        raise ValidationFailed(msg(_("建议实施后才能核定创效，当前状态为“%(status)s”。"),
                                   {"status": SuggestionStatus(suggestion.status).label}),
                               field="status", code="not_implemented")
    amount = clean_amount(benefit, field="benefit", max_digits=14)
    who_assessed = clean_text(assessor, field="assessor", max_length=100, required=True)
    day = clean_day(assessed_on, field="assessed_on", today=today)
    not_before(day, suggestion.implemented_on, field="assessed_on", earlier_field="implemented_on")
    text = clean_text(basis, field="basis", max_length=500)
    before = suggestion.benefit
    with transaction.atomic():
        if not Suggestion.objects.filter(pk=suggestion.pk, version=suggestion.version).update(
                benefit=amount, benefit_assessor=who_assessed, benefit_assessed_on=day, benefit_basis=text,
                version=F("version") + 1):
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        suggestion.refresh_from_db()
        _event(actor, suggestion, SuggestionAction.ASSESS, note=text,
               detail={"benefit": amount, "before": before, "assessor": who_assessed, "on": day})
    return suggestion


def suggestion_reward(*, actor: Any, suggestion: Suggestion, amount: Any, paid_on: datetime.date | None,
                      note: str = "", today: datetime.date | None = None) -> SuggestionReward:
    require_manage(actor, suggestion.org_path)
    if suggestion.status not in REWARDABLE:
        raise ValidationFailed(msg(_("建议采纳后才能登记奖励，当前状态为“%(status)s”。"),
                                   {"status": SuggestionStatus(suggestion.status).label}),
                               field="status", code="not_adopted")
    money = clean_amount(amount, field="amount", positive=True)
    day = clean_day(paid_on, field="paid_on", today=today)
    assert money is not None
    not_before(day, suggestion.decided_on, field="paid_on", earlier_field="decided_on")
    text = clean_text(note, field="note", max_length=200)
    with transaction.atomic():
        reward = SuggestionReward.objects.create(suggestion=suggestion, amount=money, paid_on=day, note=text,
                                                 org_path=suggestion.org_path)
        _event(actor, suggestion, SuggestionAction.REWARD, note=text, detail={"amount": money, "on": day})
    return reward


def patent_register(*, actor: Any, number: str, kind: str, title: str, granted_on: datetime.date | None,
                    suggestion: Suggestion | None = None, studio: InnovationStudio | None = None,
                    today: datetime.date | None = None) -> Patent:
    """A patent granted on a suggestion's or a studio's work; the number is the CNIPA one, once only."""
    owner: Any = suggestion or studio
    if owner is None:
        raise ValidationFailed(_("请选择专利所属的建议或创新工作室。"), field="suggestion", code="required")
    require_manage(actor, owner.org_path)
    if suggestion is None and studio is not None:
        require_active_studio(studio)  # a studio that lost its plaque records nothing more, patents included
    code = clean_text(number, field="number", max_length=30, required=True).upper().replace(" ", "")
    patent_kind = clean_choice(kind, PatentKind, field="patent_kind")
    name = clean_text(title, field="title", max_length=120, required=True)
    day = clean_day(granted_on, field="granted_on", today=today)
    try:
        with transaction.atomic():
            patent = Patent.objects.create(number=code, kind=patent_kind, title=name, granted_on=day,
                                           suggestion=suggestion, studio=studio if suggestion is None else None,
                                           org_path=owner.org_path)
            detail = {"number": code, "kind": patent_kind}
            if suggestion is not None:
                _event(actor, suggestion, SuggestionAction.PATENT, note=code, detail=detail)
            else:
                studio_event(actor, owner, "patent", note=code, detail=detail)
    except IntegrityError:
        raise Conflict(msg(_("专利号 %(number)s 已登记。"), {"number": code}), field="number",
                       code="duplicate_patent") from None
    return patent


__all__ = ["patent_register", "suggestion_assess_benefit", "suggestion_enter", "suggestion_reward",
           "suggestion_submit", "suggestion_transition"]

"""Claims (互助保障给付): submitted by a cadre on the member's behalf, reviewed, approved with an
amount within the plan's limits or rejected with a reason, and paid.

`claim_transition` is the one write path for every change of a claim (ARCHITECTURE.md §5): it
checks the status table and the grant at the right union, writes with compare-and-set on status
and version, stamps the stage time, and leaves an event and an audit row.
"""

import datetime
from collections.abc import Sequence
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, NotFound, ValidationFailed, msg
from gonghui.core.money import yuan
from gonghui.core.permissions import Perm
from gonghui.core.storage import atomic_with_files
from gonghui.mutualaid.choices import CLAIM_KINDS_OF_PLAN, ClaimAction, ClaimKind, EnrolmentStatus, PlanStatus
from gonghui.mutualaid.models import MutualAidClaim, MutualAidClaimDocument, MutualAidEnrolment, MutualAidPlan
from gonghui.mutualaid.rules import Cap, Payable, payable_amount, waiting_ends_on
from gonghui.mutualaid.services.common import clean_date, clean_money, clean_text, label_of, record_event, who
from gonghui.mutualaid.services.documents import store_document, validate_document
from gonghui.mutualaid.workflow import At, check_action
from gonghui.orgs.scope import require

CLAIM_CONCURRENT_CHANGE = _("该给付申请刚刚已被他人办理，请刷新后查看再操作。")
SUBMIT_FIELDS = ("kind", "event_date", "amount_claimed", "diagnosis")


def _path_for(claim: MutualAidClaim, at: At) -> str:
    return claim.org_path if at == At.MEMBER_UNION else claim.plan.org_path


def claim_transition(*, actor: Any, claim: MutualAidClaim, action: str, changes: dict[str, Any] | None = None,
                     note: str = "", detail: dict[str, Any] | None = None,
                     version: int | None = None) -> MutualAidClaim:
    """Apply `action` to `claim` as loaded by the caller; a change by someone else since then (or
    since `version`) is a Conflict."""
    if version is not None and version != claim.version:
        raise Conflict(CLAIM_CONCURRENT_CHANGE, code="concurrent_change", field="version")
    rule = check_action(claim.status, action)
    require(actor, rule.permission, _path_for(claim, rule.at))
    now = timezone.now()
    values: dict[str, Any] = {**(changes or {}), "version": F("version") + 1, "updated_at": now}
    if rule.target is not None:
        values["status"] = rule.target
    if rule.stamp:
        values[rule.stamp] = now
    old_status = claim.status
    with transaction.atomic():
        if not MutualAidClaim.objects.filter(pk=claim.pk, status=old_status, version=claim.version).update(**values):
            if not MutualAidClaim.objects.filter(pk=claim.pk).exists():
                raise NotFound()
            raise Conflict(CLAIM_CONCURRENT_CHANGE, code="concurrent_change")
        claim.refresh_from_db()
        record_event(actor=actor, plan=claim.plan, claim=claim, action=f"claim_{action}", old_status=old_status,
                     new_status=claim.status if rule.target is not None else "", note=note, detail=detail)
    return claim


def _clean_kind(plan: MutualAidPlan, value: Any) -> str:
    text = clean_text(value, field="kind", max_length=40, required=True)
    by_label = {str(label): code for code, label in ClaimKind.choices}
    kind = text if text in ClaimKind.values else by_label.get(text, "")
    if kind not in CLAIM_KINDS_OF_PLAN[plan.kind]:
        raise ValidationFailed(msg(_("“%(plan)s”不保障此类给付。"), {"plan": plan.name}), field="kind", code="kind")
    return kind


def _check_event_date(plan: MutualAidPlan, event_date: datetime.date) -> None:
    if event_date > timezone.localdate():
        raise ValidationFailed(_("发病/出险日期不能晚于今天。"), field="event_date", code="future")
    if not plan.starts_on <= event_date <= plan.ends_on:
        raise ValidationFailed(
            msg(_("发病/出险日期不在保障期（%(start)s至%(end)s）内。"),
                {"start": plan.starts_on.isoformat(), "end": plan.ends_on.isoformat()}),
            field="event_date", code="outside_term")


@atomic_with_files()
def claim_submit(*, actor: Any, enrolment: MutualAidEnrolment, data: dict[str, Any],
                 documents: Sequence[UploadedFile] = ()) -> MutualAidClaim:
    """A cadre of the member's union files a claim for the member, with the documents at hand."""
    require(actor, Perm.MUTUAL_AID_MANAGE, enrolment.org_path)
    unknown = set(data) - set(SUBMIT_FIELDS)
    if unknown:
        raise ValidationFailed(msg(_("不能填写字段：%(f)s。"), {"f": ", ".join(sorted(unknown))}),
                               field=sorted(unknown)[0])
    plan = enrolment.plan
    # The enrolment row as it is now, locked: a cancellation cannot slip in between this check and the insert.
    status = MutualAidEnrolment.objects.select_for_update().values_list("status", flat=True).get(pk=enrolment.pk)
    if status != EnrolmentStatus.ACTIVE:
        raise ValidationFailed(_("该会员的参保记录已失效，不能申请给付。"), field="enrolment", code="not_enrolled")
    if plan.status == PlanStatus.DRAFT:
        raise ValidationFailed(_("计划尚未开始，不能申请给付。"), field="plan", code="plan_not_open")
    kind = _clean_kind(plan, data.get("kind"))
    event_date = clean_date(data.get("event_date"), field="event_date")
    _check_event_date(plan, event_date)
    amount = clean_money(data.get("amount_claimed"), field="amount_claimed")
    diagnosis = clean_text(data.get("diagnosis"), field="diagnosis", max_length=2000, required=True)
    checked = [(upload, *validate_document(upload)) for upload in documents]
    claim = MutualAidClaim.objects.create(enrolment=enrolment, plan=plan, member_id=enrolment.member_id,
                                          org_path=enrolment.org_path, kind=kind, event_date=event_date,
                                          amount_claimed=amount, diagnosis=diagnosis, submitted_at=timezone.now())
    for upload, content_type, sha256 in checked:
        store_document(actor=actor, claim=claim, upload=upload, content_type=content_type, sha256=sha256)
    # The diagnosis is health data: it goes to neither the event nor the audit row.
    record_event(actor=actor, plan=plan, claim=claim, action="claim_submit", new_status=claim.status,
                 detail={"kind": kind, "event_date": event_date.isoformat(), "amount_claimed": str(amount),
                         "documents": [sha for _u, _t, sha in checked]})
    return claim


@atomic_with_files()
def claim_attach(*, actor: Any, claim: MutualAidClaim, upload: UploadedFile,
                 version: int | None = None) -> MutualAidClaimDocument:
    content_type, sha256 = validate_document(upload)
    claim = claim_transition(actor=actor, claim=claim, action=ClaimAction.ATTACH, version=version,
                             note=(upload.name or "")[-200:], detail={"sha256": sha256, "size": upload.size})
    return store_document(actor=actor, claim=claim, upload=upload, content_type=content_type, sha256=sha256)


@transaction.atomic
def claim_review(*, actor: Any, claim: MutualAidClaim, note: str = "", version: int | None = None
                 ) -> MutualAidClaim:
    """The member's union has checked the documents against the claim."""
    note = clean_text(note, field="note", max_length=500)
    return claim_transition(actor=actor, claim=claim, action=ClaimAction.REVIEW, note=note, version=version)


def claim_payable(*, claim: MutualAidClaim, enrolment: MutualAidEnrolment | None = None) -> Payable:
    """The most this claim may be paid now, with every rule that cut it (for the approval and its page)."""
    enrolment = enrolment or claim.enrolment
    return payable_amount(rules=claim.plan.rules, covered_from=enrolment.covered_from, event_date=claim.event_date,
                          claimed=claim.amount_claimed, already_approved=enrolment.approved_total)


def _over_limit(payable: Payable, claim: MutualAidClaim, enrolment: MutualAidEnrolment) -> ValidationFailed:
    if Cap.WAITING_PERIOD in payable.caps:
        first = waiting_ends_on(covered_from=enrolment.covered_from, waiting_days=claim.plan.waiting_days)
        return ValidationFailed(msg(_("发病/出险日期在等待期内（%(date)s起才予保障），不能批准，请拒付。"),
                                    {"date": first.isoformat()}), field="amount", code="waiting_period")
    if Cap.OUTSIDE_TERM in payable.caps:
        return ValidationFailed(_("发病/出险日期不在保障期内，不能批准，请拒付。"), field="amount", code="outside_term")
    if payable.nothing:
        return ValidationFailed(_("该会员本年度的累计给付已达年度限额，不能再批准，请拒付。"), field="amount",
                                code="over_limit")
    reasons = {Cap.PER_CLAIM: _("单次给付限额"), Cap.YEARLY: _("本年度剩余可给付额度")}
    because = [reasons[c] for c in payable.caps if c in reasons] or [label_of("amount_claimed")]
    return ValidationFailed(msg(_("核定金额不能超过%(max)s元（受%(why)s限制）。"),
                                {"max": yuan(payable.amount), "why": because[-1]}), field="amount",
                            code="over_limit")


@transaction.atomic
def claim_approve(*, actor: Any, claim: MutualAidClaim, amount: Any, note: str = "",
                  version: int | None = None) -> MutualAidClaim:
    """The plan's union approves an amount within the per-claim limit and the member's yearly
    remainder, after the waiting period."""
    rule = check_action(claim.status, ClaimAction.APPROVE)
    require(actor, rule.permission, _path_for(claim, rule.at))
    amount = clean_money(amount, field="amount")
    note = clean_text(note, field="note", max_length=500)
    # The enrolment row is the lock: a second approval for the same member waits here and then reads
    # the total the first one left, so two approvals can never pass the yearly limit together.
    enrolment = MutualAidEnrolment.objects.select_for_update().get(pk=claim.enrolment_id)
    payable = claim_payable(claim=claim, enrolment=enrolment)
    if payable.nothing or amount > payable.amount:
        raise _over_limit(payable, claim, enrolment)
    claim = claim_transition(actor=actor, claim=claim, action=ClaimAction.APPROVE, version=version, note=note,
                             changes={"amount_approved": amount},
                             detail={"amount": str(amount), "payable": str(payable.amount),
                                     "approved_before": str(enrolment.approved_total)})
    MutualAidEnrolment.objects.filter(pk=enrolment.pk).update(approved_total=F("approved_total") + amount)
    return claim


@transaction.atomic
def claim_reject(*, actor: Any, claim: MutualAidClaim, reason: str, version: int | None = None) -> MutualAidClaim:
    reason = clean_text(reason, field="reason", max_length=300, required=True)
    return claim_transition(actor=actor, claim=claim, action=ClaimAction.REJECT, version=version, note=reason,
                            changes={"reason": reason})


@transaction.atomic
def claim_pay(*, actor: Any, claim: MutualAidClaim, paid_on: datetime.date | None = None, note: str = "",
              version: int | None = None) -> MutualAidClaim:
    """The approved amount has been paid to the member (bank transfer or cash), on `paid_on`."""
    paid_on = paid_on or timezone.localdate()
    if paid_on > timezone.localdate():
        raise ValidationFailed(_("给付日期不能晚于今天。"), field="paid_on", code="future")
    if claim.decided_at is not None and paid_on < timezone.localdate(claim.decided_at):
        raise ValidationFailed(_("给付日期不能早于批准日期。"), field="paid_on", code="before_approval")
    note = clean_text(note, field="note", max_length=500)
    return claim_transition(actor=actor, claim=claim, action=ClaimAction.PAY, version=version, note=note,
                            changes={"paid_on": paid_on},
                            detail={"paid_on": paid_on.isoformat(), "amount": str(claim.amount_approved)})


def claim_diagnosis_reveal(*, actor: Any, claim: MutualAidClaim, reason: str) -> str:
    """Show the diagnosis in full: health data, so a stated reason and an audit row each time (PIPL)."""
    require(actor, Perm.MUTUAL_AID_MANAGE, claim.org_path)
    reason = clean_text(reason, field="reveal_reason", max_length=200, required=True)
    text = MutualAidClaim.objects.values_list("diagnosis", flat=True).get(pk=claim.pk)
    audit_record(actor=who(actor), action="mutualaid.claim_reveal_diagnosis", obj=claim, org_path=claim.org_path,
                 detail={"reason": reason})
    return text

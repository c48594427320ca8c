"""The batch's way from submission to money: submit, return, approve, mark paid, cancel.

Approval commits the batch's total against the programme's budget under a lock on the programme
row; the check constraint (committed ≤ budget) is the last word, so two approvals racing for the
last of a budget leave one approved batch and one BudgetExceeded, never an overspent programme.
Every step is a compare-and-set on the batch's status, with an event and an audit row.
"""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.aid.choices import BatchAction, BatchStatus, GrantStatus, ProgrammeKind
from gonghui.aid.cleaning import clean_text
from gonghui.aid.errors import BudgetExceeded
from gonghui.aid.models import AidBatch, AidGrant, AidProgramme
from gonghui.aid.registry import mark_households_aided
from gonghui.aid.services.common import record_batch_event, require_any
from gonghui.aid.workflow import check_action
from gonghui.core.errors import Conflict, PermissionDenied, ValidationFailed, msg
from gonghui.core.money import yuan

CONCURRENT_CHANGE = _("该批次刚刚已被他人处理，请刷新后查看再操作。")


def pending_total(batch: AidBatch) -> Decimal:
    total = AidGrant.objects.filter(batch=batch, status=GrantStatus.PENDING).aggregate(
        s=Sum(F("cash") + F("goods_value")))["s"]
    return Decimal(total or 0).quantize(Decimal("0.01"))


def lock_batch(batch: AidBatch, *, programme_too: bool = False) -> AidBatch:
    """The batch as it is now, locked; the programme row first when money moves, so every path takes
    the two locks in the same order and none waits on another in a circle."""
    if programme_too:
        AidProgramme.objects.select_for_update().filter(pk=batch.programme_id).values_list("pk").get()
    return AidBatch.objects.select_for_update(of=("self",)).select_related("programme").get(pk=batch.pk)


def _guard(actor: Any, batch: AidBatch, action: str, version: int | None = None) -> None:
    if version is not None and version != batch.version:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")
    require_any(actor, check_action(batch.status, action).permissions, batch.org_path)


def _move(actor: Any, locked: AidBatch, action: str, *, note: str = "", **values: Any) -> None:
    """Apply one transition to the locked batch by compare-and-set, with its event and audit rows."""
    rule = check_action(locked.status, action)
    target = values.pop("status", rule.target)
    now = timezone.now()
    if rule.stamp:
        values[rule.stamp] = now
    moved = AidBatch.objects.filter(pk=locked.pk, status=locked.status).update(
        status=target, version=F("version") + 1, **values)
    if not moved:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")
    record_batch_event(actor=actor, batch=locked, action=action, old_status=locked.status, new_status=target,
                       note=note, detail={k: str(v) for k, v in values.items() if k in ("committed",)}, at=now)


def batch_submit(*, actor: Any, batch: AidBatch, version: int | None = None) -> AidBatch:
    with transaction.atomic():
        locked = lock_batch(batch)
        _guard(actor, locked, BatchAction.SUBMIT, version)
        pending = AidGrant.objects.filter(batch=locked, status=GrantStatus.PENDING)
        if not pending.exists():
            raise ValidationFailed(_("批次中没有发放对象，不能提交。"), field="grants", code="empty")
        if locked.programme.kind == ProgrammeKind.AUTUMN_STUDY_AID and pending.filter(
                Q(student_name="") | Q(school="") | Q(grade="")).exists():
            raise ValidationFailed(_("金秋助学批次中有记录未填写学生姓名、学校或年级。"), field="student_name",
                                   code="student_missing")
        _move(actor, locked, BatchAction.SUBMIT)
    batch.refresh_from_db()
    return batch


def batch_return(*, actor: Any, batch: AidBatch, reason: str, version: int | None = None) -> AidBatch:
    reason = clean_text(reason, field="reason", max_length=200, required=True)
    with transaction.atomic():
        locked = lock_batch(batch)
        _guard(actor, locked, BatchAction.RETURN, version)
        _move(actor, locked, BatchAction.RETURN, note=reason)
    batch.refresh_from_db()
    return batch


def batch_approve(*, actor: Any, batch: AidBatch, version: int | None = None) -> AidBatch:
    try:
        with transaction.atomic():
            # The programme row first: every approval of this programme waits here for the one before.
            locked = lock_batch(batch, programme_too=True)
            _guard(actor, locked, BatchAction.APPROVE, version)
            if settings.GONGHUI_AID_SEPARATE_APPROVER and locked.prepared_by_id is not None \
                    and locked.prepared_by_id == getattr(actor, "pk", None):
                raise PermissionDenied(_("经办人不能审批自己经办的批次。"), code="same_person")
            programme = AidProgramme.objects.get(pk=locked.programme_id)
            total = pending_total(locked)
            if programme.committed + total > programme.budget:
                raise BudgetExceeded(msg(
                    _("预算余额不足：本批次%(total)s元，项目预算%(budget)s元，已承诺%(committed)s元，余额%(left)s元。"),
                    {"total": yuan(total), "budget": yuan(programme.budget), "committed": yuan(programme.committed),
                     "left": yuan(programme.budget - programme.committed)}))
            AidProgramme.objects.filter(pk=programme.pk).update(committed=F("committed") + total,
                                                                version=F("version") + 1)
            _move(actor, locked, BatchAction.APPROVE, committed=total, approved_by=_user_or_none(actor))
    except IntegrityError as exc:
        raise BudgetExceeded() from exc
    batch.refresh_from_db()
    return batch


def _user_or_none(actor: Any) -> Any:
    return None if getattr(actor, "is_system_actor", False) else actor


def batch_mark_paid(*, actor: Any, batch: AidBatch, version: int | None = None) -> AidBatch:
    """Everything pending was handed over (cash in hand, goods delivered at a visit): all paid."""
    with transaction.atomic():
        locked = lock_batch(batch, programme_too=True)
        _guard(actor, locked, BatchAction.MARK_PAID, version)
        total = pending_total(locked)
        AidGrant.objects.filter(batch=locked, status=GrantStatus.PENDING).update(
            status=GrantStatus.PAID, paid_on=locked.granted_on)
        AidProgramme.objects.filter(pk=locked.programme_id).update(paid=F("paid") + total, version=F("version") + 1)
        _move(actor, locked, BatchAction.MARK_PAID)
        mark_households_aided(actor=actor, batch=locked)
    batch.refresh_from_db()
    return batch


def batch_cancel(*, actor: Any, batch: AidBatch, reason: str, version: int | None = None) -> AidBatch:
    """作废: only before any money moved; an approved batch gives its commitment back to the budget."""
    reason = clean_text(reason, field="reason", max_length=200, required=True)
    with transaction.atomic():
        locked = lock_batch(batch, programme_too=True)
        _guard(actor, locked, BatchAction.CANCEL, version)
        if AidGrant.objects.filter(batch=locked, status=GrantStatus.PAID).exists():
            raise ValidationFailed(_("批次中已有发放成功的记录，不能作废。"), field="status", code="paid_rows")
        if locked.committed:
            AidProgramme.objects.filter(pk=locked.programme_id).update(
                committed=F("committed") - locked.committed, version=F("version") + 1)
        AidGrant.objects.filter(batch=locked, status=GrantStatus.PENDING).update(
            status=GrantStatus.CANCELLED, failure_reason=reason)
        _move(actor, locked, BatchAction.CANCEL, note=reason, cancel_reason=reason, committed=Decimal(0))
    batch.refresh_from_db()
    return batch


def batch_close_after_result(batch: AidBatch) -> str | None:
    """The status the bank's result leaves: paid or partly paid once no row is pending, else unchanged."""
    statuses = set(AidGrant.objects.filter(batch=batch).exclude(status=GrantStatus.CANCELLED)
                   .values_list("status", flat=True).distinct())
    if GrantStatus.PENDING in statuses:
        return None
    return BatchStatus.PARTLY_PAID if GrantStatus.FAILED in statuses else BatchStatus.PAID

"""The one write path for every change of a case (ARCHITECTURE.md §5).

It checks the action against the status table and the actor's scope (both ends when the case
changes hands), writes with compare-and-set on status and version, stamps the stage time,
recomputes the stored deadline where the rule says so, and leaves an event and an audit row.
"""

import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.cases.deadlines import deadline_for
from gonghui.cases.models import Case
from gonghui.cases.services.caller_notice import notify_caller
from gonghui.cases.services.common import record_case_event
from gonghui.cases.standing import archived_refusal, check_standing
from gonghui.cases.workflow import REOPENING, Move, Rule, check_action
from gonghui.core.errors import Conflict, NotFound, ValidationFailed
from gonghui.orgs import tree
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import require

CONCURRENT_CHANGE = _("该案件刚刚已被他人办理（状态或内容已变化），请刷新后查看再操作。")




def _check_to_end(actor: Any, rule: Rule, case: Case, to_union: TradeUnion | None) -> TradeUnion | None:
    if rule.move == Move.NONE:
        return None
    if to_union is None:
        raise ValidationFailed(_("请选择接收工会。"), field="union", code="required")
    if not to_union.is_active:
        raise ValidationFailed(_("接收工会已合并或撤销。"), field="union", code="union_ended")
    if rule.move == Move.DOWN:
        if to_union.pk == case.handling_union_id:
            raise ValidationFailed(_("案件已在该工会办理，请选择其他工会。"), field="union", code="same_union")
        # The receiving end is checked like the sending end: a dispatcher reaches only its own subtree.
        require(actor, rule.permission, to_union.path, visible_permission="case.view")
    elif rule.move == Move.BACK:
        if case.dispatched_from_id is None or to_union.pk != case.dispatched_from_id:
            raise ValidationFailed(_("案件只能退回派单的工会。"), field="union", code="not_dispatcher")
    # A lower union's cadres hold no grant above themselves, so the upper end of an escalation is
    # checked by structure: exactly the parent of the union holding the case, never a sideways union.
    elif rule.move == Move.PARENT and tree.parent_path_of(case.org_path) != to_union.path:
        raise ValidationFailed(_("案件只能上报给上一级工会。"), field="union", code="not_parent")
    return to_union


def refuse_stale(case: Case, version: int | None) -> None:
    """`version` is the copy the cadre acted on (the page, the API client's read): older than the case as
    loaded now means someone else got there first, the same Conflict as a race lost at the write."""
    if version is not None and version != case.version:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")


def case_transition(*, actor: Any, case: Case, action: str, to_union: TradeUnion | None = None,
                    changes: dict[str, Any] | None = None, note: str = "", detail: dict[str, Any] | None = None,
                    now: datetime.datetime | None = None, version: int | None = None) -> Case:
    """Apply `action` to `case` as loaded by the caller; a change by someone else since then (or since
    `version`) is a Conflict."""
    refuse_stale(case, version)
    if refusal := archived_refusal(case):
        raise refusal
    rule = check_action(case.status, action)
    check_standing(actor, case, action)
    target_union = _check_to_end(actor, rule, case, to_union)
    now = now or timezone.now()
    values: dict[str, Any] = dict(changes or {})
    values.update(version=F("version") + 1, updated_at=now)
    if rule.target is not None:
        values["status"] = rule.target
    if rule.stamp:
        values[rule.stamp] = now
    if target_union is not None:
        values.update(handling_union=target_union, org_path=target_union.path)
        # After a return the case sits with its dispatcher again, which has nobody to return it to.
        values["dispatched_from"] = None if rule.move == Move.BACK else case.handling_union
    org_path = target_union.path if target_union is not None else case.org_path
    difficulty = values.get("difficulty", case.difficulty)
    if rule.recompute_deadline and difficulty:
        # Counted from receipt; a reopened case starts a new period from its reopening.
        counted_from = now if action in REOPENING else (case.reopened_at or case.received_at)
        deadline = deadline_for(org_path=org_path, difficulty=difficulty, counted_from=counted_from)
        values.update(due_at=deadline.due_at, needs_review=deadline.needs_review)
        if deadline.due_at >= now:
            values["overdue"] = False
        # A deadline already past is left for the sweep to flag, so its event and notices are written once.
        if action in REOPENING:
            values["overdue_escalated_at"] = None
    old_status = case.status
    from_union = case.handling_union if target_union is not None else None
    with transaction.atomic():
        if not Case.objects.filter(pk=case.pk, status=old_status, version=case.version).update(**values):
            if not Case.objects.filter(pk=case.pk).exists():
                raise NotFound()
            raise Conflict(CONCURRENT_CHANGE, code="concurrent_change")
        case.refresh_from_db()
        record_case_event(actor=actor, case=case, action=action, old_status=old_status,
                          new_status=case.status if rule.target is not None else "", note=note,
                          from_union=from_union, to_union=target_union, detail=detail)
        notify_caller(case, action)
    return case


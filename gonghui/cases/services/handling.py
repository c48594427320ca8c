"""From classification to closing: each step is a thin service over `case_transition`."""

import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.cases import limits
from gonghui.cases.choices import Action, Category, Difficulty, Kind, Rating
from gonghui.cases.models import Case
from gonghui.cases.services.common import clean_choice, clean_text
from gonghui.cases.services.transition import case_transition, refuse_stale
from gonghui.cases.standing import check_standing, precondition_refusal
from gonghui.cases.workflow import REOPEN_WINDOW, check_action
from gonghui.core.errors import InvalidFields, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.core.text import normalize_text
from gonghui.orgs import tree
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import scope_for

MONEY_MAX = Decimal("999999999999.99")


def case_classify(*, actor: Any, case: Case, category: str, difficulty: str, kind: str = "",
                  note: str = "", version: int | None = None) -> Case:
    """分类定级: the difficulty fixes the 办结时限, counted from receipt."""
    errors: list[ValidationFailed] = []
    changes: dict[str, Any] = {}
    for name, value, choices in (("category", category, Category), ("difficulty", difficulty, Difficulty),
                                 ("kind", kind or case.kind, Kind)):
        try:
            changes[name] = clean_choice(value, choices, field=name)
        except ValidationFailed as exc:
            errors.append(exc)
    if errors:
        raise InvalidFields(errors)
    return case_transition(actor=actor, case=case, version=version, action=Action.CLASSIFY, changes=changes,
                           note=clean_text(note, field="note", max_length=limits.NOTE),
                           detail={"difficulty": changes["difficulty"], "category": changes["category"]})


def case_dispatch(*, actor: Any, case: Case, union: TradeUnion, note: str = "",
                  version: int | None = None) -> Case:
    """派单: to any union in the dispatcher's own subtree; both ends are checked."""
    return case_transition(actor=actor, case=case, version=version, action=Action.DISPATCH, to_union=union,
                           changes={"handler": None}, note=clean_text(note, field="note", max_length=limits.NOTE))


def case_accept(*, actor: Any, case: Case, note: str = "", version: int | None = None) -> Case:
    return case_transition(actor=actor, case=case, version=version, action=Action.ACCEPT,
                           note=clean_text(note, field="note", max_length=limits.NOTE))


def case_return(*, actor: Any, case: Case, reason: str, version: int | None = None) -> Case:
    """退回: the receiving union hands the case back up to whoever dispatched it, saying why."""
    refuse_stale(case, version)
    reason = clean_text(reason, field="reason", max_length=limits.REASON, required=True)
    check_action(case.status, Action.RETURN)
    if refusal := precondition_refusal(case, Action.RETURN):
        raise refusal
    back = TradeUnion.objects.filter(pk=case.dispatched_from_id).first() if case.dispatched_from_id else None
    if back is None:
        raise ValidationFailed(_("该案件不是派单而来，无处退回。"), field="union", code="not_dispatcher")
    return case_transition(actor=actor, case=case, version=version, action=Action.RETURN, to_union=back,
                           changes={"handler": None}, note=reason)


def case_start(*, actor: Any, case: Case, note: str = "", version: int | None = None) -> Case:
    changes: dict[str, Any] = {}
    if case.handler_id is None and getattr(actor, "pk", None) and not getattr(actor, "is_system_actor", False):
        changes["handler"] = actor  # whoever starts a case nobody was assigned to handles it
    return case_transition(actor=actor, case=case, version=version, action=Action.START, changes=changes,
                           note=clean_text(note, field="note", max_length=limits.NOTE))


def case_add_note(*, actor: Any, case: Case, note: str, version: int | None = None) -> Case:
    """办理记录: a call made, a visit, a mediation session; the status stays."""
    return case_transition(actor=actor, case=case, version=version, action=Action.NOTE,
                           note=clean_text(note, field="note", max_length=limits.RECORD, required=True))


def parse_money(value: Any, *, field: str = "money_recovered") -> Decimal:
    """Amounts as cadres type them: 12,500 / 12500.00 / ￥12500 / 12500元."""
    if isinstance(value, Decimal):
        amount = value
    elif value in (None, ""):
        return Decimal("0.00")
    else:
        text = normalize_text(str(value)).replace(",", "").replace("¥", "").replace("元", "").strip()
        try:
            amount = Decimal(text)
        except InvalidOperation:
            raise ValidationFailed(_("挽回经济损失应为金额（元），如 12500.00。"), field=field,
                                   code="format") from None
    if not amount.is_finite() or amount < 0 or amount > MONEY_MAX:
        raise ValidationFailed(_("挽回经济损失应为不小于0的金额（元）。"), field=field, code="range")
    return amount.quantize(Decimal("0.01"))


def parse_people(value: Any, *, field: str = "people_helped") -> int:
    if value in (None, ""):
        return 0
    try:
        number = int(normalize_text(str(value)))
    except ValueError:
        raise ValidationFailed(_("涉及人数应为整数。"), field=field, code="format") from None
    if not 0 <= number <= 1_000_000:
        raise ValidationFailed(_("涉及人数应在0至1000000之间。"), field=field, code="range")
    return number


def case_resolve(*, actor: Any, case: Case, outcome: str, money_recovered: Any = None,
                 people_helped: Any = None, version: int | None = None) -> Case:
    """办结: what was done, how much money was recovered (元) and for how many workers."""
    errors: list[ValidationFailed] = []
    changes: dict[str, Any] = {}
    for name, func, raw in (("outcome", lambda v: clean_text(v, field="outcome", max_length=limits.OUTCOME,
                                                             required=True), outcome),
                            ("money_recovered", parse_money, money_recovered),
                            ("people_helped", parse_people, people_helped)):
        try:
            changes[name] = func(raw)
        except ValidationFailed as exc:
            errors.append(exc)
    if errors:
        raise InvalidFields(errors)
    return case_transition(actor=actor, case=case, version=version, action=Action.RESOLVE, changes=changes,
                           detail={"money": str(changes["money_recovered"]), "people": changes["people_helped"]})


def case_callback(*, actor: Any, case: Case, rating: str = "", note: str = "", reached: bool = True,
                  version: int | None = None) -> Case:
    """回访: the caller's satisfaction; a caller who cannot be reached (or was anonymous) gets no rating,
    and the note says why."""
    note = clean_text(note, field="callback_note", max_length=limits.CALLBACK_NOTE, required=not reached)
    value = clean_choice(rating, Rating, field="rating") if reached else ""
    return case_transition(actor=actor, case=case, version=version, action=Action.CALLBACK,
                           changes={"rating": value, "callback_note": note}, note=note, detail={"rating": value})


def case_close(*, actor: Any, case: Case, note: str = "", version: int | None = None) -> Case:
    return case_transition(actor=actor, case=case, version=version, action=Action.CLOSE,
                           note=clean_text(note, field="note", max_length=limits.NOTE))


def case_reopen(*, actor: Any, case: Case, reason: str, now: datetime.datetime | None = None,
                version: int | None = None) -> Case:
    """重新办理: only for a caller who was not satisfied, and only within 30 days of closing."""
    refuse_stale(case, version)
    reason = clean_text(reason, field="reason", max_length=limits.REASON, required=True)
    check_action(case.status, Action.REOPEN)
    now = now or timezone.now()
    if refusal := precondition_refusal(case, Action.REOPEN):
        raise refusal
    if case.closed_at is None or now - case.closed_at > REOPEN_WINDOW:
        raise ValidationFailed(_("案件归档已超过30天，不能重新办理。"), field="status", code="reopen_window")
    return case_transition(actor=actor, case=case, version=version, action=Action.REOPEN, now=now,
                           changes={"rating": "", "resolved_at": None, "called_back_at": None}, note=reason)


def case_escalate(*, actor: Any, case: Case, reason: str, now: datetime.datetime | None = None,
                  overdue: bool = False, version: int | None = None) -> Case:
    """上报: to the parent union, one level at a time, up to the top of the tree."""
    refuse_stale(case, version)
    reason = clean_text(reason, field="reason", max_length=limits.REASON, required=True)
    check_action(case.status, Action.ESCALATE)
    check_standing(actor, case, Action.ESCALATE)
    parent_path = tree.parent_path_of(case.org_path)
    parent = TradeUnion.objects.filter(path=parent_path).first() if parent_path else None
    if parent is None:
        raise ValidationFailed(_("案件已在最高一级工会办理，不能再上报。"), field="union", code="top")
    changes: dict[str, Any] = {"escalation_level": case.escalation_level + 1, "handler": None}
    if overdue:
        changes["overdue_escalated_at"] = now or timezone.now()
    return case_transition(actor=actor, case=case, version=version, action=Action.ESCALATE, to_union=parent,
                           changes=changes,
                           note=reason, now=now, detail={"overdue": overdue})


def _may_handle_here(user: Any, case: Case) -> bool:
    # A lawyer's grant reaches the case once assigned: being granted where it is handled is enough.
    return user is not None and getattr(user, "is_active", False) and scope_for(
        user, Perm.CASE_HANDLE).reaches(case.org_path)


def case_assign(*, actor: Any, case: Case, handler: Any = None, lawyer: Any = None, note: str = "",
                version: int | None = None) -> Case:
    """指定承办人/律师: only someone who may handle cases of the handling union."""
    errors: list[ValidationFailed] = []
    changes: dict[str, Any] = {}
    for name, user in (("handler", handler), ("lawyer", lawyer)):
        if user is None:
            continue
        if _may_handle_here(user, case):
            changes[name] = user
        else:
            errors.append(ValidationFailed(_("该人员没有办理本工会案件的权限。"), field=name, code="no_grant"))
    if errors:
        raise InvalidFields(errors)
    if not changes:
        raise ValidationFailed(_("请选择承办人或律师。"), field="handler", code="required")
    return case_transition(actor=actor, case=case, version=version, action=Action.ASSIGN, changes=changes,
                           note=clean_text(note, field="note", max_length=limits.NOTE),
                           detail={k: v.pk for k, v in changes.items()})

"""Pieces every case service shares: who acts, the event and audit rows, field checks."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.cases.models import Case, CaseEvent
from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.text import normalize_text
from gonghui.core.validators import clean_text_field
from gonghui.members.services.common import who
from gonghui.orgs.models import TradeUnion

FIELD_LABELS: dict[str, Any] = {
    "caller_name": _("诉求人"), "description": _("诉求内容"), "address": _("地址"),
    "employer_name": _("用人单位名称"), "note": _("说明"), "reason": _("退回原因"), "outcome": _("办理结果"),
    "callback_note": _("回访情况"), "reply": _("回复"), "money_recovered": _("挽回经济损失"),
    "people_helped": _("涉及人数"), "line": _("业务条线"), "channel": _("来源渠道"), "kind": _("诉求类型"),
    "category": _("问题类别"), "difficulty": _("难易程度"), "rating": _("满意度"), "union": _("工会"),
    "file": _("附件"), "reply_due": _("要求回复日期"), "identity_withheld": _("对用人单位保密身份"),
    "caller_phone": _("联系电话"), "employer_credit_code": _("统一社会信用代码"),
}


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_choice(value: Any, choices: Any, *, field: str, required: bool = True) -> str:
    text = normalize_text(value)
    if not text and not required:
        return ""
    if text in choices.values:
        return text
    # The Chinese label is accepted too (imports, the hotline's own spreadsheets).
    by_label = {str(label): v for v, label in choices.choices}
    if text in by_label:
        return by_label[text]
    if not text:
        raise ValidationFailed(msg(_("请选择%(field)s。"), {"field": label_of(field)}), field=field, code="required")
    raise ValidationFailed(msg(_("%(field)s“%(value)s”无效。"), {"field": label_of(field), "value": text[:20]}),
                           field=field, code="choice")


def record_case_event(*, actor: Any, case: Case, action: str, old_status: str = "", new_status: str = "",
                      note: str = "", from_union: TradeUnion | None = None, to_union: TradeUnion | None = None,
                      detail: dict[str, Any] | None = None) -> CaseEvent:
    """The case's timeline row and the audit row, written together inside the caller's transaction."""
    actor_row = who(actor)
    event = CaseEvent.objects.create(case=case, action=action, old_status=old_status, new_status=new_status,
                                     actor_id=actor_row.id, actor_label=actor_row.shown, note=note[:1000],
                                     from_union=from_union, to_union=to_union)
    audit_record(actor=actor_row, action=f"case.{action}", obj=case, org_path=case.org_path,
                 detail={"old": old_status, "new": new_status, "from": from_union.pk if from_union else None,
                         "to": to_union.pk if to_union else None, **(detail or {})})
    return event


def record_case_steps(*, actor: Any, case: Case, steps: list[tuple[str, str, str, Any, Any]], note: str = "",
                      detail: dict[str, Any] | None = None) -> None:
    """Several steps taken in one write (an intake settled on the call): a timeline row for each,
    `(action, old status, new status, from union, to union)`, and one audit row naming them all."""
    actor_row = who(actor)
    CaseEvent.objects.bulk_create([
        CaseEvent(case=case, action=action, old_status=old, new_status=new, actor_id=actor_row.id,
                  actor_label=actor_row.shown, note=note[:1000] if i == 0 else "", from_union=from_union,
                  to_union=to_union)
        for i, (action, old, new, from_union, to_union) in enumerate(steps)])
    first = steps[0]
    audit_record(actor=actor_row, action=f"case.{first[0]}", obj=case, org_path=case.org_path,
                 detail={"new": case.status, "steps": [s[0] for s in steps],
                         "to": case.handling_union_id, **(detail or {})})

"""Pieces every 民主管理 service shares: who acts, the scope check, the audit row, field checks."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.validators import clean_text_field
from gonghui.democracy.standing import check_holder
from gonghui.members.services.common import who

FIELD_LABELS: dict[str, Any] = {
    "title": _("标题"), "content": _("内容"), "constituency": _("选区"), "name": _("姓名"),
    "department": _("承办部门"), "note": _("说明"), "reason": _("理由"), "answer": _("答复内容"),
    "resolution": _("决议"), "holder_name": _("姓名"), "rating_note": _("评价说明"), "guidance": _("指导意见"),
}


def require_manage(actor: Any, org_path: str) -> None:
    """Out of sight answers like missing; in sight but read-only, or held by another union (a union
    above supervises), answers forbidden (democracy/standing.py)."""
    check_holder(actor, org_path)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=FIELD_LABELS.get(field, field), max_length=max_length,
                            required=required)


def clean_choice(value: Any, choices: Any, *, field: str, label: Any) -> str:
    if value in choices.values:
        return str(value)
    raise ValidationFailed(msg(_("请选择%(field)s。"), {"field": label}), field=field, code="choice")


def require_forward(start: datetime.date | None, end: datetime.date | None, *, start_field: str, end_field: str,
                    start_label: Any, end_label: Any, strictly: bool = True) -> None:
    if start is None:
        raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": start_label}), field=start_field, code="required")
    if end is None:
        raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": end_label}), field=end_field, code="required")
    if end < start or (strictly and end == start):
        raise ValidationFailed(msg(_("%(end)s（%(e)s）须晚于%(start)s（%(s)s）。"),
                                   {"end": end_label, "e": end.isoformat(), "start": start_label,
                                    "s": start.isoformat()}), field=end_field, code="dates_backwards")


def audit(actor: Any, action: str, obj: Any, detail: dict[str, Any] | None = None) -> None:
    audit_record(actor=who(actor), action=f"democracy.{action}", obj=obj, org_path=obj.org_path, detail=detail or {})

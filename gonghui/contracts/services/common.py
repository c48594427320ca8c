"""Pieces every contract service shares: field labels, scope checks, the event and audit rows."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.contracts.models import CollectiveContract, ContractEvent
from gonghui.contracts.standing import check_standing
from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.validators import clean_date_field, clean_text_field
from gonghui.members.services.common import who

FIELD_LABELS: dict[str, Any] = {
    "title": _("合同名称"), "kind": _("合同种类"), "reach": _("覆盖范围"), "union": _("职工方（工会）"),
    "employer": _("用人单位"), "employer_side": _("用人单位方"), "offered_by": _("要约方"),
    "offer_text": _("要约内容"), "received_on": _("要约送达日期"), "answered_on": _("回应日期"),
    "start_on": _("期限开始"), "end_on": _("期限届满"), "text": _("合同文本"), "negotiators": _("协商代表"),
    "coverage": _("覆盖单位"), "terms": _("主要条款"), "held_on": _("会议日期"), "minutes": _("会议纪要"),
    "place": _("地点"), "body": _("审议机构"), "signed_on": _("签订日期"), "filed_on": _("人社部门收到日期"),
    "note": _("说明"), "reason": _("原因"), "objection": _("审查意见"), "effective_on": _("生效日期"),
    "published_on": _("公布日期"), "year": _("年度"), "checked_on": _("检查日期"), "kept": _("已履行条款"),
    "ended_on": _("终止日期"), "file": _("附件"), "name": _("名称"), "effective_from": _("执行日期"),
    "source": _("依据文件"), "guidance": _("指导意见"),
}

CONCURRENT_CHANGE = _("该集体合同刚刚已被他人办理，请刷新后再操作。")


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_day(value: Any, *, field: str) -> datetime.date:
    return clean_date_field(value, field=field, label=label_of(field))


def not_before(day: datetime.date, earlier: datetime.date | None, *, field: str, earlier_field: str) -> None:
    if earlier is not None and day < earlier:
        raise ValidationFailed(msg(_("%(field)s不能早于%(other)s（%(day)s）。"), {
            "field": label_of(field), "other": label_of(earlier_field), "day": earlier.isoformat()}),
            field=field, code="dates_backwards")


def require_manage(actor: Any, contract: CollectiveContract, action: str) -> None:
    """The actor's grants reach the contract and `action` is theirs (contracts/standing.py)."""
    check_standing(actor, contract, action)


def refuse_stale(contract: CollectiveContract, version: int | None) -> None:
    if version is not None and version != contract.version:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")


def record_event(*, actor: Any, contract: CollectiveContract, action: str, old_status: str = "",
                 new_status: str = "", note: str = "", detail: dict[str, Any] | None = None) -> ContractEvent:
    """The timeline row and the audit row, inside the caller's transaction."""
    row = who(actor)
    event = ContractEvent.objects.create(contract=contract, action=action, old_status=old_status,
                                        new_status=new_status, actor_id=row.id, actor_label=row.shown,
                                        note=note[:1000])
    audit_record(actor=row, action=f"contract.{action}", obj=contract, org_path=contract.org_path,
                 detail={"old": old_status, "new": new_status, **(detail or {})})
    return event

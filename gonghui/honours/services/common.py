"""Pieces every honours service shares: field labels, cleaning, scope checks, the event and audit rows."""

import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.validators import clean_date_field, clean_text_field
from gonghui.honours.models import Call, HonourEvent, HonourNomination
from gonghui.members.services.common import who
from gonghui.orgs.scope import require

FIELD_LABELS: dict[str, Any] = {
    "kind": _("荣誉种类"), "year": _("年度"), "title": _("通知标题"), "document_number": _("文号"),
    "nominations_due": _("推荐截止日期"), "reviews_due": _("审核上报截止日期"), "places": _("名额"),
    "front_line_min_pct": _("一线职工和专业技术人员最低比例"), "women_min_pct": _("女性最低比例"),
    "excluded_ranks": _("不得推荐的职级"), "notice_working_days": _("公示期（工作日）"),
    "rules_note": _("其他评选条件"), "union": _("工会"), "name": _("姓名/集体名称"), "id_number": _("证件号码"),
    "gender": _("性别"), "post": _("职务/岗位"), "category": _("人员类别"), "rank": _("行政职级"),
    "member": _("会员"), "employer": _("工作单位"), "employer_name": _("工作单位名称"),
    "employer_credit_code": _("统一社会信用代码"), "deeds": _("主要事迹"), "deeds_summary": _("事迹摘要"),
    "employer_opinion": _("所在单位意见"), "reason": _("原因"), "note": _("说明"), "decision": _("核查结论"),
    "file": _("证明材料"), "starts_on": _("公示开始日期"), "contact": _("受理异议联系方式"),
    "text": _("异议内容"), "objector_name": _("异议人姓名"), "decision_number": _("表彰决定文号"),
    "decided_on": _("表彰决定日期"), "certificate_number": _("证书编号"), "revoked_on": _("撤销日期"),
    "on": _("日期"), "amount": _("金额"), "result": _("结果"), "died_on": _("去世日期"),
    "hardship_file": _("困难职工档案"), "code": _("代码"), "honour": _("荣誉"), "level": _("级别"),
    "nominee_type": _("推荐对象"), "repeat_years": _("同级同类荣誉间隔年限"), "nomination": _("推荐对象"),
    "record_kind": _("类别"), "verdict": _("核查结论"),
}

CONCURRENT_CHANGE = _("该推荐对象刚刚已被他人办理，请刷新后再操作。")


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_day(value: Any, *, field: str) -> datetime.date:
    return clean_date_field(value, field=field, label=label_of(field))


def clean_int(value: Any, *, field: str, low: int, high: int, required: bool = True) -> int | None:
    if value in (None, "") and not required:
        return None
    try:
        number = int(str(value).strip()) if not isinstance(value, bool) else None
    except (TypeError, ValueError):
        number = None
    if number is None or not low <= number <= high:
        raise ValidationFailed(msg(_("%(field)s应为%(low)s至%(high)s之间的整数。"), {
            "field": label_of(field), "low": low, "high": high}), field=field, code="range")
    return number


def clean_choice(value: Any, choices: Any, *, field: str, required: bool = True) -> str:
    text = str(value or "").strip()
    if not text and not required:
        return ""
    if text not in choices.values:
        raise ValidationFailed(msg(_("请选择有效的%(field)s。"), {"field": label_of(field)}), field=field,
                               code="choice")
    return text


def require_manage(actor: Any, path: str) -> None:
    require(actor, Perm.HONOURS_MANAGE, path, visible_permission=Perm.HONOURS_VIEW)


def record_event(*, actor: Any, call: Call, action: str, nomination: HonourNomination | None = None,
                 union: Any = None, old_status: str = "", new_status: str = "", note: str = "",
                 detail: dict[str, Any] | None = None) -> HonourEvent:
    """The timeline row and the audit row, inside the caller's transaction."""
    row = who(actor)
    event = HonourEvent.objects.create(call=call, nomination=nomination, union=union, action=action,
                                       old_status=old_status, new_status=new_status, actor_id=row.id,
                                       actor_label=row.shown, note=note[:1000])
    obj: Any = nomination if nomination is not None else call
    audit_record(actor=row, action=f"honours.{action}", obj=obj,
                 org_path=nomination.org_path if nomination is not None else call.org_path,
                 detail={"old": old_status, "new": new_status, **(detail or {})})
    return event

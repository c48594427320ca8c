"""Pieces the innovation services share: who acts, the scope check, field cleaning, event and audit rows."""

import datetime
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, ValidationFailed, msg
from gonghui.core.money import to_decimal
from gonghui.core.permissions import Perm
from gonghui.core.validators import clean_text_field
from gonghui.members.services.common import who
from gonghui.orgs.scope import require

FIELD_LABELS: dict[str, Any] = {
    "title": _("名称"), "content": _("内容"), "proposer_name": _("提出人"), "co_proposers": _("共同提出人"),
    "department": _("部门/班组"), "kind": _("类别"), "submitted_on": _("提出日期"), "on": _("日期"),
    "note": _("说明"), "reason": _("理由"), "benefit": _("创效（万元）"), "assessor": _("核定人"),
    "assessed_on": _("核定日期"), "basis": _("核定依据"), "amount": _("奖励金额（元）"), "paid_on": _("奖励日期"),
    "number": _("专利号"), "patent_kind": _("专利类型"), "granted_on": _("授权日期"), "name": _("名称"),
    "level": _("级别"), "named_on": _("命名日期"), "named_by": _("命名单位"), "leader_name": _("领衔人"),
    "field": _("专业领域"), "member_name": _("姓名"), "role": _("分工"), "joined_on": _("加入日期"),
    "left_on": _("退出日期"), "year": _("年度"), "grade": _("考核等次"), "trade": _("工种"),
    "agreed_on": _("协议签订日期"), "starts_on": _("开始日期"), "ends_on": _("结束日期"), "targets": _("带徒目标"),
    "target_level": _("目标技能等级"), "allowance": _("师傅带徒津贴（元）"), "outcome_level": _("出师技能等级"),
    "provider": _("承办机构"), "hours": _("学时"), "trainees": _("培训人次"), "levels": _("技能等级人数"),
    "master": _("师傅"), "apprentice": _("徒弟"), "employer": _("单位"), "proposer": _("提出人（会员）"),
    "leader": _("领衔人（会员）"), "member": _("会员"), "result_kind": _("成果类型"),
    "implementation_note": _("实施情况"), "decided_on": _("评审日期"), "implemented_on": _("实施日期"),
    "started_on": _("开始履行日期"), "model_worker_id": _("劳模登记号"),
}


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def require_manage(actor: Any, org_path: str) -> None:
    """Out of sight answers like missing; in sight but read-only answers forbidden."""
    require(actor, Perm.SKILLS_MANAGE, org_path, visible_permission=Perm.SKILLS_VIEW)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_choice(value: Any, choices: Any, *, field: str, exclude: tuple[str, ...] = ()) -> str:
    if value in choices.values and value not in exclude:
        return str(value)
    raise ValidationFailed(msg(_("请选择%(field)s。"), {"field": label_of(field)}), field=field, code="choice")


def clean_day(value: Any, *, field: str, today: datetime.date | None = None) -> datetime.date:
    """A date that has happened (an agreement signed tomorrow is a typing error)."""
    if value is None or value == "":
        raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label_of(field)}), field=field, code="required")
    if isinstance(value, datetime.datetime):
        value = value.date()
    if not isinstance(value, datetime.date):
        raise ValidationFailed(msg(_("%(field)s不是有效的日期。"), {"field": label_of(field)}), field=field,
                               code="bad_date")
    today = today or timezone.localdate()
    if value > today:
        raise ValidationFailed(msg(_("%(field)s（%(day)s）不能晚于今天。"),
                                   {"field": label_of(field), "day": value.isoformat()}), field=field, code="future")
    return value


def not_before(day: datetime.date, earlier: datetime.date | None, *, field: str, earlier_field: str) -> None:
    if earlier is not None and day < earlier:
        raise ValidationFailed(msg(_("%(field)s（%(day)s）不能早于%(other)s（%(earlier)s）。"), {
            "field": label_of(field), "day": day.isoformat(), "other": label_of(earlier_field),
            "earlier": earlier.isoformat()}), field=field, code="dates_backwards")


def clean_amount(value: Any, *, field: str, positive: bool = False, required: bool = True,
                 max_digits: int = 12) -> Decimal | None:
    """Money or 万元 as Decimal with at most two decimals; never a float's approximation."""
    if value is None or value == "":
        if not required:
            return None
        raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label_of(field)}), field=field, code="required")
    number = to_decimal(value.strip().replace(",", "") if isinstance(value, str) else value)
    if number is None:
        raise ValidationFailed(msg(_("%(field)s不是有效的数字。"), {"field": label_of(field)}), field=field,
                               code="not_a_number")
    if number < 0 or (positive and number == 0):
        raise ValidationFailed(msg(_("%(field)s须大于0。") if positive else _("%(field)s不能为负数。"),
                                   {"field": label_of(field)}), field=field, code="out_of_range")
    if number != number.quantize(Decimal("0.01")):
        raise ValidationFailed(msg(_("%(field)s最多保留两位小数。"), {"field": label_of(field)}), field=field,
                               code="too_precise")
    if number >= Decimal(10) ** (max_digits - 2):
        raise ValidationFailed(msg(_("%(field)s（%(n)s）超出可登记的范围。"), {"field": label_of(field), "n": number}),
                               field=field, code="out_of_range")
    return number.quantize(Decimal("0.01"))


def refuse_stale(obj: Any, version: int | None, message: Any) -> None:
    if version is not None and version != obj.version:
        raise Conflict(message, code="concurrent_change", field="version")


def record(*, actor: Any, event_model: type[models.Model], owner_field: str, obj: Any, action: str,
           old_status: str = "", new_status: str = "", note: str = "", detail: dict[str, Any] | None = None) -> None:
    """The timeline row and the audit row, inside the caller's transaction."""
    row = who(actor)
    event_model.objects.create(**{owner_field: obj}, action=action, old_status=old_status,  # type: ignore[attr-defined]
                               new_status=new_status, actor_id=row.id, actor_label=row.shown, note=note[:1000])
    audit(actor, f"{owner_field}_{action}", obj, {"old": old_status, "new": new_status, **(detail or {})})


def audit(actor: Any, action: str, obj: Any, detail: dict[str, Any] | None = None) -> None:
    audit_record(actor=who(actor), action=f"skills.{action}", obj=obj, org_path=obj.org_path,
                 detail={k: str(v) if isinstance(v, Decimal | datetime.date) else v
                         for k, v in (detail or {}).items()})

"""Pieces every competition service shares: field labels, cleaning, scope checks, the event and audit rows."""

import datetime
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit import audit_record
from gonghui.core.errors import Conflict, NotFound, PermissionDenied, ValidationFailed, msg
from gonghui.core.money import to_decimal
from gonghui.core.permissions import Perm
from gonghui.core.validators import clean_date_field, clean_text_field
from gonghui.members.services.common import who
from gonghui.orgs.scope import require, scope_for
from gonghui.skills.competition_choices import CompetitionAction
from gonghui.skills.competition_models import Competition, CompetitionEvent

FIELD_LABELS: dict[str, Any] = {
    "title": _("竞赛名称"), "kind": _("竞赛类别"), "organiser": _("主办工会"), "trade": _("竞赛工种"),
    "project": _("重点工程/项目"), "plan": _("实施方案"), "budget": _("预算（元）"), "start_on": _("开始日期"),
    "end_on": _("结束日期"), "score_min": _("最低分"), "score_max": _("最高分"), "tie_rule": _("同分处理"),
    "max_entries": _("参赛名额上限"), "team_size": _("每队人数上限"), "notice_workdays": _("公示期（工作日）"),
    "stages": _("竞赛阶段"), "advance": _("晋级名额"), "reason": _("原因"), "name": _("姓名"),
    "team_name": _("队名"), "id_number": _("证件号码"), "id_type": _("证件类型"), "employer_name": _("工作单位"),
    "members": _("队员"), "score": _("成绩"), "tiebreak": _("附加分"), "grade": _("奖次"),
    "skill_level": _("晋升技能等级"), "note": _("说明"), "year": _("年度"), "text": _("内容"),
    "on": _("日期"), "entry": _("参赛者"), "stage": _("竞赛阶段"), "nomination": _("荣誉推荐"),
    "award_title": _("授予称号"), "employer": _("工作单位"),
}

CONCURRENT_CHANGE = _("该竞赛刚刚已被他人办理，请刷新后再操作。")
MAX_BUDGET = Decimal("9999999999.99")


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def clean_day(value: Any, *, field: str) -> datetime.date:
    return clean_date_field(value, field=field, label=label_of(field))


def clean_choice(value: Any, choices: Any, *, field: str) -> str:
    if value not in choices.values:
        raise ValidationFailed(msg(_("%(field)s无效。"), {"field": label_of(field)}), field=field, code="choice")
    return str(value)


def clean_number(value: Any, *, field: str, places: int = 2, low: Decimal | None = None,
                 high: Decimal | None = None, required: bool = True) -> Decimal | None:
    """A decimal as typed (a string, an int, a Decimal), to `places` decimals at most, within [low, high]."""
    if value is None or value == "":
        if required:
            raise ValidationFailed(msg(_("请填写%(field)s。"), {"field": label_of(field)}), field=field,
                                   code="required")
        return None
    number = to_decimal(value.strip() if isinstance(value, str) else value)
    if number is None:
        raise ValidationFailed(msg(_("%(field)s应为数字。"), {"field": label_of(field)}), field=field, code="number")
    exponent = number.as_tuple().exponent
    if isinstance(exponent, int) and -exponent > places:
        raise ValidationFailed(msg(_("%(field)s最多保留%(n)d位小数。"), {"field": label_of(field), "n": places}),
                               field=field, code="places")
    if (low is not None and number < low) or (high is not None and number > high):
        raise ValidationFailed(msg(_("%(field)s应在%(low)s至%(high)s之间，当前为%(value)s。"), {
            "field": label_of(field), "low": low if low is not None else "—", "high": high if high is not None else "—",
            "value": number}), field=field, code="out_of_range")
    return number


def clean_count(value: Any, *, field: str, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise ValidationFailed(msg(_("%(field)s应为整数。"), {"field": label_of(field)}), field=field, code="number")
    try:
        number = int(value)
    except ValueError:
        raise ValidationFailed(msg(_("%(field)s应为整数。"), {"field": label_of(field)}), field=field,
                               code="number") from None
    if not low <= number <= high:
        raise ValidationFailed(msg(_("%(field)s应在%(low)d至%(high)d之间，当前为%(value)d。"), {
            "field": label_of(field), "low": low, "high": high, "value": number}), field=field, code="out_of_range")
    return number


def require_manage(actor: Any, competition: Competition) -> None:
    require(actor, Perm.SKILLS_MANAGE, competition.org_path, visible_permission=Perm.SKILLS_VIEW)


def require_from_above(actor: Any, competition: Competition) -> None:
    """立项 is decided by a cadre of a union strictly above the organiser: one whose grant covers the
    organiser's parent. A national organiser has no level above, so its own cadres decide."""
    parent = competition.organiser.parent
    scope = scope_for(actor, Perm.SKILLS_MANAGE)
    if scope.covers(parent.path if parent is not None else competition.org_path):
        # Four eyes: whoever submitted the plan (a cadre above acting for the organiser) does not decide it.
        submitter = (CompetitionEvent.objects.filter(competition=competition, action=CompetitionAction.SUBMIT)
                     .order_by("-at", "-id").values_list("actor_id", flat=True).first())
        if submitter is not None and submitter == getattr(actor, "pk", None):
            raise PermissionDenied(_("报请立项的人不能同时审批该立项。"), code="own_submission")
        return
    if scope_for(actor, Perm.SKILLS_VIEW).covers(competition.org_path) or scope.covers(competition.org_path):
        raise PermissionDenied(msg(_("竞赛立项须由主办工会的上级工会审批（%(union)s或更高层级）。"), {
            "union": parent.name if parent is not None else competition.organiser.name}), code="not_from_above")
    raise NotFound()


def refuse_stale(competition: Competition, version: int | None) -> None:
    if version is not None and version != competition.version:
        raise Conflict(CONCURRENT_CHANGE, code="concurrent_change", field="version")


def record_event(*, actor: Any, competition: Competition, action: str, old_status: str = "",
                 new_status: str = "", note: str = "", detail: dict[str, Any] | None = None) -> CompetitionEvent:
    """The timeline row and the audit row, inside the caller's transaction."""
    row = who(actor)
    event = CompetitionEvent.objects.create(competition=competition, action=action, old_status=old_status,
                                            new_status=new_status, actor_id=row.id, actor_label=row.shown,
                                            note=note[:1000])
    audit_record(actor=row, action=f"competition.{action}", obj=competition, org_path=competition.org_path,
                 detail={"old": old_status, "new": new_status, **(detail or {})})
    return event


def lock(competition: Competition) -> Competition:
    """The competition row, locked for the rest of the transaction (entries count against its limit)."""
    try:
        return Competition.objects.select_for_update().get(pk=competition.pk)
    except Competition.DoesNotExist:
        raise NotFound() from None

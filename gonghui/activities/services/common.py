"""Pieces every activities service shares: labels, cleaning, the scope check, the event and audit rows."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.activities.models import Activity, ActivityEvent, SignUp
from gonghui.core.audit import audit_record
from gonghui.core.errors import ValidationFailed, msg
from gonghui.core.permissions import Perm
from gonghui.core.validators import clean_text_field
from gonghui.members.services.common import who
from gonghui.orgs.scope import require

FIELD_LABELS: dict[str, Any] = {
    "organiser": _("主办工会"), "kind": _("活动类型"), "title": _("活动名称"), "description": _("活动内容"),
    "audience": _("报名范围"), "audience_union": _("面向工会"), "capacity": _("名额"),
    "signup_opens_at": _("报名开始时间"), "signup_closes_at": _("报名截止时间"), "starts_at": _("活动开始时间"),
    "ends_at": _("活动结束时间"), "fee": _("费用（元）"), "region": _("所在地区"), "address": _("活动地点"),
    "reason": _("取消原因"), "name": _("姓名"), "phone": _("手机号码"),
}


def label_of(field: str) -> Any:
    return FIELD_LABELS.get(field, field)


def clean_text(value: Any, *, field: str, max_length: int, required: bool = False) -> str:
    return clean_text_field(value, field=field, label=label_of(field), max_length=max_length, required=required)


def required(field: str) -> ValidationFailed:
    return ValidationFailed(msg(_("请填写%(field)s。"), {"field": label_of(field)}), field=field, code="required")


def require_manage(actor: Any, path: str) -> None:
    require(actor, Perm.ACTIVITY_MANAGE, path, visible_permission=Perm.ACTIVITY_VIEW)


def record_event(*, actor: Any, activity: Activity, action: str, signup: SignUp | None = None,
                 old_status: str = "", new_status: str = "", note: str = "",
                 detail: dict[str, Any] | None = None) -> ActivityEvent:
    """The timeline row and the audit row, inside the caller's transaction."""
    row = who(actor)
    event = ActivityEvent.objects.create(activity=activity, signup=signup, action=action, old_status=old_status,
                                         new_status=new_status, actor_id=row.id, actor_label=row.shown,
                                         note=note[:500])
    obj: Any = signup if signup is not None else activity
    audit_record(actor=row, action=f"activity.{action}", obj=obj,
                 org_path=signup.org_path if signup is not None else activity.org_path,
                 detail={"activity": activity.pk, "old": old_status, "new": new_status, **(detail or {})})
    return event

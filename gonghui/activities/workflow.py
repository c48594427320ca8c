"""An activity's statuses and the steps between them; one table, read by every service."""

from django.utils.translation import gettext_lazy as _

from gonghui.activities.choices import ActivityStatus as S
from gonghui.activities.choices import EventAction as A
from gonghui.core.errors import ValidationFailed, msg

TRANSITIONS: dict[str, dict[str, str]] = {
    A.PUBLISH: {S.DRAFT: S.OPEN},
    A.CLOSE: {S.OPEN: S.CLOSED},
    A.CANCEL: {S.DRAFT: S.CANCELLED, S.OPEN: S.CANCELLED, S.CLOSED: S.CANCELLED},
    A.FINISH: {S.OPEN: S.FINISHED, S.CLOSED: S.FINISHED},
    A.EDIT: {S.DRAFT: S.DRAFT, S.OPEN: S.OPEN},
}


def next_status(status: str, action: str) -> str:
    target = TRANSITIONS[action].get(status)
    if target is None:
        raise ValidationFailed(msg(_("活动当前为“%(status)s”，不能%(action)s。"), {
            "status": S(status).label, "action": A(action).label}), field="status", code="wrong_status")
    return target

"""Texting the people of an activity (through the pluggable backend of accounts.sms_backends): the first
on the waiting list when a place is theirs, and everyone signed up or waiting when the activity is
cancelled. As the members app's worker notices: queued after the commit (a rolled-back step tells no
one), the task carries only a row id (no phone in the queue), a provider's failure never undoes the
step and is recorded in the audit log."""

import logging

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_tasks import task

from gonghui.accounts.sms_backends import SmsMessage, get_backend
from gonghui.activities.choices import LIVE_SIGNUP, SignUpStatus
from gonghui.activities.models import Activity, SignUp
from gonghui.core.audit import AuditItem, audit_record_many
from gonghui.core.errors import msg
from gonghui.core.queue import enqueue_on_commit
from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services.common import audit_actor

logger = logging.getLogger("gonghui.activities")

PROMOTED = "activity_promoted"
CANCELLED = "activity_cancelled"
PARAM_MAX = 35
NOTICES = {
    PROMOTED: _("【智慧工会】您候补的活动“%(title)s”已有名额，您已报名成功。活动时间%(when)s，地点%(place)s。"
                "如不能参加请在报名截止前登录会员服务平台取消。"),
    CANCELLED: _("【智慧工会】您报名的活动“%(title)s”（%(when)s）已取消，原因：%(reason)s。给您带来不便，敬请谅解。"),
}


def _param(value: str) -> str:
    return value if len(value) <= PARAM_MAX else value[:PARAM_MAX - 1] + "…"


def notify_promoted(signup: SignUp) -> None:
    pk = signup.pk
    enqueue_on_commit(activity_notice_task, PROMOTED, pk)


def notify_cancelled(activity: Activity) -> None:
    pk = activity.pk
    enqueue_on_commit(activity_notice_task, CANCELLED, pk)


def _when(activity: Activity) -> str:
    return timezone.localtime(activity.starts_at).strftime("%Y-%m-%d %H:%M")


@task()
def activity_notice_task(purpose: str, pk: int) -> int:
    if purpose == PROMOTED:
        rows = list(SignUp.objects.select_related("activity").filter(pk=pk, status=SignUpStatus.SIGNED))
    else:
        rows = list(SignUp.objects.select_related("activity").filter(activity_id=pk, status__in=LIVE_SIGNUP)
                    .order_by("pk"))
    items = []
    for signup in rows:
        activity = signup.activity
        params = {"title": _param(activity.title), "when": _when(activity), "place": _param(activity.address),
                  "reason": _param(activity.cancel_reason)}
        # Workers read Chinese: the text is rendered in it whatever the cadre's language.
        with override("zh-hans"):
            text = str(msg(NOTICES[purpose], params))
        outcome = "ok"
        try:
            get_backend().send(SmsMessage(phone=signup.phone, purpose=purpose, code="", minutes=0, text=text,
                                          params=params))
        except Exception:  # a provider adapter may raise anything; the step stands regardless
            logger.exception("activity notice %s for sign-up %s not delivered", purpose, signup.pk)
            outcome = "failed"
        items.append(AuditItem(action="activity.notice_sms", obj=signup, org_path=signup.org_path, outcome=outcome,
                               detail={"purpose": purpose}))
    audit_record_many(actor=audit_actor(SystemActor("activity-notice")), items=items)
    return len(items)

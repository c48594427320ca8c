"""Telling the worker by SMS (through the pluggable backend of accounts.sms_backends) when the union
has decided their join application, and when their membership has moved to the new union.

As with the 12351 caller notices (cases/services/caller_notice.py), the message is queued after the
transaction commits, so a rolled-back decision tells no one, and a provider's failure never undoes
the decision: it is logged (without the phone) and recorded in the audit log, and the portal still
shows the outcome. The task carries only the row's id, so no phone sits in the task queue; a bulk
decision of 200 therefore never waits on 200 provider calls once tasks run in a worker.
"""

import logging
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override
from django_tasks import task

from gonghui.accounts.sms_backends import SmsMessage, get_backend
from gonghui.core.audit import audit_record
from gonghui.core.errors import msg
from gonghui.core.queue import enqueue_on_commit
from gonghui.members.models import JoinApplication, Transfer
from gonghui.orgs.scope import SystemActor
from gonghui.orgs.services.common import audit_actor

logger = logging.getLogger("gonghui.members")

JOIN_APPROVED = "join_approved"
JOIN_REFUSED = "join_refused"
TRANSFER_DONE = "transfer_done"
# Template providers cap each variable's length; a long union name or reason is cut, never the text.
PARAM_MAX = 35

NOTICES = {
    JOIN_APPROVED: _("【智慧工会】您申请加入%(union)s的入会申请已审核通过，欢迎成为工会会员。"
                     "可登录会员服务平台查看电子会员卡。"),
    JOIN_REFUSED: _("【智慧工会】您申请加入%(union)s的入会申请未通过，原因：%(reason)s。"
                    "如有疑问请联系该工会。"),
    TRANSFER_DONE: _("【智慧工会】您的工会会籍已转入%(union)s，可登录会员服务平台查看。"),
}


def _param(value: str) -> str:
    return value if len(value) <= PARAM_MAX else value[:PARAM_MAX - 1] + "…"


def notify_application_decided(application: JoinApplication) -> None:
    """After the commit: the applicant learns the outcome (approved, or refused with the reason)."""
    if application.status in (JoinApplication.Status.APPROVED, JoinApplication.Status.REJECTED):
        pk = application.pk
        enqueue_on_commit(worker_notice_task, "application", pk)


def notify_transfer_done(transfer: Transfer) -> None:
    """After the commit: the member learns which union now holds their membership."""
    pk = transfer.pk
    enqueue_on_commit(worker_notice_task, "transfer", pk)


def _application_notice(pk: int) -> tuple[Any, str, str, dict[str, str]] | None:
    application = JoinApplication.objects.select_related("union").filter(pk=pk).first()
    if application is None or not application.phone:
        return None
    params = {"union": _param(application.union.name)}
    if application.status == JoinApplication.Status.APPROVED:
        return application, application.phone, JOIN_APPROVED, params
    if application.status == JoinApplication.Status.REJECTED:
        return application, application.phone, JOIN_REFUSED, params | {"reason": _param(application.reason)}
    return None


def _transfer_notice(pk: int) -> tuple[Any, str, str, dict[str, str]] | None:
    transfer = Transfer.objects.select_related("member", "to_union").filter(pk=pk).first()
    if transfer is None or transfer.status != Transfer.Status.ACCEPTED or not transfer.member.phone:
        return None
    # The phone of the member record: the person whose membership moved, not whoever asked.
    return transfer, transfer.member.phone, TRANSFER_DONE, {"union": _param(transfer.to_union.name)}


LOADERS: dict[str, Callable[[int], tuple[Any, str, str, dict[str, str]] | None]] = {
    "application": _application_notice, "transfer": _transfer_notice}


@task()
def worker_notice_task(kind: str, pk: int) -> str:
    found = LOADERS[kind](pk)
    if found is None:
        return "skipped"
    obj, phone, purpose, params = found
    # Workers read Chinese: the text is rendered in it whatever the cadre's language.
    with override("zh-hans"):
        text = str(msg(NOTICES[purpose], params))
    outcome = "ok"
    try:
        get_backend().send(SmsMessage(phone=phone, purpose=purpose, code="", minutes=0, text=text, params=params))
    except Exception:  # a provider adapter may raise anything; the decision stands regardless
        logger.exception("worker notice %s for %s %s not delivered", purpose, kind, pk)
        outcome = "failed"
    audit_record(actor=audit_actor(SystemActor("worker-notice")), action="member.notice_sms", obj=obj,
                 org_path=getattr(obj, "org_path", "") or getattr(obj, "to_path", ""), outcome=outcome,
                 detail={"purpose": purpose})
    return outcome

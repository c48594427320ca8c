"""Telling the caller by SMS (through the pluggable backend of accounts.sms_backends) when the case
reaches a step the caller waits for: taken (with the number to follow it by), resolved (please rate
it), reopened.

The message goes after the transaction commits, so a rolled-back change tells no one, and a
provider's failure never undoes the case's change: it is logged and the portal still shows the
step. Only the step and the number go out, never the handling notes.
"""

import logging

from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from gonghui.accounts.sms_backends import SmsMessage, get_backend
from gonghui.cases.choices import Action
from gonghui.cases.models import Case
from gonghui.core.errors import msg

logger = logging.getLogger("gonghui.cases")
PURPOSE = "case_notice"

NOTICES = {
    Action.INTAKE: _("【智慧工会】您的诉求已受理，编号%(number)s。"
                     "可在职工服务平台凭编号和手机号查询进度，或拨打12351。"),
    Action.RESOLVE: _("【智慧工会】您的诉求（编号%(number)s）已办结，请在职工服务平台查看办理结果并评价。"),
    Action.REOPEN: _("【智慧工会】您的诉求（编号%(number)s）已重新办理，我们会尽快与您联系。"),
}


def notify_caller(case: Case, action: str) -> None:
    """Queue the SMS for `action`, if the caller waits for that step and left a phone."""
    template = NOTICES.get(action)  # type: ignore[call-overload]
    if template is None or not case.caller_phone:
        return
    phone, number = case.caller_phone, case.number

    def send() -> None:
        # Workers read Chinese: the text is rendered in it whatever the cadre's language.
        with override("zh-hans"):
            text = str(msg(template, {"number": number}))
        try:
            get_backend().send(SmsMessage(phone=phone, purpose=PURPOSE, code="", minutes=0, text=text,
                                          params={"number": number, "step": str(action)}))
        except Exception:  # a provider adapter may raise anything; the case has changed regardless
            logger.exception("case notice for %s not delivered", number)

    transaction.on_commit(send)

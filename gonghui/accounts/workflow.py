"""A password reset's statuses and, per action, where it may start and where it leads.

An ordinary account: requested → approved at once → issued (the temporary password is shown once
to the system administrator) → redeemed at the owner's first login → completed when the owner has
bound TOTP and set a password. A privileged account waits in pending until a security
administrator other than the requester approves or refuses it. Open resets can be cancelled; an
issued or redeemed one that passed its expiry is expired on the next look.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from gonghui.core.errors import ValidationFailed, msg


class ResetStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("待签发")
    ISSUED = "issued", _("已签发，待本人登录")
    REDEEMED = "redeemed", _("本人已登录，待设新密码")
    COMPLETED = "completed", _("已完成")
    REFUSED = "refused", _("已拒绝")
    CANCELLED = "cancelled", pgettext_lazy("password reset", "已撤销")
    EXPIRED = "expired", _("已过期")


class ResetAction(models.TextChoices):
    REQUEST = "request", _("申请重置")
    APPROVE = "approve", _("批准")
    REFUSE = "refuse", _("拒绝")
    ISSUE = "issue", _("签发临时密码")
    REDEEM = "redeem", _("本人使用临时密码登录")
    COMPLETE = "complete", _("本人设置新密码")
    CANCEL = "cancel", pgettext_lazy("password reset", "撤销")
    EXPIRE = "expire", _("过期")


OPEN = frozenset({ResetStatus.PENDING, ResetStatus.APPROVED, ResetStatus.ISSUED, ResetStatus.REDEEMED})

RULES: dict[str, tuple[frozenset[str], str]] = {
    ResetAction.APPROVE: (frozenset({ResetStatus.PENDING}), ResetStatus.APPROVED),
    ResetAction.REFUSE: (frozenset({ResetStatus.PENDING}), ResetStatus.REFUSED),
    ResetAction.ISSUE: (frozenset({ResetStatus.APPROVED}), ResetStatus.ISSUED),
    ResetAction.REDEEM: (frozenset({ResetStatus.ISSUED}), ResetStatus.REDEEMED),
    ResetAction.COMPLETE: (frozenset({ResetStatus.REDEEMED}), ResetStatus.COMPLETED),
    ResetAction.CANCEL: (frozenset({ResetStatus.PENDING, ResetStatus.APPROVED, ResetStatus.ISSUED}),
                         ResetStatus.CANCELLED),
    ResetAction.EXPIRE: (frozenset({ResetStatus.ISSUED, ResetStatus.REDEEMED}), ResetStatus.EXPIRED),
}


def check_action(status: str, action: str) -> str:
    sources, target = RULES[action]
    if status not in sources:
        raise ValidationFailed(
            msg(_("该重置申请当前状态为“%(status)s”，不能%(action)s。"),
                {"status": ResetStatus(status).label, "action": ResetAction(action).label}),
            field="status", code="bad_transition",
        )
    return target

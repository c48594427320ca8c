"""What waits for the system and security administrators (三员分立): password resets to decide or
issue, locked accounts to unlock. The audit administrator reviews rather than acts: no to-dos."""

from typing import Any

from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.models import PasswordReset, User
from gonghui.accounts.workflow import ResetStatus
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for


def accounts_todos(*, user: Any) -> list[Todo]:
    items: list[Todo] = []
    me = getattr(user, "pk", None)
    grant = scope_for(user, Perm.GRANT_MANAGE)
    if not grant.is_empty:
        # Another security administrator decides: never the one who asked, never for oneself
        # (accounts.resets._check_approver).
        n = (PasswordReset.objects.visible_to(grant).filter(status=ResetStatus.PENDING)
             .exclude(Q(requested_by_id=me) | Q(user_id=me)).count())
        items.append(todo("accounts.resets_decide", _("密码重置待审批"), n, "web:reset_list",
                          status=ResetStatus.PENDING))
        n = User.objects.visible_to(grant).filter(locked_until__gt=timezone.now()).count()
        items.append(todo("accounts.locked", _("已锁定的账号"), n, "web:user_list", locked="1"))
    if not scope_for(user, Perm.USER_MANAGE).is_empty:
        n = PasswordReset.objects.filter(requested_by_id=me, status=ResetStatus.APPROVED).count()
        items.append(todo("accounts.resets_issue", _("密码重置已批准待签发"), n, "web:reset_list",
                          status=ResetStatus.APPROVED))
    return items

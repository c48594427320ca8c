"""What waits for the system and security administrators (三员分立): password resets to decide or
issue, locked accounts to unlock. The audit administrator reviews rather than acts: no to-dos."""

from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.accounts.models import PasswordReset, User
from gonghui.accounts.workflow import ResetStatus
from gonghui.core.counting import count_each
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for


def accounts_todos(*, user: Any) -> list[Todo]:
    me = getattr(user, "pk", None)
    grant, manage = scope_for(user, Perm.GRANT_MANAGE), scope_for(user, Perm.USER_MANAGE)
    lists: dict[str, QuerySet[Any]] = {}
    if not grant.is_empty:
        # Another security administrator decides: never the one who asked, never for oneself
        # (accounts.resets._check_approver).
        lists["decide"] = (PasswordReset.objects.visible_to(grant).filter(status=ResetStatus.PENDING)
                           .exclude(Q(requested_by_id=me) | Q(user_id=me)))
        lists["locked"] = User.objects.visible_to(grant).filter(locked_until__gt=timezone.now())
    if not manage.is_empty:
        lists["issue"] = PasswordReset.objects.filter(requested_by_id=me, status=ResetStatus.APPROVED)
    counts = count_each(lists)  # the lines' lists, counted in one query
    items: list[Todo] = []
    if not grant.is_empty:
        items.append(todo("accounts.resets_decide", _("密码重置待审批"), counts["decide"], "web:reset_list",
                          status=ResetStatus.PENDING))
        items.append(todo("accounts.locked", _("已锁定的账号"), counts["locked"], "web:user_list", locked="1"))
    if not manage.is_empty:
        items.append(todo("accounts.resets_issue", _("密码重置已批准待签发"), counts["issue"], "web:reset_list",
                          status=ResetStatus.APPROVED))
    return items

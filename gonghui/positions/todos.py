"""What waits for a 服务阵地 cadre: open positions with no check-in for 60 days (counted by the selector
the list's 60-day filter uses, so the count is the length of the list its link opens)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for
from gonghui.positions.selectors import idle_count


def positions_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.POSITION_MANAGE)
    if scope.is_empty:
        return []
    return [todo("positions.idle", _("服务阵地60天无人签到"), idle_count(scope=scope), "web:positions_list", idle="1")]

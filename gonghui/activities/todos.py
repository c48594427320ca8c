"""What waits for a cadre in 工会活动: activities starting within three days that still have people on
the waiting list (places may yet free up, or more be found), and activities that have ended without
their attendance being recorded. Counted by the list filters the lines link to."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.activities.selectors import todo_counts
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for

LIST = "web:activity_list"
LINES = (("soon_waiting", _("三日内开始的活动仍有候补"), False),
         ("ended", _("活动已结束待确认签到"), True))


def activities_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.ACTIVITY_MANAGE)
    if scope.is_empty:
        return []
    counts = todo_counts(scope=scope)
    return [todo(f"activities.{key}", label, counts[key], LIST, urgent=urgent, show=key)
            for key, label, urgent in LINES]

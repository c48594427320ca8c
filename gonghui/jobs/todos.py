"""What waits for a cadre in 就业服务: submitted postings to review, and job fairs held this week.
Counted by the same definitions the lists' filters use, so a count is the length of its list."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.jobs.selectors import todo_counts
from gonghui.orgs.scope import scope_for

LINES: tuple[tuple[str, Any, bool, str, dict[str, str]], ...] = (
    ("pending", _("用人单位报送岗位待审核"), False, "web:jobs_review_queue", {}),
    ("fairs_week", _("本周举办的招聘会"), False, "web:jobs_fair_list", {"show": "week"}))


def jobs_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.JOBS_MANAGE)
    if scope.is_empty:
        return []
    counts = todo_counts(scope=scope)
    return [todo(f"jobs.{key}", label, counts[key], route, urgent=urgent, **params)
            for key, label, urgent, route, params in LINES]

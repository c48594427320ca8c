"""What waits for a cadre in 荣誉评选: nominations at their level awaiting a decision, nominations
returned to them, objections to a 公示 without an answer, and notices ending within three days.
Counted by the same definitions the nomination list's tabs use, so a count is the length of its list."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.honours.selectors import todo_counts
from gonghui.orgs.scope import scope_for

NOMINATIONS = "web:honour_nomination_list"
OBJECTIONS = "web:honour_objection_list"
NOTICES = "web:honour_call_list"
LINES = (("waiting", _("荣誉推荐对象待本级审核"), False, NOMINATIONS),
         ("returned", _("荣誉推荐对象被退回待修改"), True, NOMINATIONS),
         ("objections", _("公示异议待答复"), True, OBJECTIONS),
         ("notices_ending", _("荣誉公示三日内期满"), False, NOTICES))


def honours_todos(*, user: Any) -> list[Todo]:
    """The route names are the ones the console will register for these lists."""
    scope = scope_for(user, Perm.HONOURS_MANAGE)
    if scope.is_empty:
        return []
    counts = todo_counts(scope=scope)
    return [todo(f"honours.{key}", label, counts[key], route, urgent=urgent, show=key)
            for key, label, urgent, route in LINES]

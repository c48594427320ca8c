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
# (count, label, urgent, list, the list's filter that holds exactly what is counted)
LINES = (("waiting", _("荣誉推荐对象待本级审核"), False, NOMINATIONS, {"show": "waiting"}),
         ("returned", _("荣誉推荐对象被退回待修改"), True, NOMINATIONS, {"show": "returned"}),
         ("objections", _("公示异议待答复"), True, OBJECTIONS, {"unanswered": "1"}),
         ("notices_ending", _("荣誉公示三日内期满"), False, NOTICES, {"show": "ending"}))


def honours_todos(*, user: Any) -> list[Todo]:
    """Each line links to the console list (web/honours) filtered to what it counts."""
    scope = scope_for(user, Perm.HONOURS_MANAGE)
    if scope.is_empty:
        return []
    counts = todo_counts(scope=scope)
    return [todo(f"honours.{key}", label, counts[key], route, urgent=urgent, **params)
            for key, label, urgent, route, params in LINES]

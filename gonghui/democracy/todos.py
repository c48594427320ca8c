"""What waits for a 民主管理 cadre, counted through the same selectors the lists show."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.counting import count_each
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.democracy.choices import ProposalStatus
from gonghui.democracy.selectors import todo_lists
from gonghui.orgs.scope import scope_for


def democracy_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.DEMOCRACY_MANAGE)
    if scope.is_empty:
        return []
    waiting = count_each(todo_lists(scope=scope))  # the lines' lists, counted in one query
    return [
        todo("democracy.review", _("提案待审查"), waiting["review"], "web:democracy_proposals",
             status=ProposalStatus.SUBMITTED),
        todo("democracy.overdue", _("提案答复超期"), waiting["overdue"],
             "web:democracy_proposals", urgent=True, overdue="1"),
        todo("democracy.sessions", _("本年度未召开职代会"), waiting["sessions"],
             "web:democracy_congresses", urgent=True, unheld="1"),
        todo("democracy.directors", _("应设未设职工董事"), waiting["directors"],
             "web:democracy_seats"),
    ]

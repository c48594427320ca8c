"""What waits for a cadre in the 维权 case engine, counted through the same queues the lists show,
so a count on the home page is exactly the length of the list its link opens."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from gonghui.cases.choices import Status
from gonghui.cases.selectors import case_queue, case_queue_filtered
from gonghui.core.counting import count_each
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for


def cases_todos(*, user: Any) -> list[Todo]:
    view = scope_for(user, Perm.CASE_VIEW)
    if view.is_empty:
        return []
    handles = bool(scope_for(user, Perm.CASE_HANDLE).roots)
    lists: dict[str, QuerySet[Any]] = {"mine": case_queue(scope=view, queue="mine", user=user)}
    if handles:
        lists["sign"] = case_queue_filtered(scope=view, queue="todo", user=user, status=Status.DISPATCHED)
        lists["reply"] = case_queue_filtered(scope=view, queue="todo", user=user, supervised=True)
    # Overdue cases anywhere in the scope are the supervising union's business too (督办).
    if not scope_for(user, Perm.CASE_SUPERVISE).is_empty or handles:
        lists["overdue"] = case_queue(scope=view, queue="overdue")
    counts = count_each(lists)  # the lines' lists, counted in one query
    items: list[Todo] = []
    if handles:
        items.append(todo("cases.sign", _("维权案件待签收"), counts["sign"], "web:case_queue", urgent=True,
                          queue="todo", status=Status.DISPATCHED))
        items.append(todo("cases.reply", _("督办待回复"), counts["reply"], "web:case_queue", urgent=True,
                          queue="todo", supervised="1"))
    items.append(todo("cases.mine", _("我承办的案件"), counts["mine"], "web:case_queue", queue="mine"))
    if "overdue" in counts:
        items.append(todo("cases.overdue", _("超期案件"), counts["overdue"], "web:case_queue", urgent=True,
                          queue="overdue"))
    return items

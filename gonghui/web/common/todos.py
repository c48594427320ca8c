"""The 待办 panel: each domain's to-do selector, assembled once per request for the home page and
the menu's badges. A domain counts only what the user may act on; this only resolves the links."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.http import urlencode

from gonghui.accounts.todos import accounts_todos
from gonghui.activities.todos import activities_todos
from gonghui.aid.todos import aid_todos
from gonghui.assistance.todos import hardship_todos
from gonghui.benefits.todos import benefits_todos
from gonghui.cases.todos import cases_todos
from gonghui.contracts.todos import contracts_todos
from gonghui.core.todos import Todo
from gonghui.democracy.todos import democracy_todos
from gonghui.honours.todos import honours_todos
from gonghui.jobs.todos import jobs_todos
from gonghui.members.todos import members_todos
from gonghui.mutualaid.todos import mutualaid_todos
from gonghui.positions.todos import positions_todos
from gonghui.reports.risk.todos import risk_todos
from gonghui.reports.stats.todos import stats_todos
from gonghui.skills.todos import skills_todos

# A later capability adds its own selector here; the order is the panel's.
SOURCES: list[Callable[..., list[Todo]]] = [
    cases_todos, members_todos, hardship_todos, aid_todos, mutualaid_todos, contracts_todos, democracy_todos,
    honours_todos, skills_todos, positions_todos, activities_todos, jobs_todos, benefits_todos, accounts_todos,
    risk_todos,

    stats_todos,
]


@dataclass(frozen=True)
class TodoLine:
    todo: Todo
    url: str

    @property
    def key(self) -> str:
        return self.todo.key

    @property
    def label(self) -> Any:
        return self.todo.label

    @property
    def count(self) -> int:
        return self.todo.count

    @property
    def urgent(self) -> bool:
        return self.todo.urgent

def todo_lines(request: HttpRequest) -> list[TodoLine]:
    """Every to-do of the signed-in user with something waiting, computed at most once per request."""
    cached: list[TodoLine] | None = getattr(request, "_gonghui_todos", None)
    if cached is not None:
        return cached
    lines = []
    for source in SOURCES:
        for item in source(user=request.user):
            if item.count and item.route:
                url = reverse(item.route, args=item.args)
                lines.append(TodoLine(item, f"{url}?{urlencode(item.params)}" if item.params else url))
    request._gonghui_todos = lines  # type: ignore[attr-defined]
    return lines

def badge_counts(request: HttpRequest) -> dict[str, int]:
    """The menu's badges: to-dos summed per menu entry (the route their link opens), keyed by the
    route's name without its namespace."""
    counts: dict[str, int] = {}
    for line in todo_lines(request):
        key = line.todo.route.partition(":")[2]
        counts[key] = counts.get(key, 0) + line.count
    return counts

def todo_badges(request: HttpRequest) -> HttpResponse:
    """The menu's badges for a page other than the home page, fetched after the page has shown
    (htmx, out-of-band swaps), so no page pays for the whole to-do list before it renders."""
    return render(request, "web/partials/todo_badges.html", {"badges": sorted(badge_counts(request).items())})

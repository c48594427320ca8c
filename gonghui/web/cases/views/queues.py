"""工作台 queues of cases, and the 督办 board of overdue and supervised cases grouped by union."""

import secrets
from itertools import groupby
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.cases.models import Case
from gonghui.cases.selectors import case_board, case_queue, case_queue_filtered
from gonghui.core import session_values
from gonghui.core.permissions import Perm
from gonghui.web.cases.forms import QueueFilterForm
from gonghui.web.cases.views.common import case_scope, needs_case_permission
from gonghui.web.common.exports import register_filter_reader
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import paginate, shown_query

QUEUE_LABELS = {"todo": _("需要我处理"), "mine": _("我承办的"), "union": _("本单位"), "overdue": _("已超期"),
                "supervised": _("督办中"), "all": _("全部案件")}
SEARCH_KEY = "case-search-"
BOARD_LIMIT = 500


def filtered_queue(request: HttpRequest, queue: str, filters: dict[str, Any], query: str) -> QuerySet[Case]:
    # Only 本单位 is about one union; the other queues cover everything the cadre may see.
    union = home_union(request, Perm.CASE_VIEW) if queue == "union" else None
    return case_queue_filtered(scope=case_scope(request), queue=queue, user=request.user, union=union,
                               status=filters.get("status", ""), line=filters.get("line", ""),
                               category=filters.get("category", ""), difficulty=filters.get("difficulty", ""),
                               query=query, supervised=request.GET.get("supervised") == "1",
                               employer_id=employer_filter(request.GET.get("employer", "")))


def employer_filter(value: str) -> int | None:
    return int(value) if value.isdigit() and len(value) < 19 else None


def queue_tabs(request: HttpRequest) -> list[tuple[str, Any, int | None]]:
    """Each tab with how many cases it holds, so new work shows before it is opened; 全部 is the
    whole subtree and goes uncounted (a province's every case is no one's to-do)."""
    view_scope, union = case_scope(request), home_union(request, Perm.CASE_VIEW)
    return [(code, label, None if code == "all" else case_queue(
        scope=view_scope, queue=code, user=request.user, union=union if code == "union" else None).count())
        for code, label in QUEUE_LABELS.items()]


def queue_export_filters(request: HttpRequest) -> dict[str, Any]:
    """The queue's export reads what the page reads: its query string, the search kept in the
    session, and for 本单位 the union the cadre works at."""
    filters: dict[str, Any] = request.GET.dict()
    filters["q"] = session_values.peek(request.session, SEARCH_KEY + request.GET.get("s", ""), "")
    if filters.get("queue") == "union":
        union = home_union(request, Perm.CASE_VIEW)
        filters["union"] = union.pk if union is not None else "0"
    else:
        filters.pop("union", None)
    return filters


register_filter_reader("cases.queue", queue_export_filters)


@needs_case_permission()
def case_queue_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        # The search may be a caller's full phone number: kept in the session, never in the URL.
        params = request.POST.copy()
        query = params.pop("q", [""])[-1].strip()
        params.pop("csrfmiddlewaretoken", None)
        if query:
            key = secrets.token_urlsafe(6)
            session_values.keep(request.session, SEARCH_KEY + key, query[:100])
            params["s"] = key
        return redirect(f"{request.path}?{params.urlencode()}")
    queue = request.GET.get("queue", "todo")
    if queue not in QUEUE_LABELS:
        queue = "todo"
    form = QueueFilterForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    query = session_values.peek(request.session, SEARCH_KEY + request.GET.get("s", ""), "")
    page = paginate(request, filtered_queue(request, queue, filters, query), per_page=30)
    return render(request, "cases/queue.html", {
        "page": page, "form": form, "queue": queue, "queues": queue_tabs(request),
        "supervised": request.GET.get("supervised") == "1",
        "query_shown": shown_query(query), "now": timezone.now(),
        "can_intake": not case_scope(request, Perm.CASE_INTAKE).is_empty,
    })


@needs_case_permission(Perm.CASE_SUPERVISE, Perm.CASE_VIEW)
def supervision_board(request: HttpRequest) -> HttpResponse:
    """督办: what is overdue or under supervision in the subtree, one card per handling union."""
    view_scope = case_scope(request)
    rows = list(case_board(scope=view_scope)[:BOARD_LIMIT])
    groups: list[dict[str, Any]] = []
    for _path, cases in groupby(rows, key=lambda c: c.org_path):
        items = list(cases)
        groups.append({"union": items[0].handling_union, "cases": items,
                       "overdue": sum(1 for c in items if c.overdue)})
    groups.sort(key=lambda g: (-g["overdue"], g["union"].name))
    return render(request, "cases/board.html", {
        "groups": groups, "total": len(rows), "truncated": len(rows) >= BOARD_LIMIT, "now": timezone.now(),
        "can_supervise": not case_scope(request, Perm.CASE_SUPERVISE).is_empty,
    })

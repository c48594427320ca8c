"""困难职工档案 list with its filters and status tabs, and the 回头看 list of files due a re-check."""

import secrets
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from gonghui.assistance.choices import Status
from gonghui.assistance.selectors import hardship_list, hardship_status_counts, recheck_due_list
from gonghui.core import session_values
from gonghui.core.permissions import Perm
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.orgs.selectors import union_children, union_get
from gonghui.web.common.exports import register_filter_reader
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import not_found_as_404, paginate, shown_query
from gonghui.web.hardship.forms import DUE_WINDOWS, DueFilterForm, FileFilterForm
from gonghui.web.hardship.views.common import hardship_scope, needs_hardship_permission

SEARCH_KEY = "hardship-search-"
BRANCH_LIMIT = 100


def _search_redirect(request: HttpRequest) -> HttpResponse:
    # The search may be a full ID number or phone: kept in the session, never in the URL, where
    # access logs, browser history and Referer headers would keep it.
    params = request.POST.copy()
    query = params.pop("q", [""])[-1].strip()
    params.pop("csrfmiddlewaretoken", None)
    params.pop("page", None)
    if query:
        key = secrets.token_urlsafe(6)
        session_values.keep(request.session, SEARCH_KEY + key, query[:100])
        params["s"] = key
    return redirect(f"{request.path}?{params.urlencode()}")


def branch_choice(request: HttpRequest, view_scope: Scope) -> tuple[TradeUnion | None, TradeUnion | None,
                                                                      list[TradeUnion]]:
    """(the cadre's own union, the branch chosen in the filter, the branches below it to choose from)."""
    top = home_union(request, Perm.HARDSHIP_VIEW)
    union = union_get(scope=view_scope, pk=request.GET["union"]) if request.GET.get("union") else None
    below = union or top
    branches = list(union_children(scope=view_scope, parent=below)[:BRANCH_LIMIT]) if below is not None else []
    return top, union, branches


def files_export_filters(request: HttpRequest) -> dict[str, Any]:
    # The search box's text lives in the session, as on the page.
    return {**request.GET.dict(), "q": session_values.peek(request.session, SEARCH_KEY + request.GET.get("s", ""), "")}


register_filter_reader("assistance.files", files_export_filters)


@needs_hardship_permission(Perm.HARDSHIP_VIEW)
@not_found_as_404
def file_list_page(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        return _search_redirect(request)
    view_scope = hardship_scope(request)
    form = FileFilterForm(request.GET)
    filters: dict[str, Any] = form.cleaned_data if form.is_valid() else {}
    query = session_values.peek(request.session, SEARCH_KEY + request.GET.get("s", ""), "")
    top, union, branches = branch_choice(request, view_scope)
    qs = hardship_list(scope=view_scope, status=filters.get("status", ""),
                       hardship_class=filters.get("hardship_class", ""), cause=filters.get("cause", ""),
                       due_recheck=bool(filters.get("due")), union=union, query=query)
    counts = hardship_status_counts(scope=view_scope, union=union)
    tabs = [("", sum(counts.values()))] + [(s, counts[s]) for s in Status.values if counts.get(s)]
    survey_union = union or top
    return render(request, "hardship/list.html", {
        "page": paginate(request, qs, per_page=30), "form": form, "query_shown": shown_query(query),
        "tabs": [(code, Status(code).label if code else None, n) for code, n in tabs],
        "status": filters.get("status", ""), "top": top, "union": union, "branches": branches,
        "today": timezone.localdate(),
        "can_survey": survey_union is not None and hardship_scope(request, Perm.HARDSHIP_EDIT).covers(
            survey_union.path),
        "survey_union": survey_union,
    })


@needs_hardship_permission(Perm.HARDSHIP_VIEW)
@not_found_as_404
def due_list_page(request: HttpRequest) -> HttpResponse:
    """回头看: files whose re-check has come (the sweep flags those past their date), then those coming up."""
    view_scope = hardship_scope(request)
    form = DueFilterForm(request.GET)
    within = int(form.cleaned_data.get("within") or 0) if form.is_valid() else 0
    page = paginate(request, recheck_due_list(scope=view_scope, within_days=within), per_page=30)
    return render(request, "hardship/due.html", {
        "page": page, "form": form, "within": str(within), "windows": DUE_WINDOWS,
        "today": timezone.localdate(),
    })

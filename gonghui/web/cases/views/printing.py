"""The case's paper forms: the 受理单 (what was received, for the agent and the reviewer to sign)
and the 交办单 (what was handed to which union by when, for the receiving union to sign for).

Each is the case page on paper: loaded through the same selector and scope, the caller masked as
the page shows them; the timeline's own rows name who received and who dispatched.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from gonghui.cases.choices import Action
from gonghui.cases.selectors import CaseDetail, case_detail
from gonghui.web.cases.views.common import case_scope, needs_case_permission
from gonghui.web.common.views import not_found_as_404


def _context(request: HttpRequest, detail: CaseDetail) -> dict[str, object]:
    intake = next((e for e in detail.events if e.action == Action.INTAKE), None)
    return {"case": detail.case, "intake": intake, "printed_at": timezone.now(),
            "back": reverse("web:case_detail", args=[detail.case.pk])}


@needs_case_permission()
@not_found_as_404
def case_intake_print(request: HttpRequest, pk: int) -> HttpResponse:
    detail = case_detail(scope=case_scope(request), pk=pk)
    return render(request, "cases/print_intake.html", _context(request, detail))


@needs_case_permission()
@not_found_as_404
def case_dispatch_print(request: HttpRequest, pk: int) -> HttpResponse:
    """The latest 派单: a case sent on twice is handed to its present union by the second sheet."""
    detail = case_detail(scope=case_scope(request), pk=pk)
    dispatch = next((e for e in reversed(detail.events) if e.action == Action.DISPATCH), None)
    if dispatch is None:
        raise Http404  # never dispatched: there is no 交办单 to print
    return render(request, "cases/print_dispatch.html", {**_context(request, detail), "dispatch": dispatch})

"""困难职工帮扶申请审批表: the file page on paper, for the worker, the grassroots union and the county
to sign and stamp. Loaded through the file page's selectors and scope; the household is the page's
own masked rows (nothing revealed is ever printed), each review step its timeline row."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from gonghui.assistance.choices import Action, Cause, Status
from gonghui.assistance.selectors import FileHistory, hardship_get, hardship_history
from gonghui.web.common.views import not_found_as_404
from gonghui.web.hardship.views.common import hardship_scope, needs_hardship_permission
from gonghui.web.hardship.views.detail import household_shown


def _steps(history: FileHistory) -> dict[str, Any]:
    """The latest application, grassroots review and county approval; a refusal stands in the box of
    the level that refused (after the grassroots review it is the county's)."""
    steps: dict[str, Any] = {}
    for event in history.events:
        if event.action == Action.APPLY:
            steps["apply"] = event
        elif event.action == Action.REVIEW or (event.action == Action.REJECT and event.old_status == Status.APPLIED):
            steps["review"] = event
        elif event.action == Action.APPROVE or (event.action == Action.REJECT and event.old_status == Status.REVIEWED):
            steps["approve"] = event
    return steps


@needs_hardship_permission()
@not_found_as_404
def file_print_page(request: HttpRequest, pk: int) -> HttpResponse:
    file = hardship_get(scope=hardship_scope(request), pk=pk)
    history = hardship_history(file=file)
    return render(request, "hardship/print_form.html", {
        "file": file, "household": household_shown(file, history, {}), "steps": _steps(history),
        "causes": [Cause(c).label for c in history.causes], "rule": file.rule or file.suggested_rule,
        "printed_at": timezone.now(), "back": reverse("web:hardship_detail", args=[file.pk]),
    })

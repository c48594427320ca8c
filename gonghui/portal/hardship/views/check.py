"""困难帮扶: the hub, and 困难自测 (open to guests; nothing typed is stored)."""

from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from gonghui.assistance.choices import HardshipClass, Status
from gonghui.assistance.worker_selectors import SelfCheck, my_hardship_files, self_check, self_check_areas
from gonghui.core.errors import DomainError
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors
from gonghui.portal.hardship.forms import SelfCheckForm


def hardship_hub(request: HttpRequest) -> HttpResponse:
    worker = session.current_worker(request)
    files = my_hardship_files(phone=worker.phone) if worker else []
    current = files[0] if files else None
    return render(request, "portal/hardship/hub.html", {
        "worker": worker, "current": current, "statuses": Status,
    })


def _apply_link(form: SelfCheckForm) -> str:
    """申请帮扶 with what the self-check already knows filled in."""
    data = form.cleaned_data
    query: list[tuple[str, Any]] = [("area", data["area"])]
    query += [("causes", c) for c in data["causes"]]
    if data.get("rigid_expenses"):
        query.append(("rigid_expenses", data["rigid_expenses"]))
    return "?" + urlencode(query)


def hardship_self_check(request: HttpRequest) -> HttpResponse:
    """A GET form: the answer is a page the worker may bookmark or share, and going back keeps it."""
    areas = self_check_areas()
    asked = bool(request.GET)
    form = SelfCheckForm(request.GET or None, areas=areas)
    result: SelfCheck | None = None
    if asked and form.is_valid():
        data = form.cleaned_data
        try:
            result = self_check(adcode=data["area"], household_size=data["household_size"],
                                household_income=data["household_income"], causes=data["causes"],
                                rigid_expenses=data.get("rigid_expenses") or 0)
        except DomainError as exc:
            add_errors(exc, form)
    return render(request, "portal/hardship/check.html", {
        "form": form, "result": result, "areas": areas, "worker": session.current_worker(request),
        "apply_query": _apply_link(form) if result is not None else "",
        "class_label": _class_label(result), "lines": _lines(result),
    }, status=400 if asked and form.errors else 200)


def _class_label(result: SelfCheck | None) -> Any:
    klass = result.assessment.hardship_class if result is not None else None
    return HardshipClass(klass).label if klass else ""


def _lines(result: SelfCheck | None) -> list[tuple[Any, Any, bool]]:
    """The local standard as a small table: each class's limit, the household's own class marked."""
    if result is None:
        return []
    yours = result.assessment.hardship_class
    return [(HardshipClass(t.hardship_class).label, t.limit, t.hardship_class == yours) for t in result.thresholds]

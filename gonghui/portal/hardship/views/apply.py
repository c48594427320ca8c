"""申请帮扶: a signed-in worker applies for their household.

A member applies to the union of their membership. A worker who is not a member first finds the
union of their employer or of the street, township or county where they work or live (see
services/portal.py for why nobody is turned away for not being a member).
"""

from typing import Any

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.assistance.choices import OPEN_STATUSES
from gonghui.assistance.services import hardship_apply_by_worker
from gonghui.assistance.services.household import clean_household
from gonghui.assistance.worker_scope import worker_memberships
from gonghui.assistance.worker_selectors import (
    Area,
    application_union_get,
    application_unions,
    my_hardship_files,
    self_check_areas,
)
from gonghui.core.errors import DomainError, NotFound
from gonghui.members.models import Membership
from gonghui.orgs.models import TradeUnion
from gonghui.portal.common import session
from gonghui.portal.hardship.forms import ApplyForm, DocumentSlotsForm, HouseholdFormSet, UnionSearchForm

# The registry's field names where the application form calls them otherwise.
FIELD_ALIASES = {"worker_name": "name", "worker_id_number": "id_number", "adcode": "area",
                 "consent_signer": "consent"}


def _initial(query: QueryDict, memberships: list[Membership], union: TradeUnion | None,
             areas: list[Area]) -> dict[str, Any]:
    """What the self-check passed on, what the registry knows of a member, and the union's own area."""
    codes = {a.adcode for a in areas}
    initial: dict[str, Any] = {"causes": query.getlist("causes"), "rigid_expenses": query.get("rigid_expenses", "")}
    if query.get("area") in codes:
        initial["area"] = query["area"]
    if memberships:
        member, union = memberships[0].member, memberships[0].union
        initial["employer_name"] = member.employer.name if member.employer else ""
    region = (union.region_id or "") if union is not None else ""
    for code in (region, region[:4] + "00"):
        if "area" not in initial and code in codes:
            initial["area"] = code
    return initial


def _judge_household(rows: list[dict[str, Any]], positions: list[int], household: Any) -> None:
    """The registry's rules on the household rows while other fields still need fixing, so the worker
    sees every problem at once (the service judges everything again when the form is sent)."""
    try:
        clean_household([{"relation": "self", "name": "-"}, *rows], has_consent=True)
    except DomainError as exc:
        for error in getattr(exc, "errors", None) or [exc]:
            parts = (error.field or "").split(".")
            if len(parts) == 3 and parts[1].isdigit() and int(parts[1]) >= 2:
                row = household.forms[positions[int(parts[1]) - 2]]
                name = parts[2] if parts[2] in row.fields else "id_number"
                row.add_error(name, str(error.message))


def _filled_rows(household: Any) -> tuple[list[dict[str, Any]], list[int]]:
    """The household rows typed in, and the form index of each (row 2 of the registry is the first)."""
    rows, positions = [], []
    for index, row_form in enumerate(household.forms):
        row = row_form.row()
        if row is not None:
            rows.append(row)
            positions.append(index)
    return rows, positions


def _place(exc: DomainError, form: ApplyForm, household: Any, documents: DocumentSlotsForm,
           positions: list[int]) -> None:
    """Each of the registry's errors beside the field it names: "household.3.name" is the name of the
    household's third member (the worker is the first), "documents.2.file" the second upload."""
    for error in getattr(exc, "errors", None) or [exc]:
        field = error.field or ""
        text = str(error.message)
        parts = field.split(".")
        if parts[0] == "household" and len(parts) == 3 and parts[1].isdigit():
            position, name = int(parts[1]), parts[2]
            if position == 1:
                form.add_error("self_income" if name == "annual_income" else None, text)
                continue
            row = household.forms[positions[position - 2]]
            row.add_error(name if name in row.fields else "id_number" if name == "id_type" else None, text)
        elif parts[0] == "documents" and len(parts) == 3:
            target = f"{'kind' if parts[2] == 'kind' else 'file'}_{parts[1]}"
            documents.add_error(target if target in documents.fields else None, text)
        else:
            name = FIELD_ALIASES.get(field, field)
            form.add_error(name if name in form.fields else None, text)


def _choose_union(request: HttpRequest, error: str = "") -> HttpResponse:
    search = UnionSearchForm(request.GET or None)
    query = search.cleaned_data.get("q", "") if search.is_valid() else ""
    found = list(application_unions(query=query)) if query else []
    return render(request, "portal/hardship/apply_union.html", {
        "search": search, "query": query, "found": found, "worker": session.worker_of(request), "error": error,
    })


@session.worker_required
def hardship_apply(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    existing = next((f for f in my_hardship_files(phone=worker.phone) if f.status in OPEN_STATUSES), None)
    if existing is not None:
        return render(request, "portal/hardship/apply_open.html", {"existing": existing, "worker": worker})
    memberships = worker_memberships(phone=worker.phone)
    union: TradeUnion | None = None
    if not memberships:
        chosen = request.POST.get("union") or request.GET.get("union")
        if not chosen:
            return _choose_union(request)
        try:
            union = application_union_get(pk=chosen)
        except NotFound:
            return _choose_union(request, _("所选工会不受理困难帮扶申请，请重新选择。"))
    areas = self_check_areas()
    post = request.POST if request.method == "POST" else None
    form = ApplyForm(post, initial=_initial(request.GET, memberships, union, areas), areas=areas,
                     memberships=memberships)
    household = HouseholdFormSet(post, prefix="member")
    documents = DocumentSlotsForm(post, request.FILES if post is not None else None)
    if post is not None:
        parsed = [form.is_valid(), household.is_valid(), documents.is_valid()]
        rows, positions = _filled_rows(household) if parsed[1] else ([], [])
        if parsed[1] and not all(parsed):
            _judge_household(rows, positions, household)
        if all(parsed):
            try:
                file = hardship_apply_by_worker(
                    worker=worker, application=form.service_data() | {"household": rows}, union=union,
                    member_pk=form.cleaned_data.get("member"), documents=documents.documents())
            except DomainError as exc:
                _place(exc, form, household, documents, positions)
            else:
                # The file's page opens with the confirmation and what happens next.
                return redirect(reverse("portal:hardship_file", args=[file.pk]) + "?submitted=1")
    membership = memberships[0] if len(memberships) == 1 else None
    return render(request, "portal/hardship/apply.html", {
        "form": form, "household": household, "documents": documents, "union": union, "membership": membership,
        "memberships": memberships, "worker": worker, "areas": areas,
        "union_name": union.name if union is not None else memberships[0].union.name,
        "has_errors": bool(form.errors or documents.errors or any(f.errors for f in household.forms)),
        # The rows past the first two sit folded away unless something was typed in them.
        "more_open": any(f.errors or f.has_changed() for f in household.forms[2:]),
    }, status=400 if post is not None else 200)

"""The household table (家庭成员, 致困原因, 刚性支出), shared by the survey form and the 修改家庭情况 page.

The service replaces the whole household at once, so the page edits it as one table: rows are
added, changed or ticked for removal, and saved together. Identity numbers, incomes and health
notes already stored are never put back into the page (they stay masked); a stored row whose field
is left blank keeps its stored value, so a cadre changes only what they type.
"""

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.assistance.models import HouseholdMember
from gonghui.assistance.selectors import hardship_get, hardship_history
from gonghui.assistance.services import hardship_household_set
from gonghui.assistance.services.common import clean_amount
from gonghui.assistance.services.household import clean_causes, clean_household
from gonghui.core.errors import DomainError, InvalidFields, ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.web.common.views import not_found_as_404
from gonghui.web.hardship.forms import HouseholdForm, PersonFormSet
from gonghui.web.hardship.views.common import (
    form_errors_from,
    hardship_scope,
    may_edit_household,
    needs_hardship_permission,
)

PREFIX = "household"
PERSON_FIELDS = ("relation", "name", "id_type", "id_number", "annual_income", "health_notes")


def with_another_row(post: QueryDict) -> QueryDict:
    """添加一行: the same table posted back with one more empty row; nothing is saved."""
    data = post.copy()
    key = f"{PREFIX}-TOTAL_FORMS"
    try:
        data[key] = str(min(int(data.get(key, "0")) + 1, 40))
    except ValueError:
        data[key] = "1"
    return data


def person_formset(data: Any = None, initial: list[dict[str, Any]] | None = None,
                   stored: dict[int, HouseholdMember] | None = None) -> Any:
    formset = PersonFormSet(data, initial=initial, prefix=PREFIX)
    stored = stored or {}
    for form in formset.forms:
        # Added by the formset after the form's own fields were styled.
        form.fields["DELETE"].widget.attrs["class"] = "form-check-input"
        existing = stored.get(_int(form["existing"].value()) or 0)
        if existing is None:
            form.fields.pop("clear_notes")
            continue
        # What is stored shows only masked, as a hint in the empty field.
        form.fields["id_number"].widget.attrs["placeholder"] = existing.id_masked or (
            _("取自职工信息") if existing.relation == "self" else _("未登记"))
        form.fields["annual_income"].widget.attrs["placeholder"] = _("不改请留空")
        if existing.health_notes:
            form.fields["health_notes"].widget.attrs["placeholder"] = _("已登记，不改请留空")
        else:
            form.fields.pop("clear_notes")
    return formset


def _int(value: Any) -> int | None:
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


def stored_rows(household: list[HouseholdMember]) -> list[dict[str, Any]]:
    return [{"existing": m.pk, "relation": m.relation, "name": m.name, "id_type": m.id_type} for m in household]


def household_rows(formset: Any, stored: dict[int, HouseholdMember]) -> tuple[list[dict[str, Any]], list[int]]:
    """The rows for the service, and for each the index of the table row it came from (so an error
    about the service's row 2 lands on the right line of the table)."""
    rows: list[dict[str, Any]] = []
    positions: list[int] = []
    for index, form in enumerate(formset.forms):
        data = form.cleaned_data
        if data.get("DELETE") or form.is_blank():
            continue
        row = {name: data.get(name) or "" for name in PERSON_FIELDS}
        existing = stored.get(data.get("existing") or 0)
        if existing is not None:
            if not row["id_number"].strip():
                row["id_number"], row["id_type"] = existing.id_number, existing.id_type
            if not row["annual_income"].strip():
                row["annual_income"] = existing.annual_income
            if not row["health_notes"].strip() and not data.get("clear_notes"):
                row["health_notes"] = existing.health_notes
        rows.append(row)
        positions.append(index)
    return rows, positions


def every_error(exc: DomainError, rows: list[dict[str, Any]], *, has_consent: bool, causes: Any,
                rigid_expenses: Any) -> DomainError:
    """The service stops at its first group of mistakes (the worker, then the household); the
    household's own checks are run too, so a cadre fixes the whole form in one pass."""
    if not isinstance(exc, ValidationFailed):
        return exc
    errors: list[ValidationFailed] = list(getattr(exc, "errors", None) or [exc])
    seen = {(e.field, str(e.message)) for e in errors}
    for check in (lambda: clean_household(rows, has_consent=has_consent), lambda: clean_causes(causes),
                  lambda: clean_amount(rigid_expenses, field="rigid_expenses")):
        try:
            check()
        except ValidationFailed as more:
            for error in getattr(more, "errors", None) or [more]:
                if (error.field, str(error.message)) not in seen:
                    seen.add((error.field, str(error.message)))
                    errors.append(error)
    return InvalidFields(errors)


def wants_rows(request: HttpRequest) -> bool:
    return "add_row" in request.POST


@needs_hardship_permission(Perm.HARDSHIP_EDIT)
@not_found_as_404
def household_page(request: HttpRequest, pk: int) -> HttpResponse:
    """修改家庭情况: members and incomes, causes, rigid expenses and the area; the assessment is redone."""
    file = hardship_get(scope=hardship_scope(request), pk=pk)
    if not can_edit(request, file):
        return redirect("web:hardship_detail", file.pk)
    history = hardship_history(file=file)
    stored = {m.pk: m for m in history.household}
    initial = {"causes": history.causes, "rigid_expenses": file.rigid_expenses, "adcode": file.adcode,
               "version": file.version}
    if request.method == "POST":
        data = with_another_row(request.POST) if wants_rows(request) else request.POST
        form = HouseholdForm(data, initial=initial)
        formset = person_formset(data, stored=stored)
        if not wants_rows(request) and _save(request, file, form, formset, stored):
            return redirect("web:hardship_detail", file.pk)
    else:
        form = HouseholdForm(initial=initial)
        formset = person_formset(initial=[*stored_rows(history.household), {}], stored=stored)
    return render(request, "hardship/household.html", {
        "file": file, "form": form, "formset": formset, "has_consent": file.has_consent,
    }, status=400 if request.method == "POST" and not wants_rows(request) else 200)


def can_edit(request: HttpRequest, file: Any) -> bool:
    if may_edit_household(request, file):
        return True
    if not hardship_scope(request, Perm.HARDSHIP_EDIT).covers(file.org_path):
        raise DjangoPermissionDenied
    messages.error(request, _("当前状态下不能修改家庭情况。"))
    return False


def _save(request: HttpRequest, file: Any, form: HouseholdForm, formset: Any,
          stored: dict[int, HouseholdMember]) -> bool:
    if not (form.is_valid() and formset.is_valid()):
        return False
    rows, positions = household_rows(formset, stored)
    data = form.cleaned_data
    try:
        saved = hardship_household_set(actor=request.user, file=file, household=rows, causes=data["causes"],
                                       rigid_expenses=data["rigid_expenses"], adcode=data["adcode"],
                                       note=data["note"], version=data["version"] or file.version)
    except DomainError as exc:
        form_errors_from(every_error(exc, rows, has_consent=file.has_consent, causes=data["causes"],
                                     rigid_expenses=data["rigid_expenses"]), form, formset, positions)
        return False
    if saved.suggested_class:
        messages.success(request, _("已保存家庭情况，按现行标准测算为%(cls)s。") % {
            "cls": saved.get_suggested_class_display()})
    else:
        messages.success(request, _("已保存家庭情况；按现行标准测算不符合建档条件。"))
    return True

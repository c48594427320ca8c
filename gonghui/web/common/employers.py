"""The one employer picker every console form uses: search by name or 统一社会信用代码, then choose.

A county has thousands of employers, so no form lists them in a select. The field renders a search
box and the matches as radio buttons; with JavaScript the matches follow the typing (htmx), without
it the form is sent with the typed text and comes back with the matches to choose from, or takes a
whole credit code as it is. What may be chosen is one purpose's candidates (a scoped selector), the
same set for the search endpoint and for the field's validation, so an id from outside is refused.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from gonghui.core.permissions import Perm
from gonghui.democracy.selectors import employers_for_pick, employers_without_congress
from gonghui.orgs.holding import held_scope
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import employer_candidates, employer_pick, employer_pick_get

# Each form's candidates, by the purpose the form names: the form's manage scope.
PURPOSES: dict[str, Callable[[Any], QuerySet[Employer]]] = {
    "skills": lambda user: employer_candidates(scope=scope_for(user, Perm.SKILLS_MANAGE)),
    "honours": lambda user: employer_candidates(scope=scope_for(user, Perm.HONOURS_MANAGE)),
    "contracts": lambda user: employer_candidates(scope=held_scope(user, Perm.CONTRACT_MANAGE)),
    "disclosure": lambda user: employers_for_pick(actor=user),
    "congress": lambda user: employers_without_congress(actor=user),
}
CREDIT_CODE = re.compile(r"^[0-9A-HJ-NP-RTUW-Y]{2}\d{6}[0-9A-HJ-NP-RTUW-Y]{10}$")
FIELD_NAME = re.compile(r"^[a-z_]{1,30}$")


@dataclass(frozen=True)
class EmployerPick:
    """What one form may choose from, for one user."""

    purpose: str
    candidates: QuerySet[Employer]

    def search(self, query: str) -> list[Employer]:
        return employer_pick(candidates=self.candidates, query=query)

    def get(self, pk: int | None = None, credit_code: str = "") -> Employer | None:
        return employer_pick_get(candidates=self.candidates, pk=pk, credit_code=credit_code)


def employer_pick_for(request: HttpRequest, purpose: str) -> EmployerPick:
    return EmployerPick(purpose=purpose, candidates=PURPOSES[purpose](request.user))


class EmployerPickerWidget(forms.Widget):
    template_name = "web/common/employer_picker.html"
    pick: EmployerPick | None = None

    def value_from_datadict(self, data: Any, files: Any, name: str) -> dict[str, str]:
        return {"pk": str(data.get(name) or "").strip(), "q": str(data.get(f"{name}_q") or "").strip()}

    def value_omitted_from_data(self, data: Any, files: Any, name: str) -> bool:
        return name not in data and f"{name}_q" not in data

    def get_context(self, name: str, value: Any, attrs: dict[str, Any] | None) -> dict[str, Any]:
        context = super().get_context(name, None, attrs)
        chosen, query = None, ""
        if isinstance(value, dict):
            query = value.get("q", "")[:60]
            if value.get("pk", "").isdigit() and self.pick is not None:
                chosen = self.pick.get(pk=int(value["pk"]))
        elif isinstance(value, int) and self.pick is not None:
            chosen = self.pick.get(pk=value)
        results = self.pick.search(query) if self.pick is not None and query and chosen is None else []
        context["widget"].update({
            "query": query, "chosen": chosen, "results": results, "searched": bool(query) and chosen is None,
            "url": f"{reverse('web:employer_pick')}?for={self.pick.purpose}&name={name}" if self.pick else "",
        })
        return context


class EmployerPickField(forms.Field):
    """An employer chosen through the picker; cleans to the employer's id (the view loads it through its
    own scope as before). The picker must be bound with `bind` before the form is validated."""

    widget = EmployerPickerWidget

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", gettext_lazy("输入单位名称、拼音首字母或18位统一社会信用代码搜索，然后选择。"))
        super().__init__(*args, **kwargs)
        self.pick: EmployerPick | None = None

    def bind(self, pick: EmployerPick) -> None:
        self.pick = pick
        self.widget.pick = pick  # type: ignore[attr-defined]

    def _refuse(self, message: str, kind: str, **params: Any) -> ValidationError:
        return ValidationError(message, code=kind, params={"field": self.label, **params})

    def clean(self, value: Any) -> int | None:
        value = value if isinstance(value, dict) else {"pk": str(value or ""), "q": ""}
        pk, query = value.get("pk", ""), value.get("q", "")
        if not pk and not query:
            if self.required:
                raise self._refuse(_("%(field)s：请搜索并选择单位。"), "required")
            return None
        if self.pick is None:
            raise self._refuse(_("%(field)s：请搜索并选择单位。"), "unbound")
        if pk:
            found = self.pick.get(pk=int(pk)) if pk.isdigit() and len(pk) < 10 else None
            if found is None:
                raise self._refuse(_("%(field)s：所选单位不在您可以办理的范围内，请重新搜索选择。"), "out_of_scope")
            return found.pk
        if CREDIT_CODE.match(query.upper()):
            found = self.pick.get(credit_code=query)
            if found is None:
                raise self._refuse(_("%(field)s：您可以办理的单位中没有统一社会信用代码为%(code)s的单位。"),
                                   "unknown_code", code=query.upper())
            return found.pk
        raise self._refuse(_("%(field)s：请在搜索结果中选择一个单位。"), "choose")


def bind_employer_pick(form: forms.BaseForm, pick: EmployerPick | None, name: str = "employer") -> None:
    field = form.fields.get(name)
    if isinstance(field, EmployerPickField) and pick is not None:
        field.bind(pick)


def employer_pick_results(request: HttpRequest) -> HttpResponse:
    """The picker's matches as the user types: at most 20, among what the form's purpose allows."""
    purpose, name = request.GET.get("for", ""), request.GET.get("name", "employer")
    if purpose not in PURPOSES or not FIELD_NAME.match(name):
        raise Http404
    query = request.GET.get(f"{name}_q", request.GET.get("q", ""))[:60]
    results = employer_pick_for(request, purpose).search(query)
    return render(request, "web/common/_employer_pick_results.html",
                  {"results": results, "name": name, "searched": bool(query.strip())})

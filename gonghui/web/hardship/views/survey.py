"""摸底排查: a household found in a survey enters the registry, for a member picked from the registry
or for a worker who is not (yet) a member.

One form, in the order a cadre fills it at a home visit: the union, the worker, the household and
its incomes, the causes, consent. Finding a member or a union and adding a household row post the
form back to itself (nothing is saved), so the page works without script and keeps what was typed.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.assistance.choices import Relation
from gonghui.assistance.services import hardship_survey
from gonghui.core.errors import DomainError, NotFound
from gonghui.core.permissions import Perm
from gonghui.members.models import Member
from gonghui.members.selectors import member_get, member_list
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import union_children, union_get, union_search
from gonghui.web.common.unions import home_union
from gonghui.web.common.views import not_found_as_404, shown_query
from gonghui.web.hardship.forms import HouseholdForm, WorkerForm
from gonghui.web.hardship.views.common import form_errors_from, hardship_scope, needs_hardship_permission
from gonghui.web.hardship.views.household import (
    every_error,
    household_rows,
    person_formset,
    wants_rows,
    with_another_row,
)

PICK_LIMIT = 30
FIRST_ROWS: list[dict[str, Any]] = [{"relation": Relation.SELF}, {}, {}]


def _union_options(request: HttpRequest, chosen: TradeUnion | None) -> list[TradeUnion]:
    """The cadre's own union and its branches, the union chosen, and what a search found."""
    edit_scope = hardship_scope(request, Perm.HARDSHIP_EDIT)
    top = home_union(request, Perm.HARDSHIP_EDIT)
    options: list[TradeUnion] = []
    query = request.POST.get("union_q", "").strip() if "find_union" in request.POST else ""
    if query:
        options += list(union_search(scope=edit_scope, query=query, limit=PICK_LIMIT))
    if chosen is not None:
        options.insert(0, chosen)
    if top is not None:
        options += [top, *union_children(scope=edit_scope, parent=top)[:PICK_LIMIT]]
    unique: dict[int, TradeUnion] = {}
    for union in options:
        unique.setdefault(union.pk, union)
    return [u for u in unique.values() if u.is_active]


def _chosen(request: HttpRequest, form: WorkerForm, name: str, load: Any) -> Any:
    """The union or member the form (or the link that opened it) names, loaded through the scope."""
    raw = request.POST.get(name) if request.method == "POST" else request.GET.get(name)
    if not raw:
        return None
    try:
        return load(pk=raw)
    except NotFound:
        form.add_error(name, _("所选记录不存在或不在您的管辖范围内。"))
        return None


def _member_results(request: HttpRequest) -> tuple[list[Member], str]:
    if "find_member" not in request.POST:
        return [], ""
    query = request.POST.get("member_q", "").strip()
    if not query:
        return [], ""
    found = list(member_list(scope=scope_for(request.user, Perm.MEMBER_VIEW), query=query)[:PICK_LIMIT])
    return found, query


@needs_hardship_permission(Perm.HARDSHIP_EDIT)
@not_found_as_404
def survey_page(request: HttpRequest) -> HttpResponse:
    posted = request.method == "POST"
    searching = posted and ("find_member" in request.POST or "find_union" in request.POST or wants_rows(request))
    data = with_another_row(request.POST) if posted and wants_rows(request) else (request.POST if posted else None)
    worker_form = WorkerForm(data)
    household_form = HouseholdForm(data, editing=False)
    formset = person_formset(data, initial=None if posted else FIRST_ROWS)
    edit_scope = hardship_scope(request, Perm.HARDSHIP_EDIT)
    union = _chosen(request, worker_form, "union", lambda pk: union_get(scope=edit_scope, pk=pk))
    member_scope = scope_for(request.user, Perm.MEMBER_VIEW)
    member = _chosen(request, worker_form, "member", lambda pk: member_get(scope=member_scope, pk=pk))
    if posted and not searching:
        file = _save(request, worker_form, household_form, formset, union, member)
        if file is not None:
            messages.success(request, _("已完成摸底登记。登记本人同意后即可提交申请。") if not file.has_consent
                             else _("已完成摸底登记，可以提交申请。"))
            return redirect("web:hardship_detail", file.pk)
    found, member_query = _member_results(request)
    return render(request, "hardship/survey.html", {
        "worker_form": worker_form, "form": household_form, "formset": formset,
        "union": union or (None if posted else home_union(request, Perm.HARDSHIP_EDIT)),
        "unions": _union_options(request, union), "member": member, "found": found,
        "member_query": shown_query(member_query), "searched": "find_member" in request.POST,
        "union_query": request.POST.get("union_q", ""),
        "can_pick_member": not member_scope.is_empty,
    }, status=400 if posted and not searching else 200)


def _save(request: HttpRequest, worker_form: WorkerForm, household_form: HouseholdForm, formset: Any,
          union: TradeUnion | None, member: Member | None) -> Any:
    valid = worker_form.is_valid() & household_form.is_valid() & formset.is_valid()
    if union is None and not worker_form.has_error("union"):
        worker_form.add_error("union", _("请选择建档工会。"))
    if not valid or union is None:
        return None
    rows, positions = household_rows(formset, {})
    data = household_form.cleaned_data
    try:
        return hardship_survey(actor=request.user, union=union, worker=worker_form.worker(), member=member,
                               household=rows, causes=data["causes"], rigid_expenses=data["rigid_expenses"],
                               adcode=data["adcode"], survey_note=worker_form.cleaned_data["survey_note"],
                               consent=worker_form.consent())
    except DomainError as exc:
        everything = every_error(exc, rows, has_consent=worker_form.consent() is not None, causes=data["causes"],
                                 rigid_expenses=data["rigid_expenses"])
        form_errors_from(everything, worker_form, formset, positions, others=[household_form])
        return None

"""Employers (用人单位): the scoped list, detail, registration and edits."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.core.permissions import Perm
from gonghui.orgs import selectors
from gonghui.orgs.services import employer_create, employer_update
from gonghui.web.common.forms import call_service
from gonghui.web.common.records import employer_record
from gonghui.web.common.risk_card import risk_card
from gonghui.web.common.views import can, needs_any, not_found_as_404, paginate, scope
from gonghui.web.orgs.forms import EmployerForm
from gonghui.web.orgs.views.risk import risk_context


@needs_any(Perm.ORG_VIEW)
def employer_list(request: HttpRequest) -> HttpResponse:
    view_scope = scope(request, Perm.ORG_VIEW)
    status = request.GET.get("unionized", "")
    unionized = {"1": True, "0": False}.get(status)
    qs = selectors.employer_list(scope=view_scope, query=request.GET.get("q", ""), unionized=unionized)
    return render(request, "web/employers/list.html", {"page": paginate(request, qs), "unionized": status})


@not_found_as_404
def employer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get(scope=scope(request, Perm.ORG_VIEW), pk=pk)
    honours, skills = employer_record(request, employer)
    return render(request, "web/employers/detail.html", {
        "employer": employer, "can_edit": can(request, Perm.EMPLOYER_EDIT, employer.org_path),
        "honours": honours, "skills": skills, "radar": risk_card(request, employer), **risk_context(request, employer)})


@not_found_as_404
def employer_create_view(request: HttpRequest, union_pk: int) -> HttpResponse:
    union = selectors.union_get(scope=scope(request, Perm.EMPLOYER_EDIT), pk=union_pk)
    form = EmployerForm(request.POST or None, near=union, initial={"region": union.region_id or ""})
    if request.method == "POST" and form.is_valid():
        employer = call_service(form, employer_create, actor=request.user, union=union, **form.service_fields())
        if employer is not None:
            messages.success(request, _("已登记用人单位：%(name)s") % {"name": employer.name})
            return redirect("web:employer_detail", employer.pk)
    return render(request, "web/employers/form.html", {"form": form, "union": union, "employer": None})


@not_found_as_404
def employer_edit(request: HttpRequest, pk: int) -> HttpResponse:
    employer = selectors.employer_get(scope=scope(request, Perm.EMPLOYER_EDIT), pk=pk)
    initial = {f: getattr(employer, f) for f in EmployerForm.base_fields if f != "region"}
    initial["region"] = employer.region_id or ""
    form = EmployerForm(request.POST or None, near=employer.union, initial=initial)
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, employer_update, actor=request.user, employer=employer,
                             version=form.cleaned_data.get("version") or employer.version, **form.service_fields())
        if saved is not None:
            messages.success(request, _("已保存。"))
            return redirect("web:employer_detail", employer.pk)
    return render(request, "web/employers/form.html", {"form": form, "union": employer.union, "employer": employer})

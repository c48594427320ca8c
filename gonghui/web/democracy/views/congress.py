"""The 职代会 list (with "no session this year"), setting one up, and the congress page of an employer:
its terms, the current roster with its composition table, sessions, seats and the yearly assessment."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.democracy.models import WorkersCongress
from gonghui.democracy.selectors import (
    congress_get,
    congress_guidance,
    congress_list,
    congress_sessions,
    congresses_without_session,
    current_term,
    employer_assessments,
    employer_seats,
    session_get,
    term_composition,
    term_delegates,
    term_get,
)
from gonghui.democracy.services import (
    congress_establish,
    congress_guide,
    delegates_elect,
    openness_assess,
    seat_elect,
    session_hold,
    term_open,
)
from gonghui.orgs.selectors import employer_get
from gonghui.web.common.employers import employer_pick_for
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.democracy.forms import (
    AssessmentForm,
    EstablishForm,
    GuidanceForm,
    RosterForm,
    SeatForm,
    SessionForm,
    TermForm,
)
from gonghui.web.democracy.views.common import MANAGE, PERMS, may_manage, may_supervise, say_refusal, view_scope


@needs_any(*PERMS)
@not_found_as_404
def congress_list_page(request: HttpRequest) -> HttpResponse:
    scope = view_scope(request)
    unheld = request.GET.get("unheld") == "1"
    query = request.GET.get("q", "").strip()[:50]
    rows = congresses_without_session(scope=scope) if unheld else congress_list(scope=scope, query=query)
    pick = employer_pick_for(request, "congress")
    form = EstablishForm(request.POST or None, employers=pick,
                         initial={"established_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        employer = employer_get(scope=scope, pk=form.cleaned_data["employer"])
        congress = call_service(form, congress_establish, actor=request.user, employer=employer,
                                form=form.cleaned_data["form"], established_on=form.cleaned_data["established_on"])
        if congress is not None:
            messages.success(request, _("已建立职代会制度。请登记本届任期和职工代表。"))
            return redirect("web:democracy_congress", congress.pk)
    return render(request, "democracy/congress_list.html", {
        "page": paginate(request, rows, per_page=30), "unheld": unheld, "q": query, "form": form,
        "can_establish": pick.candidates.exists(), "year": timezone.localdate().year,
    }, status=400 if form.errors else 200)


def render_congress(request: HttpRequest, congress: WorkersCongress, failed: dict[str, forms.Form] | None = None
                    ) -> HttpResponse:
    scope = view_scope(request)
    term = current_term(congress)
    sessions = list(congress_sessions(scope=scope, congress=congress))
    session_choices = [(s.pk, f"{s.held_on:%Y-%m-%d} {s.title}") for s in sessions]
    page_forms: dict[str, forms.Form] = {
        "term": TermForm(initial={"workforce": congress.employer.employee_count,
                                  "women_workforce": congress.employer.women_count}, auto_id="id_term_%s"),
        "roster": RosterForm(auto_id="id_roster_%s"),
        "session": SessionForm(initial={"held_on": timezone.localdate()}, auto_id="id_session_%s"),
        "seat": SeatForm(sessions=session_choices, auto_id="id_seat_%s"),
        "assessment": AssessmentForm(initial={"year": timezone.localdate().year}, auto_id="id_assessment_%s"),
        "guidance": GuidanceForm(auto_id="id_guidance_%s"),
    }
    page_forms.update(failed or {})
    can_manage, can_guide = may_manage(request, congress.org_path), may_supervise(request, congress.org_path)
    for name, form in (failed or {}).items():
        if not (can_guide if name == "guidance" else can_manage):
            say_refusal(request, form)
    return render(request, "democracy/congress_detail.html", {
        "congress": congress, "employer": congress.employer, "term": term,
        "terms": list(congress.terms.order_by("-number")),
        "delegates": list(term_delegates(scope=scope, term=term)) if term else [],
        "composition": term_composition(scope=scope, term=term) if term else [],
        "sessions": sessions, "seats": list(employer_seats(scope=scope, employer=congress.employer)),
        "assessments": list(employer_assessments(scope=scope, employer=congress.employer)),
        "can_manage": can_manage, "forms": page_forms, "can_guide": can_guide,
        "guidance": list(congress_guidance(congress=congress)),
        "open_action": next(iter(failed or {}), ""), "is_assembly": congress.form == "assembly",
    }, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def congress_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_congress(request, congress_get(scope=view_scope(request), pk=pk))


def _post(request: HttpRequest, pk: int, name: str, form: forms.Form, act: Any, done: str) -> HttpResponse:
    congress = congress_get(scope=view_scope(request), pk=pk)
    if form.is_valid() and call_service(form, act, congress=congress) is not None:
        messages.success(request, done)
        return redirect("web:democracy_congress", congress.pk)
    return render_congress(request, congress, {name: form})


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def congress_term(request: HttpRequest, pk: int) -> HttpResponse:
    form = TermForm(request.POST, auto_id="id_term_%s")
    return _post(request, pk, "term", form,
                 lambda congress: term_open(actor=request.user, congress=congress, **form.cleaned_data),
                 _("已登记新一届任期。"))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def congress_roster(request: HttpRequest, pk: int) -> HttpResponse:
    form = RosterForm(request.POST, auto_id="id_roster_%s")

    def act(congress: WorkersCongress) -> Any:
        term = current_term(congress)
        if term is None:
            form.add_error("roster", _("请先登记本届任期。"))
            return None
        return delegates_elect(actor=request.user, term=term_get(scope=view_scope(request), pk=term.pk),
                               delegates=form.delegates())

    return _post(request, pk, "roster", form, act, _("已登记本届职工代表名单。"))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def congress_session(request: HttpRequest, pk: int) -> HttpResponse:
    form = SessionForm(request.POST, auto_id="id_session_%s")

    def act(congress: WorkersCongress) -> Any:
        term = current_term(congress, form.cleaned_data["held_on"])
        if term is None:
            form.add_error("held_on", _("请先登记本届任期。"))
            return None
        return session_hold(actor=request.user, term=term, **form.cleaned_data)

    return _post(request, pk, "session", form, act, _("已登记会议。"))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def congress_seat(request: HttpRequest, pk: int) -> HttpResponse:
    scope = view_scope(request)
    congress = congress_get(scope=scope, pk=pk)
    sessions = [(s.pk, s.title) for s in congress_sessions(scope=scope, congress=congress)]
    form = SeatForm(request.POST, sessions=sessions, auto_id="id_seat_%s")

    def act(congress: WorkersCongress) -> Any:
        data = dict(form.cleaned_data)
        session = session_get(scope=scope, pk=data.pop("elected_by"))
        return seat_elect(actor=request.user, employer=congress.employer, elected_by=session, **data)

    return _post(request, pk, "seat", form, act, _("已登记职工董事/职工监事。"))


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def congress_assessment(request: HttpRequest, pk: int) -> HttpResponse:
    form = AssessmentForm(request.POST, auto_id="id_assessment_%s")
    return _post(request, pk, "assessment", form,
                 lambda congress: openness_assess(actor=request.user, employer=congress.employer,
                                                  **form.cleaned_data),
                 _("已记录厂务公开民主评议结果。"))




@needs_any(MANAGE)
@not_found_as_404
@require_POST
def congress_guidance_add(request: HttpRequest, pk: int) -> HttpResponse:
    form = GuidanceForm(request.POST, auto_id="id_guidance_%s")
    return _post(request, pk, "guidance", form,
                 lambda congress: congress_guide(actor=request.user, congress=congress, **form.cleaned_data),
                 _("已记录指导意见。"))

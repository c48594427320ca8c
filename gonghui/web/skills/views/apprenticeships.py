"""师带徒: the list, signing an agreement (master and apprentice found by ID number among the employer's
members, never put in a URL), and the agreement page with start, 出师 and termination."""

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import ValidationFailed
from gonghui.core.permissions import Perm
from gonghui.members.models import Member
from gonghui.members.selectors import member_of_employer_by_id_number
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import employer_get
from gonghui.skills.apprenticeship_selectors import (
    apprenticeship_events,
    apprenticeship_get,
    apprenticeship_list,
    apprenticeships_past_period,
)
from gonghui.skills.innovation_choices import ApprenticeshipAction as AA
from gonghui.skills.innovation_workflow import APPRENTICESHIP_RULES, allowed_actions
from gonghui.skills.models import Apprenticeship
from gonghui.skills.services.apprenticeships import apprenticeship_sign, apprenticeship_transition
from gonghui.web.common.forms import add_refusal, call_service
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.skills import innovation_forms as f
from gonghui.web.skills.views.common import (
    MANAGE,
    PERMS,
    employer_choices,
    manage_scope,
    may_manage,
    say_refusal,
    view_scope,
)

DONE: dict[str, Any] = {AA.START: _("协议开始履行。"), AA.GRADUATE: _("已记录出师。"), AA.TERMINATE: _("协议已终止。")}


@needs_any(*PERMS)
def apprenticeship_list_page(request: HttpRequest) -> HttpResponse:
    form = f.PairFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    rows: Any = apprenticeships_past_period(scope=view_scope(request)) if d.get("overdue") else apprenticeship_list(
        scope=view_scope(request), status=d.get("status", ""), query=d.get("q", ""))
    return render(request, "skills/apprenticeship_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "tab": "apprenticeships",
        "can_manage": not manage_scope(request).is_empty})


def _member(request: HttpRequest, employer: Employer, number: str, field: str) -> Member:
    # An ID number opens the member registry: the look-up is scoped by its permission, not by skills'.
    return member_of_employer_by_id_number(scope=scope_for(request.user, Perm.MEMBER_VIEW), employer=employer,
                                           id_number=number, field=field)


@needs_any(MANAGE)
def apprenticeship_new_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    form = f.SignForm(request.POST or None, employers=employer_choices(request),
                      initial={"agreed_on": today, "starts_on": today})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            employer = employer_get(scope=manage_scope(request), pk=d["employer"])
            master = _member(request, employer, d["master_id"], "master_id")
            apprentice = _member(request, employer, d["apprentice_id"], "apprentice_id")
        except ValidationFailed as exc:
            add_refusal(form, exc)
        else:
            done = call_service(form, apprenticeship_sign, actor=request.user, employer=employer, master=master,
                                apprentice=apprentice, agreed_on=d["agreed_on"], starts_on=d["starts_on"],
                                ends_on=d["ends_on"], targets=d["targets"], trade=d["trade"],
                                target_level=d["target_level"], allowance=d["allowance"])
            if done:
                messages.success(request, _("已登记师带徒协议。"))
                return redirect("web:skills_apprenticeship", done.pk)
    return render(request, "skills/simple_form.html", {
        "form": form, "title": _("签订师带徒协议"), "back": "web:skills_apprenticeships", "tab": "apprenticeships"},
        status=400 if form.errors else 200)


def render_pair(request: HttpRequest, pair: Apprenticeship, failed: tuple[str, f.PairStepForm] | None = None
                ) -> HttpResponse:
    actions = allowed_actions(APPRENTICESHIP_RULES, pair.status) if may_manage(request, pair.org_path) else []
    if failed and failed[0] not in actions:
        say_refusal(request, failed[1])
    steps = [(a, AA(a).label, failed[1] if failed and failed[0] == a else f.PairStepForm(
        initial={"version": pair.version, "on": timezone.localdate()}, auto_id=f"id_{a}_%s")) for a in actions]
    return render(request, "skills/apprenticeship_detail.html", {
        "p": pair, "steps": steps, "open_action": failed[0] if failed else "", "tab": "apprenticeships",
        "events": list(apprenticeship_events(apprenticeship=pair)),
        "past_period": pair.status in ("signed", "active") and pair.ends_on < timezone.localdate()},
        status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def apprenticeship_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_pair(request, apprenticeship_get(scope=view_scope(request), pk=pk))


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def apprenticeship_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in DONE:
        raise Http404
    pair = apprenticeship_get(scope=view_scope(request), pk=pk)
    form = f.PairStepForm(request.POST, auto_id=f"id_{action}_%s")
    if form.is_valid():
        d = form.cleaned_data
        done = call_service(form, apprenticeship_transition, actor=request.user, apprenticeship=pair, action=action,
                            on=d["on"], outcome_level=d["outcome_level"], note=d["note"], version=d["version"])
        if done is not None:
            messages.success(request, DONE[action])
            return redirect("web:skills_apprenticeship", pk)
    return render_pair(request, pair, (action, form))

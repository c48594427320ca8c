"""五小 and 合理化建议: the list with its filters, entering one for a worker, and the suggestion page with
its timeline and the steps the viewer may take now (adopt, reject with the reason, implement, the
benefit assessment, rewards, patents)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.orgs.selectors import employer_get
from gonghui.skills.innovation_choices import SuggestionAction as SA
from gonghui.skills.innovation_workflow import REWARDABLE, SUGGESTION_RULES, allowed_actions
from gonghui.skills.models import Suggestion
from gonghui.skills.services.suggestions import (
    patent_register,
    suggestion_assess_benefit,
    suggestion_enter,
    suggestion_reward,
    suggestion_transition,
)
from gonghui.skills.suggestion_selectors import (
    suggestion_events,
    suggestion_get,
    suggestion_list,
    suggestion_patents,
    suggestion_rewards,
    suggestions_awaiting_review,
)
from gonghui.web.common.forms import call_service
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

FORMS: dict[str, type[forms.Form]] = {SA.ADOPT: f.DecideForm, SA.REJECT: f.DecideForm, SA.IMPLEMENT: f.DecideForm,
                                      SA.ASSESS: f.AssessForm, SA.REWARD: f.RewardForm, SA.PATENT: f.PatentForm}
DONE: dict[str, Any] = {SA.ADOPT: _("已采纳。"), SA.REJECT: _("已记录不予采纳及理由。"),
                        SA.IMPLEMENT: _("已记录实施。"), SA.ASSESS: _("已核定创效。"), SA.REWARD: _("已登记奖励。"),
                        SA.PATENT: _("已登记专利。")}


@needs_any(*PERMS)
def suggestion_list_page(request: HttpRequest) -> HttpResponse:
    form = f.SuggestionFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    if d.get("waiting"):
        rows: Any = suggestions_awaiting_review(scope=view_scope(request))
    else:
        rows = suggestion_list(scope=view_scope(request), status=d.get("status", ""), kind=d.get("kind", ""),
                               query=d.get("q", ""), submitted_from=d.get("start"), submitted_to=d.get("end"))
    return render(request, "skills/suggestion_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "tab": "suggestions",
        "can_manage": not manage_scope(request).is_empty})


@needs_any(MANAGE)
def suggestion_new_page(request: HttpRequest) -> HttpResponse:
    form = f.SuggestionForm(request.POST or None, employers=employer_choices(request),
                            initial={"submitted_on": timezone.localdate(), "kind": "rationalisation"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        employer = call_service(form, employer_get, scope=manage_scope(request), pk=d["employer"])
        done = employer and call_service(
            form, suggestion_enter, actor=request.user, employer=employer, kind=d["kind"], title=d["title"],
            content=d["content"], proposer_name=d["proposer_name"], co_proposers=d["co_proposers"],
            department=d["department"], submitted_on=d["submitted_on"])
        if done:
            messages.success(request, _("已录入建议，等待评审。"))
            return redirect("web:skills_suggestion", done.pk)
    return render(request, "skills/simple_form.html", {
        "form": form, "title": _("代职工录入建议"), "back": "web:skills_suggestions", "tab": "suggestions"},
        status=400 if form.errors else 200)


def _actions(request: HttpRequest, s: Suggestion) -> list[str]:
    if not may_manage(request, s.org_path):
        return []
    steps = allowed_actions(SUGGESTION_RULES, s.status)
    if s.status == "implemented":
        steps.append(SA.ASSESS)
    if s.status in REWARDABLE:
        steps += [SA.REWARD, SA.PATENT]
    return steps


def _blank(s: Suggestion, action: str) -> forms.Form:
    today = timezone.localdate()
    initial = {"version": s.version, "on": today, "assessed_on": today, "paid_on": today, "granted_on": today,
               "benefit": s.benefit or "", "assessor": s.benefit_assessor}
    return FORMS[action](initial=initial, auto_id=f"id_{action}_%s")


def render_suggestion(request: HttpRequest, s: Suggestion, failed: tuple[str, forms.Form] | None = None
                      ) -> HttpResponse:
    actions = _actions(request, s)
    if failed and failed[0] not in actions:
        say_refusal(request, failed[1])
    steps = [(a, SA(a).label, failed[1] if failed and failed[0] == a else _blank(s, a)) for a in actions]
    return render(request, "skills/suggestion_detail.html", {
        "s": s, "steps": steps, "open_action": failed[0] if failed else "", "tab": "suggestions",
        "events": list(suggestion_events(suggestion=s)), "rewards": list(suggestion_rewards(suggestion=s)),
        "patents": list(suggestion_patents(suggestion=s))}, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def suggestion_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_suggestion(request, suggestion_get(scope=view_scope(request), pk=pk))


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def suggestion_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    s = suggestion_get(scope=view_scope(request), pk=pk)
    form = FORMS[action](request.POST, auto_id=f"id_{action}_%s")
    if form.is_valid():
        d, user = form.cleaned_data, request.user
        done: Any
        if action in (SA.ADOPT, SA.REJECT, SA.IMPLEMENT):
            done = call_service(form, suggestion_transition, actor=user, suggestion=s, action=action, on=d["on"],
                                note=d["note"], version=d["version"])
        elif action == SA.ASSESS:
            done = call_service(form, suggestion_assess_benefit, actor=user, suggestion=s, benefit=d["benefit"],
                                assessor=d["assessor"], assessed_on=d["assessed_on"], basis=d["basis"],
                                version=d["version"])
        elif action == SA.REWARD:
            done = call_service(form, suggestion_reward, actor=user, suggestion=s, amount=d["amount"],
                                paid_on=d["paid_on"], note=d["note"])
        else:
            done = call_service(form, patent_register, actor=user, suggestion=s, number=d["number"], kind=d["kind"],
                                title=d["title"], granted_on=d["granted_on"])
        if done is not None:
            messages.success(request, DONE[action])
            return redirect("web:skills_suggestion", pk)
    return render_suggestion(request, s, (action, form))

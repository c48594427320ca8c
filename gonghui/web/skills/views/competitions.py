"""劳动和技能竞赛: the list with its filters, and the plan form (拟定 and 修改竞赛方案)."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.skills.competition_choices import EDITABLE, StageKind
from gonghui.skills.competition_figures import awaiting_finalising, awaiting_my_approval
from gonghui.skills.competition_selectors import competition_get, competition_list
from gonghui.skills.services.competitions import competition_create, competition_edit
from gonghui.web.common.forms import call_service
from gonghui.web.common.unions import union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.skills.forms import CompetitionFilterForm, PlanForm
from gonghui.web.skills.views.common import MANAGE, PERMS, manage_scope, manage_unions, view_scope

TODO_LABELS = {"approve": _("待本级审批立项"), "finalise": _("公示期满待确定结果")}


@needs_any(*PERMS)
def competition_list_page(request: HttpRequest) -> HttpResponse:
    form = CompetitionFilterForm(request.GET or None)
    f = form.cleaned_data if form.is_valid() else {}
    todo = f.get("todo", "")
    if todo == "approve":
        rows = awaiting_my_approval(manage_scope=manage_scope(request))
    elif todo == "finalise":
        rows = awaiting_finalising(manage_scope=manage_scope(request))
    else:
        rows = competition_list(scope=view_scope(request), kind=f.get("kind", ""), status=f.get("status", ""),
                                year=f.get("year"), query=f.get("q", ""))
    return render(request, "skills/competition_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "todo": str(TODO_LABELS.get(todo, "")),
        "can_manage": not manage_scope(request).is_empty, "tab": "competitions"})


def _plan_form(request: HttpRequest, **kw: object) -> PlanForm:
    return PlanForm(request.POST if request.method == "POST" else None, unions=manage_unions(request), **kw)  # type: ignore[arg-type]


@needs_any(MANAGE)
def competition_new_page(request: HttpRequest) -> HttpResponse:
    form = _plan_form(request, initial={"stage_final": True, "tie_rule": "shared"})
    if request.method == "POST" and form.is_valid():
        organiser = call_service(form, union_from_choice, request=request, permission=MANAGE,
                                 pk=form.cleaned_data["organiser"])
        competition = organiser and call_service(form, competition_create, actor=request.user, organiser=organiser,
                                                 stages=form.stages(), **form.plan_values())
        if competition:
            messages.success(request, _("已拟定竞赛方案，确认无误后请报请上级工会立项。"))
            return redirect("web:skills_competition", competition.pk)
    return render(request, "skills/competition_form.html", {"form": form, "tab": "competitions"},
                  status=400 if form.errors else 200)


@needs_any(MANAGE)
@not_found_as_404
def competition_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    competition = competition_get(scope=manage_scope(request), pk=pk)
    if competition.status not in EDITABLE:
        messages.error(request, _("竞赛已报请立项，方案不能再修改。"))
        return redirect("web:skills_competition", pk)
    initial = {f: getattr(competition, f) for f in (
        "title", "kind", "trade", "project", "budget", "start_on", "end_on", "score_min", "score_max", "tie_rule",
        "max_entries", "team_size", "notice_workdays", "plan")} | {"organiser": competition.organiser_id}
    for stage in competition.stages.all():
        initial[f"stage_{stage.kind}"] = True
        initial[f"advance_{stage.kind}"] = stage.advance
    form = _plan_form(request, initial=initial)
    form.fields["organiser"].disabled = True
    if request.method == "POST" and form.is_valid():
        done = call_service(form, competition_edit, actor=request.user, competition=competition,
                            changes=form.plan_values(), stages=form.stages(),
                            version=int(request.POST.get("version") or 0) or None)
        if done:
            messages.success(request, _("已修改竞赛方案。"))
            return redirect("web:skills_competition", pk)
    return render(request, "skills/competition_form.html", {
        "form": form, "competition": competition, "stage_kinds": StageKind, "tab": "competitions"},
        status=400 if form.errors else 200)

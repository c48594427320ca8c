"""创新工作室: the list, naming a studio, and the studio page (team, results, patents, assessments,
timeline) with the steps the viewer may take: add a member, record a result or an assessment,
change the level, revoke (摘牌)."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.orgs.selectors import employer_get
from gonghui.skills.innovation_choices import StudioStatus
from gonghui.skills.models import InnovationStudio
from gonghui.skills.services.studios import (
    studio_assess,
    studio_member_add,
    studio_name,
    studio_relevel,
    studio_result_add,
    studio_revoke,
)
from gonghui.skills.services.suggestions import patent_register
from gonghui.skills.studio_selectors import (
    assessment_year,
    studio_assessments,
    studio_events,
    studio_get,
    studio_list,
    studio_patents,
    studio_results,
    studio_team,
    studios_due_assessment,
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

FORMS: dict[str, tuple[type[forms.Form], Any, Any]] = {
    "member": (f.TeamForm, _("加入成员"), _("已加入成员。")),
    "result": (f.ResultForm, _("登记成果"), _("已登记成果。")),
    "patent": (f.PatentForm, _("登记专利"), _("已登记专利。")),
    "assess": (f.StudioAssessForm, _("年度考核"), _("已记录年度考核。")),
    "relevel": (f.RelevelForm, _("调整级别"), _("已调整级别。")),
    "revoke": (f.RevokeForm, _("摘牌"), _("工作室已摘牌。")),
}


@needs_any(*PERMS)
def studio_list_page(request: HttpRequest) -> HttpResponse:
    form = f.StudioFilterForm(request.GET or None)
    d = form.cleaned_data if form.is_valid() else {}
    rows: Any = studios_due_assessment(scope=view_scope(request)) if d.get("due") else studio_list(
        scope=view_scope(request), kind=d.get("kind", ""), level=d.get("level", ""), status=d.get("status", ""),
        query=d.get("q", ""))
    return render(request, "skills/studio_list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "tab": "studios",
        "can_manage": not manage_scope(request).is_empty})


@needs_any(MANAGE)
def studio_new_page(request: HttpRequest) -> HttpResponse:
    form = f.StudioForm(request.POST or None, employers=employer_choices(request),
                        initial={"named_on": timezone.localdate(), "kind": "model_worker", "level": "city"})
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        employer = call_service(form, employer_get, scope=manage_scope(request), pk=d["employer"])
        done = employer and call_service(
            form, studio_name, actor=request.user, employer=employer, name=d["name"], kind=d["kind"],
            level=d["level"], named_on=d["named_on"], leader_name=d["leader_name"], named_by=d["named_by"],
            field=d["field"])
        if done:
            messages.success(request, _("已登记命名的创新工作室。"))
            return redirect("web:skills_studio", done.pk)
    return render(request, "skills/simple_form.html", {
        "form": form, "title": _("命名创新工作室"), "back": "web:skills_studios", "tab": "studios"},
        status=400 if form.errors else 200)


def _blank(studio: InnovationStudio, action: str) -> forms.Form:
    today = timezone.localdate()
    initial = {"version": studio.version, "joined_on": today, "assessed_on": today, "revoked_on": today,
               "year": assessment_year(today) if action == "assess" else today.year, "level": studio.level}
    return FORMS[action][0](initial=initial, auto_id=f"id_{action}_%s")


def render_studio(request: HttpRequest, studio: InnovationStudio, failed: tuple[str, forms.Form] | None = None
                  ) -> HttpResponse:
    active = studio.status == StudioStatus.ACTIVE
    actions = list(FORMS) if active and may_manage(request, studio.org_path) else []
    if failed and failed[0] not in actions:
        say_refusal(request, failed[1])
    steps = [(a, FORMS[a][1], failed[1] if failed and failed[0] == a else _blank(studio, a)) for a in actions]
    return render(request, "skills/studio_detail.html", {
        "st": studio, "steps": steps, "open_action": failed[0] if failed else "", "tab": "studios",
        "team": list(studio_team(studio=studio)), "results": list(studio_results(studio=studio)),
        "patents": list(studio_patents(studio=studio)), "assessments": list(studio_assessments(studio=studio)),
        "events": list(studio_events(studio=studio))}, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def studio_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_studio(request, studio_get(scope=view_scope(request), pk=pk))


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def studio_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    studio = studio_get(scope=view_scope(request), pk=pk)
    form = FORMS[action][0](request.POST, auto_id=f"id_{action}_%s")
    if form.is_valid():
        d, user = form.cleaned_data, request.user
        if action == "member":
            done: Any = call_service(form, studio_member_add, actor=user, studio=studio, name=d["name"],
                                     role=d["role"], joined_on=d["joined_on"])
        elif action == "result":
            done = call_service(form, studio_result_add, actor=user, studio=studio, kind=d["kind"], title=d["title"],
                                year=d["year"], benefit=d["benefit"], note=d["note"])
        elif action == "patent":
            done = call_service(form, patent_register, actor=user, studio=studio, number=d["number"], kind=d["kind"],
                                title=d["title"], granted_on=d["granted_on"])
        elif action == "assess":
            done = call_service(form, studio_assess, actor=user, studio=studio, year=d["year"], grade=d["grade"],
                                assessed_on=d["assessed_on"], note=d["note"])
        elif action == "relevel":
            done = call_service(form, studio_relevel, actor=user, studio=studio, level=d["level"], note=d["note"],
                                version=d["version"])
        else:
            done = call_service(form, studio_revoke, actor=user, studio=studio, reason=d["reason"],
                                revoked_on=d["revoked_on"], version=d["version"])
        if done is not None:
            messages.success(request, FORMS[action][2])
            return redirect("web:skills_studio", pk)
    return render_studio(request, studio, (action, form))

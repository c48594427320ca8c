"""The competition page: its plan, timeline, stages, entries, awards and records, and the forms for the
steps this viewer may take now (competition_actions: the organiser's steps to its cadres, approve and
return to the level above). Every form posts to `competition_act`, which calls the one service."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.skills.competition_choices import CompetitionAction as A
from gonghui.skills.competition_choices import CompetitionStatus, StageStatus
from gonghui.skills.competition_models import Competition
from gonghui.skills.competition_selectors import (
    competition_actions,
    competition_awards,
    competition_entries,
    competition_entry_get,
    competition_events,
    competition_get,
    competition_reports,
    competition_stage_get,
    competition_stages,
)
from gonghui.skills.services import competitions as s
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.skills import forms as f
from gonghui.web.skills.views.common import MANAGE, PERMS, manage_scope, say_refusal, view_scope

# The steps the page offers, in the order it shows them (the first one the viewer may take leads).
FORMS: dict[str, type[forms.Form]] = {
    A.APPROVE: f.NoteForm, A.RETURN: f.ReasonForm, A.SUBMIT: f.Versioned, A.ENTER: f.EnterForm,
    A.ADVANCE: f.AdvanceForm, A.AWARD: f.AwardForm, A.PUBLISH: f.DayForm, A.FINALISE: f.DayForm,
    A.COMMEND: f.CommendForm, A.SUMMARISE: f.SummaryForm, A.RECALL: f.ReasonForm,
    A.WITHDRAW_ENTRY: f.WithdrawForm, A.CANCEL: f.ReasonForm,
}
DONE: dict[str, Any] = {
    A.SUBMIT: _("已报请上级工会立项。"), A.APPROVE: _("已批准立项。"), A.RETURN: _("已退回立项申请。"),
    A.ENTER: _("已登记参赛。"), A.WITHDRAW_ENTRY: _("已撤销参赛。"), A.ADVANCE: _("已按名次晋级下一阶段。"),
    A.AWARD: _("已评定奖项。"), A.PUBLISH: _("结果已公示。"), A.RECALL: _("已撤回公示，最后阶段重新开放。"),
    A.FINALISE: _("结果已确定。"), A.SUMMARISE: _("已记录阶段总结。"), A.COMMEND: _("已记录年终表扬。"),
    A.CANCEL: _("竞赛已撤销。"),
}
ENTRY_CHOICES_LIMIT = 500


def _choices(request: HttpRequest, competition: Competition, action: str) -> dict[str, Any]:
    if action in (A.WITHDRAW_ENTRY, A.AWARD, A.COMMEND):
        rows: Any = list(competition_entries(scope=view_scope(request), competition=competition)[:ENTRY_CHOICES_LIMIT])
        if action == A.COMMEND:
            rows = [e for e in rows if hasattr(e, "award")]
        return {"entries": [(e.pk, f"{e.seq}. {e.name}") for e in rows]}
    if action == A.ADVANCE:
        lines = competition_stages(scope=view_scope(request), competition=competition)
        return {"stages": [(x.stage.pk, x.stage.get_kind_display()) for x in lines
                           if x.stage.status == StageStatus.OPEN and x.stage.advance]}
    return {}


def _blank(request: HttpRequest, competition: Competition, action: str) -> forms.Form:
    today = timezone.localdate()
    initial = {"version": competition.version, "on": today, "year": today.year}
    return FORMS[action](initial=initial, auto_id=f"id_{action}_%s", **_choices(request, competition, action))


@needs_any(*PERMS)
@not_found_as_404
def competition_page(request: HttpRequest, pk: int, failed: tuple[str, forms.Form] | None = None) -> HttpResponse:
    scope = view_scope(request)
    competition = competition_get(scope=scope, pk=pk)
    allowed = competition_actions(manage_scope=manage_scope(request), competition=competition)
    actions = [a for a in FORMS if a in allowed]
    if failed and failed[0] not in actions:
        say_refusal(request, failed[1])
    steps = [(a, A(a).label, failed[1] if failed and failed[0] == a else _blank(request, competition, a))
             for a in actions]
    today = timezone.localdate()
    notice_left = (competition.notice_ends_on - today).days if competition.notice_ends_on and \
        competition.status == CompetitionStatus.PUBLICISED else None
    return render(request, "skills/competition_detail.html", {
        "c": competition, "steps": steps, "open_action": failed[0] if failed else "",
        "can_edit": A.EDIT in allowed, "can_score": A.SCORE in allowed,
        "stages": competition_stages(scope=scope, competition=competition),
        "entries": paginate(request, competition_entries(scope=scope, competition=competition,
                                                         include_withdrawn=True), per_page=20),
        "awards": list(competition_awards(scope=scope, competition=competition)),
        "reports": list(competition_reports(scope=scope, competition=competition)),
        "events": list(competition_events(scope=scope, competition=competition)),
        "notice_left": notice_left, "tab": "competitions",
    }, status=400 if failed else 200)


def _run(request: HttpRequest, competition: Competition, action: str, form: forms.Form) -> Any:
    d, user, scope = form.cleaned_data, request.user, view_scope(request)
    version = d.get("version")
    if action == A.SUBMIT:
        return call_service(form, s.competition_submit, actor=user, competition=competition, version=version)
    if action == A.APPROVE:
        return call_service(form, s.competition_approve, actor=user, competition=competition, note=d["note"],
                            version=version)
    if action in (A.RETURN, A.RECALL, A.CANCEL):
        fn: Any = {A.RETURN: s.competition_return, A.RECALL: s.competition_recall,
                   A.CANCEL: s.competition_cancel}[A(action)]
        return call_service(form, fn, actor=user, competition=competition, reason=d["reason"], version=version)
    if action in (A.PUBLISH, A.FINALISE):
        fn = s.competition_publish if action == A.PUBLISH else s.competition_finalise  # type: ignore[assignment]
        return call_service(form, fn, actor=user, competition=competition, on=d["on"], version=version)
    if action == A.ENTER:
        assert isinstance(form, f.EnterForm)
        people = form.persons()
        team = d["team_name"]
        return call_service(form, s.competition_enter, actor=user, competition=competition,
                            person=None if team else (people[0] if people else s.PersonIn()),
                            team_name=team, members=people if team else None,
                            employer_name=d["employer_name"], trade=d["trade"])
    if action == A.ADVANCE:
        stage = competition_stage_get(scope=scope, competition=competition, pk=d["stage"])
        return call_service(form, s.competition_advance, actor=user, stage=stage, on=d["on"])
    if action == A.SUMMARISE:
        return call_service(form, s.competition_summarise, actor=user, competition=competition, title=d["title"],
                            text=d["text"])
    if action == A.COMMEND:
        entries = [competition_entry_get(scope=scope, competition=competition, pk=pk) for pk in d["entries"]]
        return call_service(form, s.competition_commend, actor=user, competition=competition, year=d["year"],
                            title=d["title"], text=d["text"], entries=entries)
    entry = competition_entry_get(scope=scope, competition=competition, pk=d["entry"])
    if action == A.AWARD:
        return call_service(form, s.competition_award, actor=user, entry=entry, grade=d["grade"], title=d["title"],
                            skill_level=d["skill_level"], note=d["note"])
    return call_service(form, s.competition_entry_withdraw, actor=user, entry=entry, reason=d["reason"])


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def competition_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in FORMS:
        raise Http404
    competition = competition_get(scope=view_scope(request), pk=pk)
    form = FORMS[action](request.POST, auto_id=f"id_{action}_%s", **_choices(request, competition, action))
    if form.is_valid():
        done = _run(request, competition, action, form)
        if done is not None and not form.errors:
            messages.success(request, DONE[action])
            return redirect("web:skills_competition", pk)
    return competition_page(request, pk, failed=(action, form))


"""One stage of a competition: its ranking, paged, as the competition's tie rule orders it, and the
score sheet (登记成绩), a table of the stage's entries where one bad row refuses the sheet and is named."""

import re
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from gonghui.core.errors import DomainError, msg
from gonghui.skills.competition_choices import CompetitionAction, StageStatus
from gonghui.skills.competition_selectors import (
    competition_actions,
    competition_entries,
    competition_get,
    competition_ranking,
    competition_stage_get,
    competition_stage_scores,
)
from gonghui.skills.services.competitions import ScoreIn, competition_score
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.skills.views.common import PERMS, manage_scope, view_scope

SHEET_ROWS = 50
_ROW = re.compile(r"^rows\[(\d+)\]")
# The service numbers a bad row by its place among the rows sent; the sheet names the entry instead.
_ROW_PREFIX = re.compile(r"^[^：:]{1,20}[：:]\s*")


@needs_any(*PERMS)
@not_found_as_404
def stage_page(request: HttpRequest, pk: int, stage_pk: int) -> HttpResponse:
    scope = view_scope(request)
    competition = competition_get(scope=scope, pk=pk)
    stage = competition_stage_get(scope=scope, competition=competition, pk=stage_pk)
    ranking = competition_ranking(scope=scope, stage=stage, after=request.GET.get("after", ""),
                                  before=request.GET.get("before", ""), per_page=30)
    can_score = (CompetitionAction.SCORE in competition_actions(manage_scope=manage_scope(request),
                                                                competition=competition)
                 and stage.status == StageStatus.OPEN)
    return render(request, "skills/stage.html", {
        "c": competition, "stage": stage, "ranking": ranking, "can_score": can_score, "tab": "competitions",
        "ranking_query": f"competition={competition.pk}&stage={stage.pk}"})


def _sheet_rows(request: HttpRequest, entries: Any, kept: dict[int, tuple[Any, Any]]) -> list[dict[str, Any]]:
    """Each entry's row: what was typed when the sheet comes back, else the score already entered."""
    def shown(value: Any) -> str:
        return "" if value is None else f"{value.normalize():f}"

    if request.method == "POST":
        return [{"entry": e, "score": request.POST.get(f"score_{e.pk}", "").strip(), "error": "",
                 "tiebreak": request.POST.get(f"tiebreak_{e.pk}", "").strip(), "kept": e.pk in kept} for e in entries]
    return [{"entry": e, "score": shown(kept.get(e.pk, (None, None))[0]), "error": "", "kept": e.pk in kept,
             "tiebreak": shown(kept.get(e.pk, (None, None))[1])} for e in entries]


@needs_any(*PERMS)
@not_found_as_404
def score_sheet_page(request: HttpRequest, pk: int, stage_pk: int) -> HttpResponse:
    scope = view_scope(request)
    competition = competition_get(scope=scope, pk=pk)
    stage = competition_stage_get(scope=scope, competition=competition, pk=stage_pk)
    unscored = request.GET.get("unscored") == "1"
    page = paginate(request, competition_entries(scope=scope, competition=competition, stage=stage,
                                                 unscored_only=unscored), per_page=SHEET_ROWS)
    kept = competition_stage_scores(scope=scope, stage=stage, entry_ids=[e.pk for e in page])
    rows = _sheet_rows(request, page, kept)
    error = ""
    if request.method == "POST":
        sent = [r for r in rows if r["score"] or r["tiebreak"]]
        try:
            n = competition_score(actor=request.user, stage=stage, rows=[
                ScoreIn(r["entry"].pk, r["score"], r["tiebreak"] or None) for r in sent])
        except DomainError as exc:
            found = _ROW.match(exc.field or "")
            if (found and int(found.group(1)) < len(sent)) or (len(sent) == 1 and exc.field != "stage"):
                bad = sent[int(found.group(1)) if found else 0]
                bad["error"] = _ROW_PREFIX.sub("", str(exc.message)) if found else str(exc.message)
                error = msg(_("%(name)s（报名序号 %(seq)d）：%(error)s 本页成绩均未登记，请改正后重新提交。"), {
                    "name": bad["entry"].name, "seq": bad["entry"].seq, "error": bad["error"]})
            else:
                error = str(exc.message)
        else:
            messages.success(request, _("已登记 %(n)d 条成绩。") % {"n": n})
            return redirect("web:skills_stage", pk, stage_pk)
    return render(request, "skills/score_sheet.html", {
        "c": competition, "stage": stage, "page": page, "rows": rows, "error": error, "unscored": unscored,
        "closed": stage.status != StageStatus.OPEN,
        "tab": "competitions"}, status=400 if error else 200)

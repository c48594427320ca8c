"""技能创新统计 for a union's subtree: 五小 and 合理化建议 (提出, 采纳, 实施, 创效), studios, 师带徒 and
training over a period (innovation_figures), and the competitions of the period's year by kind and
level (competition_figures). Each figure is defined once, in the skills app."""

import datetime

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.replica import read_only
from gonghui.members.choices import SkillLevel
from gonghui.orgs.choices import Level
from gonghui.orgs.scope import Scope
from gonghui.skills.competition_choices import CompetitionKind, PrizeGrade
from gonghui.skills.competition_figures import KindLevelCount, competition_figures
from gonghui.skills.innovation_choices import CourseKind, StudioKind, StudioLevel, SuggestionKind
from gonghui.skills.innovation_figures import innovation_figures
from gonghui.web.common.unions import home_union, union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404
from gonghui.web.skills.forms import FiguresForm
from gonghui.web.skills.views.common import PERMS, VIEW, view_scope


@needs_any(*PERMS)
@not_found_as_404
@read_only
def figures_page(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    unions = union_choices(request, VIEW)
    form = FiguresForm(request.GET or None, unions=unions)
    d = form.cleaned_data if form.is_bound and form.is_valid() else {}
    start = d.get("start") or datetime.date(today.year, 1, 1)
    end = d.get("end") or datetime.date(today.year, 12, 31)
    if end < start:
        form.add_error("end", _("截止日期须不早于起始日期。"))
        start, end = end, start
    union = union_from_choice(request, VIEW, d["union"]) if d.get("union") else home_union(request, VIEW)
    if not form.is_bound:
        form = FiguresForm(unions=unions, initial={"union": union.pk if union else None, "start": start, "end": end})
    if union is None:
        return render(request, "skills/figures.html", {"form": form, "union": None, "tab": "figures"})
    # The subtree asked for, inside what the viewer may see (union_from_choice checked it is in sight).
    inno = innovation_figures(scope=Scope.of([union.path]), start=start, end=end)
    comp = competition_figures(scope=view_scope(request), union=union, year=end.year)
    s = inno.suggestions
    return render(request, "skills/figures.html", {
        "form": form, "union": union, "start": start, "end": end, "i": inno, "c": comp, "tab": "figures",
        "by_kind": [(label, s.by_kind.get(value)) for value, label in SuggestionKind.choices if s.by_kind.get(value)],
        "studio_levels": [(label, inno.studios.by_level.get(v, 0)) for v, label in StudioLevel.choices],
        "studio_kinds": [(label, inno.studios.by_kind.get(v, 0)) for v, label in StudioKind.choices],
        "course_kinds": [(label, inno.training.by_kind[v]) for v, label in CourseKind.choices
                         if inno.training.by_kind.get(v)],
        "skill_levels": [(label, inno.training.by_level.get(v, 0), inno.apprenticeships.by_outcome.get(v, 0))
                         for v, label in SkillLevel.choices if v != SkillLevel.NONE],
        "kinds": CompetitionKind.choices, "matrix": _matrix(comp.by_kind_level),
        "grades": [(label, comp.awards_by_grade[v]) for v, label in PrizeGrade.choices if v in comp.awards_by_grade],
    })


def _matrix(rows: list[KindLevelCount]) -> list[tuple[str, list[int], int]]:
    """Competitions by organiser level (rows) and kind (columns), the levels that have any."""
    labels = dict(Level.choices)
    out = []
    for level in sorted({r.level for r in rows}):
        counts = [sum(r.count for r in rows if r.level == level and r.kind == kind) for kind in CompetitionKind.values]
        out.append((str(labels.get(level, level)), counts, sum(counts)))
    return out

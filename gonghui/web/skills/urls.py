"""Console routes and navigation entries of 技能创新 (劳动和技能竞赛, 五小和合理化建议, 创新工作室, 师带徒,
职工技能培训, 统计); included by web/urls.py and web/context.py."""

from typing import Any

from django.urls import URLPattern, path
from django.utils.translation import gettext_lazy as _

from gonghui.web.skills.views import (
    apprenticeships,
    competition_detail,
    competitions,
    figures,
    stages,
    studios,
    suggestions,
    training,
)
from gonghui.web.skills.views.common import PERMS

urlpatterns: list[URLPattern] = [
    path("skills/", competitions.competition_list_page, name="skills_competitions"),
    path("skills/competitions/new/", competitions.competition_new_page, name="skills_competition_new"),
    path("skills/competitions/<int:pk>/", competition_detail.competition_page, name="skills_competition"),
    path("skills/competitions/<int:pk>/edit/", competitions.competition_edit_page, name="skills_competition_edit"),
    path("skills/competitions/<int:pk>/do/<str:action>/", competition_detail.competition_act,
         name="skills_competition_act"),
    path("skills/competitions/<int:pk>/stages/<int:stage_pk>/", stages.stage_page, name="skills_stage"),
    path("skills/competitions/<int:pk>/stages/<int:stage_pk>/scores/", stages.score_sheet_page,
         name="skills_scores"),
    path("skills/suggestions/", suggestions.suggestion_list_page, name="skills_suggestions"),
    path("skills/suggestions/new/", suggestions.suggestion_new_page, name="skills_suggestion_new"),
    path("skills/suggestions/<int:pk>/", suggestions.suggestion_page, name="skills_suggestion"),
    path("skills/suggestions/<int:pk>/do/<str:action>/", suggestions.suggestion_act, name="skills_suggestion_act"),
    path("skills/studios/", studios.studio_list_page, name="skills_studios"),
    path("skills/studios/new/", studios.studio_new_page, name="skills_studio_new"),
    path("skills/studios/<int:pk>/", studios.studio_page, name="skills_studio"),
    path("skills/studios/<int:pk>/do/<str:action>/", studios.studio_act, name="skills_studio_act"),
    path("skills/apprenticeships/", apprenticeships.apprenticeship_list_page, name="skills_apprenticeships"),
    path("skills/apprenticeships/new/", apprenticeships.apprenticeship_new_page, name="skills_apprenticeship_new"),
    path("skills/apprenticeships/<int:pk>/", apprenticeships.apprenticeship_page, name="skills_apprenticeship"),
    path("skills/apprenticeships/<int:pk>/do/<str:action>/", apprenticeships.apprenticeship_act,
         name="skills_apprenticeship_act"),
    path("skills/training/", training.course_list_page, name="skills_courses"),
    path("skills/training/new/", training.course_new_page, name="skills_course_new"),
    path("skills/training/<int:pk>/delete/", training.course_delete, name="skills_course_delete"),
    path("skills/figures/", figures.figures_page, name="skills_figures"),
]

# (url name, label, icon, permission(s) needed anywhere, active when the path starts with); see web/context.py.
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    (None, _("技能创新"), "", PERMS, ""),
    ("web:skills_competitions", _("劳动和技能竞赛"), "⚑", PERMS, "/skills/$"),
    ("web:skills_suggestions", _("五小和合理化建议"), "✦", PERMS, "/skills/suggestions/"),
    ("web:skills_studios", _("创新工作室"), "⚙", PERMS, "/skills/studios/"),
    ("web:skills_apprenticeships", _("师带徒"), "⇆", PERMS, "/skills/apprenticeships/"),
    ("web:skills_courses", _("职工技能培训"), "✎", PERMS, "/skills/training/"),
    ("web:skills_figures", _("技能创新统计"), "▥", PERMS, "/skills/figures/"),
]

"""What waits for a 技能创新 cadre: competition plans to approve (立项, from the level above), results
whose 公示 has ended, suggestions past their review days, studios due for the yearly assessment and
师带徒 agreements past their period. Counted by the selectors the lists' filters use, so a count is
the length of the list its link opens."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.counting import count_each
from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for
from gonghui.skills.competition_figures import competition_todo_lists
from gonghui.skills.innovation_selectors import innovation_waiting_lists

COMPETITIONS = "web:skills_competitions"


def skills_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.SKILLS_MANAGE)
    if scope.is_empty:
        return []
    # Both kinds of line counted in one query, each through the selector its list uses.
    competitions = waiting = count_each({**competition_todo_lists(manage_scope=scope),
                                         **innovation_waiting_lists(scope=scope)})
    return [
        todo("skills.to_approve", _("竞赛立项待审批"), competitions["to_approve"], COMPETITIONS, todo="approve"),
        todo("skills.to_finalise", _("竞赛公示期满待确定结果"), competitions["to_finalise"], COMPETITIONS,
             urgent=True, todo="finalise"),
        todo("skills.review", _("建议超期未评审"), waiting["review"], "web:skills_suggestions", urgent=True,
             waiting="1"),
        todo("skills.assessment", _("创新工作室待年度考核"), waiting["assessment"], "web:skills_studios",
             due="1"),
        todo("skills.apprenticeships", _("师带徒期满未出师"), waiting["apprenticeships"], "web:skills_apprenticeships",
             overdue="1"),
    ]

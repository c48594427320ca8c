"""建功立业 metrics (gonghui.core.metrics), counted as the skills figures pages count them
(gonghui.skills.competition_figures, gonghui.skills.innovation_figures)."""

from typing import Any

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from gonghui.core.metrics import Aggregation, Dimension, Metric, Temporal, register_metrics
from gonghui.core.periods import Period
from gonghui.core.permissions import Perm
from gonghui.skills.competition_choices import COUNTED, CompetitionKind
from gonghui.skills.innovation_choices import StudioKind, StudioLevel, SuggestionKind
from gonghui.skills.models import Apprenticeship, Competition, InnovationStudio, Suggestion

COMPETITION_KIND = Dimension("kind", "kind", _("竞赛类别"), dict(CompetitionKind.choices))
SUGGESTION_KIND = Dimension("kind", "kind", _("类别"), dict(SuggestionKind.choices))
STUDIO_KIND = Dimension("kind", "kind", _("类型"), dict(StudioKind.choices))
STUDIO_LEVEL = Dimension("level", "level", _("级别"), dict(StudioLevel.choices))


def competitions(period: Period) -> Any:
    """Approved competitions running at some time in the period."""
    return Competition.objects.filter(status__in=COUNTED, start_on__lte=period.end, end_on__gte=period.start)


def apprenticeships(period: Period) -> Any:
    return Apprenticeship.objects.filter(agreed_on__gte=period.start, agreed_on__lte=period.end)


def suggestions(period: Period) -> Any:
    return Suggestion.objects.filter(submitted_on__gte=period.start, submitted_on__lte=period.end)


def studios(period: Period) -> Any:
    return (InnovationStudio.objects.filter(named_on__lte=period.end)
            .filter(Q(revoked_on__isnull=True) | Q(revoked_on__gt=period.end)))


_COMMON: dict[str, Any] = {"owner": "skills", "permission": Perm.SKILLS_VIEW, "aggregation": Aggregation.COUNT}

register_metrics([
    Metric(name="skills.competitions", label=_("开展劳动和技能竞赛"), unit=_("项"), temporal=Temporal.FLOW,
           rows=competitions, dimensions=(COMPETITION_KIND,),
           row_columns=(("title", _("竞赛名称")), ("kind", _("竞赛类别")), ("start_on", _("开始日期")),
                        ("end_on", _("结束日期"))),
           definition=_("本期内任一天在进行的已立项竞赛（劳动竞赛、技能竞赛、安康杯、技术比武），计入主办工会；"
                        "草拟、待审批、退回和撤销的不计。跨期竞赛在所跨各期都计。"), **_COMMON),
    Metric(name="skills.apprenticeships", label=_("签订师带徒协议"), unit=_("份"), temporal=Temporal.FLOW,
           rows=apprenticeships, month_field="agreed_on",
           row_columns=(("master__name", _("师傅")), ("apprentice__name", _("徒弟")), ("trade", _("工种")),
                        ("agreed_on", _("协议签订日期")), ("status", _("状态"))),
           definition=_("协议签订日期在本期内的师带徒协议（此后终止的也计），计入所在单位的工会。"), **_COMMON),
    Metric(name="skills.suggestions", label=_("五小和合理化建议"), unit=_("项"), temporal=Temporal.FLOW,
           rows=suggestions, dimensions=(SUGGESTION_KIND,),
           row_columns=(("title", _("名称")), ("kind", _("类别")), ("proposer_name", _("提出人")),
                        ("submitted_on", _("提出日期")), ("status", _("状态"))),
           definition=_("提出日期在本期内的小发明、小创造、小革新、小设计、小建议和合理化建议，无论评审结果。"),
           **_COMMON),
    Metric(name="skills.studios", label=_("创新工作室"), unit=_("个"), temporal=Temporal.STOCK, rows=studios,
           dimensions=(STUDIO_KIND, STUDIO_LEVEL),
           row_columns=(("name", _("工作室名称")), ("kind", _("类型")), ("level", _("级别")),
                        ("named_on", _("命名日期"))),
           definition=_("期末已命名且未摘牌的劳模、工匠和职工创新工作室，计入依托单位的工会。"), **_COMMON),
])

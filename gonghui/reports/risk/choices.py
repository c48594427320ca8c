"""The radar's words: its components, its rule codes and an alert's states."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Component(models.TextChoices):
    """What a score is made of, each read set-based from the domain that holds it (risk.signals)."""

    CASES = "cases", _("12351诉求")
    REPEAT_CALLERS = "repeat_callers", _("重复来电")
    UNION = "union", _("未建会或工会失效")
    CONTRACT = "contract", _("无集体合同或工资专项")
    HARDSHIP = "hardship", _("困难职工")
    OBJECTIONS = "objections", _("评选公示异议")
    DIRECTOR = "director", _("应设未设职工董事")


class RuleCode(models.TextChoices):
    WINDOW_MONTHS = "window_months", _("统计期（月）")
    THRESHOLD = "threshold", _("预警分数线")
    CASE_POINTS = "case_points", _("每件诉求（分）")
    WAGE_CASE_POINTS = "wage_case_points", _("每件欠薪诉求（分）")
    CASES_CAP = "cases_cap", _("诉求得分上限")
    REPEAT_CALLER_POINTS = "repeat_caller_points", _("每位重复来电人（分）")
    REPEAT_CALLERS_CAP = "repeat_callers_cap", _("重复来电得分上限")
    NO_UNION_POINTS = "no_union_points", _("未建会（分）")
    LAPSED_UNION_POINTS = "lapsed_union_points", _("工会已合并或撤销（分）")
    NO_CONTRACT_POINTS = "no_contract_points", _("无集体合同（分）")
    NO_WAGE_CONTRACT_POINTS = "no_wage_contract_points", _("无工资专项集体合同（分）")
    HARDSHIP_POINTS = "hardship_points", _("每户困难职工（分）")
    HARDSHIP_CAP = "hardship_cap", _("困难职工得分上限")
    OBJECTION_POINTS = "objection_points", _("每件公示异议（分）")
    OBJECTIONS_CAP = "objections_cap", _("公示异议得分上限")
    NO_DIRECTOR_POINTS = "no_director_points", _("应设未设职工董事（分）")


class AlertStatus(models.TextChoices):
    OPEN = "open", _("待处理")
    ACKNOWLEDGED = "acknowledged", _("已知悉")
    LISTED = "listed", _("已列入风险名单")
    DISMISSED = "dismissed", _("已排除")

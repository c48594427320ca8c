"""The choices of 五小 and 合理化建议, 创新工作室, 师带徒 and 职工技能培训.

Skill levels are the members registry's (`members.choices.SkillLevel`): a level reached by an
apprentice or a trainee is the same grade the roster records for the worker.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SuggestionKind(models.TextChoices):
    INVENTION = "invention", _("小发明")
    CREATION = "creation", _("小创造")
    RENOVATION = "renovation", _("小革新")
    DESIGN = "design", _("小设计")
    PROPOSAL = "proposal", _("小建议")
    RATIONALISATION = "rationalisation", _("合理化建议")


FIVE_SMALL = (SuggestionKind.INVENTION, SuggestionKind.CREATION, SuggestionKind.RENOVATION, SuggestionKind.DESIGN,
              SuggestionKind.PROPOSAL)


class SuggestionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待评审")
    ADOPTED = "adopted", _("已采纳")
    REJECTED = "rejected", _("未采纳")
    IMPLEMENTED = "implemented", _("已实施")


class SuggestionAction(models.TextChoices):
    SUBMIT = "submit", _("提出")
    ADOPT = "adopt", _("采纳")
    REJECT = "reject", _("不予采纳")
    IMPLEMENT = "implement", _("实施")
    ASSESS = "assess", _("创效核定")
    REWARD = "reward", _("奖励")
    PATENT = "patent", _("登记专利")


class SuggestionChannel(models.TextChoices):
    PORTAL = "portal", _("职工网上提交")
    CONSOLE = "console", _("工会代为录入")


class PatentKind(models.TextChoices):
    INVENTION = "invention", _("发明专利")
    UTILITY = "utility", _("实用新型专利")
    DESIGN = "design", _("外观设计专利")


class StudioKind(models.TextChoices):
    MODEL_WORKER = "model_worker", _("劳模创新工作室")
    CRAFTSMAN = "craftsman", _("工匠创新工作室")
    WORKER = "worker", _("职工创新工作室")


class StudioLevel(models.TextChoices):
    NATIONAL = "national", _("国家级")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")
    ENTERPRISE = "enterprise", _("企业级")


class StudioStatus(models.TextChoices):
    ACTIVE = "active", _("已命名")
    REVOKED = "revoked", _("已摘牌")


class StudioAction(models.TextChoices):
    NAME = "name", _("命名")
    RELEVEL = "relevel", _("调整级别")
    LEADER = "leader", _("更换或关联领衔人")
    MEMBER_ADD = "member_add", _("加入成员")
    MEMBER_LEAVE = "member_leave", _("成员退出")
    RESULT = "result", _("登记成果")
    PATENT = "patent", _("登记专利")
    ASSESS = "assess", _("年度考核")
    REVOKE = "revoke", _("摘牌")


class StudioResultKind(models.TextChoices):
    PROJECT = "project", _("攻关项目")
    INNOVATION = "innovation", _("创新成果")
    METHOD = "method", _("先进操作法")
    TRAINING = "training", _("培训带徒")


class AssessmentGrade(models.TextChoices):
    EXCELLENT = "excellent", _("优秀")
    GOOD = "good", _("良好")
    PASS = "pass", _("合格")
    FAIL = "fail", _("不合格")


class ApprenticeshipStatus(models.TextChoices):
    SIGNED = "signed", _("已签订")
    ACTIVE = "active", _("履行中")
    GRADUATED = "graduated", _("已出师")
    TERMINATED = "terminated", _("已终止")


class ApprenticeshipAction(models.TextChoices):
    SIGN = "sign", _("签订协议")
    START = "start", _("开始履行")
    GRADUATE = "graduate", _("出师")
    TERMINATE = "terminate", _("终止")


class CourseKind(models.TextChoices):
    SKILLS = "skills", _("职业技能培训")
    CERTIFICATION = "certification", _("上岗取证培训")
    TEAM_LEADER = "team_leader", _("班组长培训")
    ENTREPRENEURSHIP = "entrepreneurship", _("创业培训")
    DOMESTIC = "domestic", _("家政服务培训")
    MIGRANT = "migrant", _("农民工技能培训")
    OTHER = "other", _("其他培训")

from django.db import models
from django.utils.translation import gettext_lazy as _


class CongressForm(models.TextChoices):
    REPRESENTATIVE = "representative", _("职工代表大会")
    ASSEMBLY = "assembly", _("全体职工大会")  # below the size the rules name (100 workers by default)


class DelegateCategory(models.TextChoices):
    FRONTLINE = "frontline", _("一线职工")
    TECHNICAL = "technical", _("专业技术人员")
    MANAGER = "manager", _("一般管理人员")
    LEADER = "leader", _("中层以上管理人员和领导人员")


class AgendaKind(models.TextChoices):
    CONTRACT_DRAFT = "contract_draft", _("集体合同草案")
    WORKER_RULES = "worker_rules", _("涉及职工切身利益的规章制度")
    BOARD_ELECTION = "board_election", _("职工董事、职工监事选举")
    LEADER_REVIEW = "leader_review", _("民主评议领导人员")
    OTHER = "other", _("其他表决事项")


class ProposalStatus(models.TextChoices):
    SUBMITTED = "submitted", _("待审查")
    ACCEPTED = "accepted", _("已立案")
    CONVERTED = "converted", _("转为意见建议")
    ASSIGNED = "assigned", _("已交办")
    ANSWERED = "answered", _("已答复")
    RATED = "rated", _("已评价")
    PUBLISHED = "published", _("已公布")


class ProposalAction(models.TextChoices):
    SUBMIT = "submit", _("提交")
    ACCEPT = "accept", _("立案")
    CONVERT = "convert", _("转为意见建议")
    ASSIGN = "assign", _("交办")
    ANSWER = "answer", _("答复")
    RATE = "rate", _("评价")
    PUBLISH = "publish", _("公布")


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    BASIC = "basic", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class DisclosureCategory(models.TextChoices):
    OPERATIONS = "operations", _("经营管理")
    WAGES = "wages", _("职工切身利益：工资")
    SOCIAL_INSURANCE = "social_insurance", _("职工切身利益：社会保险")
    SAFETY = "safety", _("职工切身利益：安全生产")
    HIRING = "hiring", _("职工切身利益：招聘用工")
    REWARDS = "rewards", _("职工切身利益：奖惩")
    LEADERSHIP = "leadership", _("领导班子建设")


class DisclosureChannel(models.TextChoices):
    BOARD = "board", _("厂务公开栏")
    CONGRESS = "congress", _("职工代表大会")
    MEETING = "meeting", _("职工会议")
    ONLINE = "online", _("网上公开")
    BULLETIN = "bulletin", _("简报、内部刊物")


class SeatKind(models.TextChoices):
    DIRECTOR = "director", _("职工董事")
    SUPERVISOR = "supervisor", _("职工监事")


class RuleCode(models.TextChoices):
    """The numbers the rules set, kept as data (`DemocracyRule`) so an administrator can change them."""

    ASSEMBLY_BELOW = "assembly_below", _("职工人数少于此数的单位可召开全体职工大会")
    MIN_DELEGATES = "min_delegates", _("职工代表最少人数")
    MIN_DELEGATE_PERCENT = "min_delegate_percent", _("职工代表不少于职工总数的百分比")
    MAX_LEADER_PERCENT = "max_leader_percent", _("中层以上管理人员和领导人员占代表总数的最高百分比")
    PROPORTION_TOLERANCE = "proportion_tolerance", _("女职工、劳务派遣职工代表比例可低于职工比例的百分点")
    TERM_MIN_YEARS = "term_min_years", _("每届任期最短年数")
    TERM_MAX_YEARS = "term_max_years", _("每届任期最长年数")
    MIN_COSIGNERS = "min_cosigners", _("提案附议人最少人数")
    ANSWER_WORKING_DAYS = "answer_working_days", _("提案答复期限（工作日）")
    DIRECTOR_MIN_WORKERS = "director_min_workers", _("须设职工董事的职工人数下限")
    DIRECTOR_OWNERSHIPS = "director_ownerships", _("须设职工董事的公司制企业经济类型")

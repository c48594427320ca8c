from django.db import models
from django.utils.translation import gettext_lazy as _


class AwardLevel(models.TextChoices):
    NATIONAL = "national", _("全国")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


# Higher first: the register shows a person's highest title.
LEVEL_RANK = {AwardLevel.NATIONAL: 4, AwardLevel.PROVINCE: 3, AwardLevel.CITY: 2, AwardLevel.COUNTY: 1}
# The union level (orgs.choices.Level) that issues calls of each award level.
UNION_LEVEL_OF = {AwardLevel.NATIONAL: 1, AwardLevel.PROVINCE: 2, AwardLevel.CITY: 3, AwardLevel.COUNTY: 4}


class NomineeType(models.TextChoices):
    PERSON = "person", _("个人")
    COLLECTIVE = "collective", _("集体")
    TEAM = "team", _("班组")


class WorkerCategory(models.TextChoices):
    FRONT_LINE = "front_line", _("一线职工")
    TECHNICAL = "technical", _("专业技术人员")
    MANAGEMENT = "management", _("管理人员")
    LEADER = "leader", _("单位负责人")


# The categories counted towards the share of front-line workers and technical staff.
FRONT_LINE_CATEGORIES = (WorkerCategory.FRONT_LINE, WorkerCategory.TECHNICAL)


class Rank(models.TextChoices):
    NONE = "none", _("无行政职级")
    SECTION = "section", _("科级")
    DIVISION = "division", _("处级")
    BUREAU = "bureau", _("厅局级及以上")


class Gender(models.TextChoices):
    MALE = "M", _("男")
    FEMALE = "F", _("女")


class CallStatus(models.TextChoices):
    OPEN = "open", _("推荐评选中")
    NOTICE = "notice", _("公示中")
    DECIDED = "decided", _("已表彰")
    CANCELLED = "cancelled", _("已撤销")


class NominationStatus(models.TextChoices):
    PENDING = "pending", _("待本级审核")
    SELECTED = "selected", _("本级已通过待上报")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已撤回")
    FINAL = "final", _("已确定人选待公示")
    NOTICE = "notice", _("公示中")
    REJECTED = "rejected", _("不予表彰")
    AWARDED = "awarded", _("已表彰")
    REVOKED = "revoked", _("已撤销荣誉")


# A nomination that still holds its nominee's place in the call (a second one is a duplicate).
LIVE_NOMINATION = tuple(s for s in NominationStatus.values if s not in (NominationStatus.WITHDRAWN,))


class Action(models.TextChoices):
    ISSUE = "issue", _("发布评选通知")
    QUOTA = "quota", _("分配名额")
    CANCEL = "cancel", _("撤销评选通知")
    NOMINATE = "nominate", _("推荐")
    EDIT = "edit", _("修改推荐材料")
    ATTACH = "attach", _("上传证明材料")
    CHECK = "check", _("核查")
    PASS = "pass", _("本级审核通过")
    UNSELECT = "unselect", _("撤销本级通过")
    SUBMIT = "submit", _("上报名单")
    RETURN = "return", _("退回")
    WITHDRAW = "withdraw", _("撤回推荐")
    PUBLISH = "publish", _("发布公示")
    OBJECT = "object", _("公示期间收到异议")
    CONCLUDE = "conclude", _("异议核查结论")
    REJECT = "reject", _("不予表彰")
    AWARD = "award", _("表彰")
    REVOKE = "revoke", _("撤销荣誉")
    DECIDE = "decide", _("评选结束")


class CheckDecision(models.TextChoices):
    CLEAR = "clear", _("核查无问题，同意推荐")
    ACCEPTED = "accepted", _("存在情况，经核实同意推荐")
    CONCERN = "concern", _("存在问题，不宜推荐")


# Decisions that let a level pass the nominee on.
PASSING_DECISIONS = (CheckDecision.CLEAR, CheckDecision.ACCEPTED)


class AwardStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    REVOKED = "revoked", _("已撤销")


class ObjectionVerdict(models.TextChoices):
    NONE = "", _("待核查")
    UPHELD = "upheld", _("异议成立")
    DISMISSED = "dismissed", _("异议不成立")


class ModelWorkerStatus(models.TextChoices):
    ACTIVE = "active", _("在册")
    DECEASED = "deceased", _("已故")
    REVOKED = "revoked", _("已撤销称号")


class RecordKind(models.TextChoices):
    CONTACT = "contact", _("联系走访")
    ASSESSMENT = "assessment", _("年度考核")
    ALLOWANCE = "allowance", _("劳模津贴")
    HEALTH_CHECK = "health_check", _("健康体检")
    RECUPERATION = "recuperation", _("疗休养")
    HARDSHIP_AID = "hardship_aid", _("困难帮扶")


# Records that carry an amount of money (元).
MONEY_RECORDS = (RecordKind.ALLOWANCE, RecordKind.HARDSHIP_AID)

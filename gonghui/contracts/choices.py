from django.db import models
from django.utils.translation import gettext_lazy as _


class Reach(models.TextChoices):
    EMPLOYER = "employer", _("单位")
    REGIONAL = "regional", _("区域性")
    INDUSTRY = "industry", _("行业性")


class Side(models.TextChoices):
    UNION = "union", _("职工方")
    EMPLOYER = "employer", _("用人单位方")


class Status(models.TextChoices):
    OFFERED = "offered", _("要约待回应")
    NEGOTIATING = "negotiating", _("协商中")
    DRAFTED = "drafted", _("草案待审议")
    ADOPTED = "adopted", _("审议通过")
    SIGNED = "signed", _("已签订待报送")
    FILED = "filed", _("审查中")
    EFFECTIVE = "effective", _("已生效")
    PUBLISHED = "published", _("已公布")
    EXPIRED = "expired", _("已到期")
    RENEWED = "renewed", _("已续签")
    TERMINATED = "terminated", _("已终止")


# In force: the statuses whose coverage rows count (and are held unique per employer and kind).
IN_FORCE = (Status.EFFECTIVE, Status.PUBLISHED)
ENDED = (Status.EXPIRED, Status.RENEWED, Status.TERMINATED)
OPEN_STATUSES = tuple(s for s in Status.values if s not in ENDED)


class Body(models.TextChoices):
    CONGRESS = "congress", _("职工代表大会")
    ALL_WORKERS = "all_workers", _("全体职工大会")


class Action(models.TextChoices):
    OFFER = "offer", _("提出要约")
    ANSWER = "answer", _("回应要约")
    MEET = "meet", _("记录协商会议")
    DRAFT = "draft", _("形成草案")
    VOTE = "vote", _("提交审议")
    SIGN = "sign", _("签订")
    FILE = "file", _("报送审查")
    OBJECT = "object", _("审查提出异议")
    APPROVE = "approve", _("审查无异议")
    TAKE_EFFECT = "take_effect", _("期满生效")
    PUBLISH = "publish", _("公布")
    CHECK = "check", _("履约检查")
    ATTACH = "attach", _("上传附件")
    REMIND = "remind", _("到期提醒")
    EXPIRE = "expire", _("到期")
    RENEW = "renew", _("续签")
    SUPERSEDE = "supersede", _("由续签合同接续")
    TERMINATE = "terminate", _("终止")
    REPORT = "report", _("职工反映条款未履行")
    GUIDE = "guide", _("指导意见")


class ValueType(models.TextChoices):
    NUMBER = "number", _("数值")
    YES_NO = "yes_no", _("是/否")
    TEXT = "text", _("文字")

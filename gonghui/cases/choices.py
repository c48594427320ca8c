"""The words of the 维权 case engine: lines of business, channels, kinds, categories, difficulty."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Line(models.TextChoices):
    """One engine serves four lines of business; each numbers its cases on its own."""

    HOTLINE = "hotline", _("12351热线")
    MEDIATION = "mediation", _("劳动争议调解")
    LEGAL_AID = "legal_aid", _("法律援助")
    PETITION = "petition", _("信访")


class Channel(models.TextChoices):
    PHONE = "phone", _("电话")
    WEB = "web", _("网上")
    PORTAL = "portal", _("职工端")
    WALK_IN = "walk_in", _("来访")
    HANDED_DOWN = "handed_down", _("上级转办")


class Kind(models.TextChoices):
    COMPLAINT = "complaint", _("投诉")
    CONSULTATION = "consultation", _("咨询")
    HELP = "help", _("求助")
    SUGGESTION = "suggestion", _("建议")


class Category(models.TextChoices):
    WAGES = "wages", _("劳动报酬")
    CONTRACT = "contract", _("劳动合同")
    SOCIAL_INSURANCE = "social_insurance", _("社会保险")
    WORK_INJURY = "work_injury", _("工伤")
    SAFETY = "safety", _("劳动安全卫生")
    WOMEN = "women", _("女职工权益")
    ORGANIZING = "organizing", _("工会组建")
    OTHER = "other", _("其他")


class Difficulty(models.TextChoices):
    """The national rule: 一般问题当天办结, 难点问题5个工作日, 特别复杂问题15天内."""

    ORDINARY = "ordinary", _("一般")
    HARD = "hard", _("难点")
    COMPLEX = "complex", _("特别复杂")


class Status(models.TextChoices):
    RECEIVED = "received", _("已受理")
    CLASSIFIED = "classified", _("已分类")
    DISPATCHED = "dispatched", _("已派单")
    ACCEPTED = "accepted", _("已签收")
    RETURNED = "returned", _("已退回")
    IN_PROGRESS = "in_progress", _("办理中")
    RESOLVED = "resolved", _("已办结")
    CALLED_BACK = "called_back", _("已回访")
    CLOSED = "closed", _("已归档")
    REOPENED = "reopened", _("已重办")


# Statuses counted against the 办结时限: the case is not yet resolved. The overdue sweep and its
# partial index cover exactly these.
OPEN_STATUSES = (Status.RECEIVED, Status.CLASSIFIED, Status.DISPATCHED, Status.ACCEPTED, Status.RETURNED,
                 Status.IN_PROGRESS, Status.REOPENED)


class Rating(models.TextChoices):
    SATISFIED = "satisfied", _("满意")
    FAIRLY_SATISFIED = "fairly_satisfied", _("基本满意")
    DISSATISFIED = "dissatisfied", _("不满意")


class Action(models.TextChoices):
    """Every change a case goes through; each one leaves a CaseEvent with its action."""

    INTAKE = "intake", _("受理")
    CLASSIFY = "classify", _("分类定级")
    DISPATCH = "dispatch", _("派单")
    ACCEPT = "accept", _("签收")
    RETURN = "return", _("退回")
    START = "start", _("开始办理")
    NOTE = "note", _("办理记录")
    RESOLVE = "resolve", _("办结")
    CALLBACK = "callback", _("回访")
    RATE = "rate", _("职工评价")
    CLOSE = "close", _("归档")
    REOPEN = "reopen", _("重新办理")
    CALLER_REOPEN = "caller_reopen", _("诉求人申请重新办理")
    ESCALATE = "escalate", _("上报")
    SUPERVISE = "supervise", _("督办")
    SUPERVISE_REPLY = "supervise_reply", _("督办回复")
    ASSIGN = "assign", _("指定承办人")
    ATTACH = "attach", _("上传附件")
    OVERDUE = "overdue", _("超期")


# The readable number's prefix per line: 12351-2026-000123, TJ-2026-000007 …
NUMBER_PREFIX = {
    Line.HOTLINE: "12351",
    Line.MEDIATION: "TJ",
    Line.LEGAL_AID: "FY",
    Line.PETITION: "XF",
}

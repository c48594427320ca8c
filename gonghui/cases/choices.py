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

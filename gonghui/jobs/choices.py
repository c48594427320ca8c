"""The statuses and kinds of 就业服务, each with its Chinese label."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostingStatus(models.TextChoices):
    PENDING = "pending", _("待审核")
    PUBLISHED = "published", _("已发布")
    RETURNED = "returned", _("已退回")
    WITHDRAWN = "withdrawn", _("已下架")
    EXPIRED = "expired", _("已过期")


class PostingSource(models.TextChoices):
    CADRE = "cadre", _("工会录入")
    PARTNER = "partner", _("用人单位报送")


class FairMode(models.TextChoices):
    ONSITE = "onsite", _("现场招聘会")
    ONLINE = "online", _("网络招聘会")


class FairStatus(models.TextChoices):
    PLANNED = "planned", _("筹备中")
    HELD = "held", _("已举办")
    CANCELLED = "cancelled", _("已取消")


class ApplicationStatus(models.TextChoices):
    # A union's recommendation waits for the worker's consent before it reaches the employer.
    RECOMMENDED = "recommended", _("工会推荐待本人确认")
    APPLIED = "applied", _("已投递")
    INTENT = "intent", _("达成就业意向")
    DECLINED = "declined", _("未达成意向")
    WITHDRAWN = "withdrawn", _("已撤回")


class Action(models.TextChoices):
    CREATE = "create", _("录入")
    SUBMIT = "submit", _("用人单位报送")
    PUBLISH = "publish", _("审核发布")
    RETURN = "return", _("退回")
    EDIT = "edit", _("修改")
    WITHDRAW = "withdraw", _("下架")
    EXPIRE = "expire", _("到期")


# Postings a worker may see and apply to.
OPEN_STATUSES = (PostingStatus.PUBLISHED,)
# Postings the expiry sweep closes once their date has passed.
EXPIRABLE = (PostingStatus.PENDING, PostingStatus.PUBLISHED, PostingStatus.RETURNED)
# Applications that reached the employer (the worker consented).
CONSENTED = (ApplicationStatus.APPLIED, ApplicationStatus.INTENT, ApplicationStatus.DECLINED)
LIVE_APPLICATIONS = (ApplicationStatus.RECOMMENDED, ApplicationStatus.APPLIED, ApplicationStatus.INTENT)

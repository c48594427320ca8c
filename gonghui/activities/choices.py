from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    SPORTS = "sports", _("文体")
    TRAINING = "training", _("培训")
    RECUPERATION = "recuperation", _("疗休养")
    WALKING = "walking", _("健步走")
    FILM = "film", _("观影")
    SOCIAL = "social", _("联谊")
    FAMILY = "family", _("亲子")
    LAW = "law", _("普法")


class ActivityStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    OPEN = "open", _("报名中")
    CLOSED = "closed", _("已截止")
    FINISHED = "finished", _("已结束")
    CANCELLED = "cancelled", _("已取消")


class Audience(models.TextChoices):
    SUBTREE = "subtree", _("本工会及下级会员")
    PUBLIC = "public", _("面向社会公开")


class SignUpStatus(models.TextChoices):
    SIGNED = "signed", _("已报名")
    WAITING = "waiting", _("候补")
    CANCELLED = "cancelled", _("已取消")
    CHECKED_IN = "checked_in", _("已签到")
    NO_SHOW = "no_show", _("未到")


# A sign-up holding one of the activity's places.
HOLDS_PLACE = (SignUpStatus.SIGNED, SignUpStatus.CHECKED_IN)
# Sign-ups the person still has on the activity (shown on 我的活动 as live).
LIVE_SIGNUP = (SignUpStatus.SIGNED, SignUpStatus.WAITING, SignUpStatus.CHECKED_IN)
# Activities people can still see and act on from the portal.
PUBLISHED = (ActivityStatus.OPEN, ActivityStatus.CLOSED, ActivityStatus.FINISHED)


class EventAction(models.TextChoices):
    CREATE = "create", _("创建")
    EDIT = "edit", _("修改")
    PUBLISH = "publish", _("发布")
    CLOSE = "close", _("截止报名")
    CANCEL = "cancel", _("取消活动")
    FINISH = "finish", _("结束活动")
    SIGN_UP = "sign_up", _("报名")
    WAIT = "wait", _("候补")
    WITHDRAW = "withdraw", _("取消报名")
    PROMOTE = "promote", _("候补转正")
    CHECK_IN = "check_in", _("签到")
    NO_SHOW = "no_show", _("未到")
    ROTATE = "rotate", _("更换签到码")

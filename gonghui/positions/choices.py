"""The choices of 服务阵地. Kinds and services are data (PositionKind, PositionService), seeded by a
migration, so a province can add its own without a release."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PositionStatus(models.TextChoices):
    OPEN = "open", _("开放")
    SUSPENDED = "suspended", _("暂停")
    CLOSED = "closed", _("关闭")


# status → the statuses a position may move to (关闭 is final: a reopened place is a new record).
TRANSITIONS: dict[str, tuple[str, ...]] = {
    PositionStatus.OPEN: (PositionStatus.SUSPENDED, PositionStatus.CLOSED),
    PositionStatus.SUSPENDED: (PositionStatus.OPEN, PositionStatus.CLOSED),
    PositionStatus.CLOSED: (),
}


class RatingLevel(models.TextChoices):
    """模范职工之家 (and 先进职工之家) are named by a federation at its level."""

    NATIONAL = "national", _("全国")
    PROVINCE = "province", _("省级")
    CITY = "city", _("市级")
    COUNTY = "county", _("县级")


class InspectionResult(models.TextChoices):
    PASSED = "passed", _("合格")
    RECTIFY = "rectify", _("限期整改")
    FAILED = "failed", _("不合格")


class PositionAction(models.TextChoices):
    CREATE = "create", _("登记")
    EDIT = "edit", _("修改")
    HOURS = "hours", _("开放时间")
    SUSPEND = "suspend", _("暂停")
    REOPEN = "reopen", _("恢复开放")
    CLOSE = "close", _("关闭")
    INSPECT = "inspect", _("年检")
    PHOTO_ADD = "photo_add", _("添加照片")
    PHOTO_REMOVE = "photo_remove", _("删除照片")


WEEKDAYS = (_("周一"), _("周二"), _("周三"), _("周四"), _("周五"), _("周六"), _("周日"))

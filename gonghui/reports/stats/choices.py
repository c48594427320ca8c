from django.db import models
from django.utils.translation import gettext_lazy as _


class FormKind(models.TextChoices):
    GRASSROOTS = "grassroots", _("基层工会调查表")
    UPPER = "upper", _("基层以上工会调查表")


class Source(models.TextChoices):
    METRIC = "metric", _("系统生成")  # read from a metric as of the statistical year's last day
    HAND = "hand", _("手工填报")  # what the system does not hold: finance, staff
    CHILDREN = "children", _("下级汇总")  # the sum of the direct children's signed-off returns


class CheckKind(models.TextChoices):
    NOT_ABOVE = "le", _("不大于")  # left ≤ right
    SUM = "sum", _("等于各项之和")  # left = Σ right
    YEAR_ON_YEAR = "yoy", _("同比变动")  # |left / last year's left − 1| ≤ bound %, or explained
    REQUIRED = "required", _("必填")
    # Between a union above and its reporting children's signed-off returns (right: the children's
    # field code, the left's own code when empty).
    CHILDREN_SUM = "child_sum", _("等于下级之和")  # a summed field still equals the children's sum: not explainable
    NOT_BELOW_CHILDREN = "child_ge", _("不小于下级之和")  # an own total ≥ the children's sum, or explained


class ReturnStatus(models.TextChoices):
    DRAFT = "draft", _("填报中")
    SIGNED = "signed", _("已签报")
    REOPENED = "reopened", _("已退回更正")

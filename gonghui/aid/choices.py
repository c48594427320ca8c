"""The aid app's fixed vocabularies: programme kinds, cycles, fund sources and statuses."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ProgrammeKind(models.TextChoices):
    WINTER_WARMTH = "winter_warmth", _("送温暖")
    AUTUMN_STUDY_AID = "autumn_study_aid", _("金秋助学")
    SUMMER_COOLING = "summer_cooling", _("夏送清凉")
    MEDICAL = "medical", _("医疗救助")
    LIVING = "living", _("生活救助")
    MODEL_WORKER = "model_worker", _("困难劳模帮扶")
    CUSTOM = "custom", _("其他帮扶项目")


# The campaigns that also reach workers outside the registry (outdoor and new-form workers), whose
# figures are reported for members and non-members separately.
OPEN_TO_NON_MEMBERS = frozenset({ProgrammeKind.WINTER_WARMTH, ProgrammeKind.SUMMER_COOLING})


class Cycle(models.TextChoices):
    YEARLY = "yearly", _("每年一次")
    CAMPAIGN = "campaign", _("每期活动一次")


class FundSource(models.TextChoices):
    UNION_FUNDS = "union_funds", _("工会经费")
    WARMTH_FUND = "warmth_fund", _("送温暖资金")
    CENTRAL_SPECIAL = "central_special", _("中央财政专项帮扶资金")
    RELIEF_FUND = "relief_fund", _("救助基金")
    DONATION = "donation", _("社会捐助")
    OTHER = "other", _("其他")


class RecipientGroup(models.TextChoices):
    HARDSHIP = "hardship", _("困难职工")
    MODEL_WORKER = "model_worker", _("困难劳模")
    OUTDOOR = "outdoor", _("户外劳动者")
    NEW_FORM = "new_form", _("新就业形态劳动者")
    MIGRANT = "migrant", _("农民工")
    OTHER = "other", _("其他职工")


class BatchStatus(models.TextChoices):
    DRAFT = "draft", _("草稿")
    SUBMITTED = "submitted", _("待审批")
    APPROVED = "approved", _("已审批")
    PAID = "paid", _("已发放")
    PARTLY_PAID = "partly_paid", _("部分发放")
    CANCELLED = "cancelled", _("已作废")


class BatchAction(models.TextChoices):
    CREATE = "create", _("新建")
    SELECT = "select", _("选取对象")
    REVIEW = "review", _("调整名单")
    SUBMIT = "submit", _("提交审批")
    RETURN = "return", _("退回修改")
    APPROVE = "approve", _("审批通过")
    MARK_PAID = "mark_paid", _("确认发放")
    BANK_RESULT = "bank_result", _("导入银行结果")
    CANCEL = "cancel", _("作废")


class GrantStatus(models.TextChoices):
    PENDING = "pending", _("待发放")
    PAID = "paid", _("已发放")
    FAILED = "failed", _("发放失败")
    CANCELLED = "cancelled", _("已取消")


# A grant holds its recipient's place in the cycle while it may still reach them or has reached
# them; a failed payment or a cancelled row frees it, so the person can be paid in a new batch.
HOLDING = (GrantStatus.PENDING, GrantStatus.PAID)

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class PlanKind(models.TextChoices):
    INPATIENT = "inpatient", _("住院医疗互助")
    CRITICAL_ILLNESS = "critical_illness", _("重大疾病互助")
    ACCIDENT = "accident", _("意外伤害互助")
    WOMEN_SPECIAL = "women_special", _("女职工特殊疾病互助")


class PlanStatus(models.TextChoices):
    DRAFT = "draft", _("筹备中")
    OPEN = "open", _("参保中")
    CLOSED = "closed", _("已结束")


class EnrolmentStatus(models.TextChoices):
    ACTIVE = "active", _("有效")
    CANCELLED = "cancelled", _("已退保")


class EnrolmentSource(models.TextChoices):
    REGISTRY = "registry", _("从会员库参保")
    IMPORT = "import", _("导入参保名单")


class ClaimKind(models.TextChoices):
    INPATIENT = "inpatient", _("住院")
    CRITICAL_ILLNESS = "critical_illness", _("重大疾病确诊")
    ACCIDENT_MEDICAL = "accident_medical", _("意外伤害医疗")
    ACCIDENT_DISABILITY = "accident_disability", _("意外伤残")
    ACCIDENT_DEATH = "accident_death", _("意外身故")
    WOMEN_SPECIAL = "women_special", _("女职工特殊疾病确诊")


# What each kind of plan pays for: a claim of another kind is refused at submission.
CLAIM_KINDS_OF_PLAN: dict[str, frozenset[str]] = {
    PlanKind.INPATIENT: frozenset({ClaimKind.INPATIENT}),
    PlanKind.CRITICAL_ILLNESS: frozenset({ClaimKind.CRITICAL_ILLNESS}),
    PlanKind.ACCIDENT: frozenset({ClaimKind.ACCIDENT_MEDICAL, ClaimKind.ACCIDENT_DISABILITY,
                                  ClaimKind.ACCIDENT_DEATH}),
    PlanKind.WOMEN_SPECIAL: frozenset({ClaimKind.WOMEN_SPECIAL}),
}


class ClaimStatus(models.TextChoices):
    SUBMITTED = "submitted", _("已申请")
    REVIEWED = "reviewed", _("已审核")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已拒付")
    PAID = "paid", _("已给付")


class ClaimAction(models.TextChoices):
    SUBMIT = "submit", _("申请给付")
    REVIEW = "review", pgettext_lazy("mutual-aid claim step", "审核")
    APPROVE = "approve", _("批准")
    REJECT = "reject", _("拒付")
    PAY = "pay", _("给付")
    ATTACH = "attach", _("上传材料")


# Claims whose approved amount counts against the member's yearly limit.
COUNTED_STATUSES = (ClaimStatus.APPROVED, ClaimStatus.PAID)

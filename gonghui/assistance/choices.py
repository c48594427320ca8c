"""The words of the hardship registry: statuses, actions, causes, classes, relations."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Status(models.TextChoices):
    SURVEYED = "surveyed", _("摸底排查")
    APPLIED = "applied", _("已申请")
    REVIEWED = "reviewed", _("基层已审核")
    APPROVED = "approved", _("县级已审批")
    FILED = "filed", _("已建档")
    AIDED = "aided", _("帮扶中")
    WATCHED = "watched", _("已解困脱困（监测中）")
    CLOSED = "closed", _("监测期满")
    RELAPSED = "relapsed", _("已返困（转入新档案）")
    REJECTED = "rejected", _("未通过")
    WITHDRAWN = "withdrawn", _("已撤销")


# A person has at most one file in these statuses in the whole deployment. A watched household is
# still open: if it falls back, the relapse goes through this file, so the history stays linked.
OPEN_STATUSES = (Status.SURVEYED, Status.APPLIED, Status.REVIEWED, Status.APPROVED, Status.FILED, Status.AIDED,
                 Status.WATCHED)
# Files whose household is re-checked (回头看) on a schedule.
RECHECKED_STATUSES = (Status.FILED, Status.AIDED, Status.WATCHED)
# In the registry proper (在档): approved, filed and not yet out.
IN_FILE_STATUSES = (Status.FILED, Status.AIDED)


class Action(models.TextChoices):
    SURVEY = "survey", _("摸底登记")
    APPLY = "apply", pgettext_lazy("hardship file step", "提交申请")
    EDIT = "edit", _("修改家庭情况")
    CONSENT = "consent", _("登记敏感信息同意")
    ATTACH = "attach", _("上传证明材料")
    REVIEW = "review", _("基层审核通过")
    APPROVE = "approve", _("县级审批通过")
    REJECT = "reject", _("审核不通过")
    WITHDRAW = "withdraw", pgettext_lazy("hardship file step", "撤销")
    FILE_OPEN = "file_open", _("建档")
    AID = "aid", _("登记帮扶")
    RECHECK = "recheck", _("回头看")
    RECHECK_DUE = "recheck_due", _("回头看到期")
    EXIT = "exit", _("解困脱困")
    CLOSE = "close", _("监测期满")
    RELAPSE = "relapse", _("返困")


class Cause(models.TextChoices):
    ILLNESS = "illness", _("因病")
    DISABILITY = "disability", _("因残")
    DISASTER = "disaster", _("因灾")
    EDUCATION = "education", _("子女教育")
    UNEMPLOYMENT = "unemployment", _("下岗失业")
    SINGLE_PARENT = "single_parent", _("单亲")
    OTHER = "other", _("其他")


class HardshipClass(models.TextChoices):
    DEEP = "deep", _("深度困难")
    RELATIVE = "relative", _("相对困难")
    ACCIDENT = "accident", _("意外致困")


class Relation(models.TextChoices):
    SELF = "self", _("本人")
    SPOUSE = "spouse", _("配偶")
    CHILD = "child", _("子女")
    PARENT = "parent", _("父母")
    PARENT_IN_LAW = "parent_in_law", _("岳父母/公婆")
    GRANDCHILD = "grandchild", _("孙子女")
    SIBLING = "sibling", _("兄弟姐妹")
    OTHER = "other", _("其他")


class RecheckResult(models.TextChoices):
    CONTINUE = "continue", _("维持帮扶")
    RECLASSIFY = "reclassify", _("调整困难类别")
    EXIT = "exit", _("建议解困脱困")
    NO_RELAPSE = "no_relapse", _("监测：未返困")


class ExitReason(models.TextChoices):
    INCOME_RAISED = "income_raised", _("家庭收入提高")
    EMPLOYED = "employed", _("实现就业")
    RECOVERED = "recovered", _("病情好转")
    SUPPORTED = "supported", _("纳入其他保障")
    MOVED = "moved", _("迁出或失去联系")
    DECEASED = "deceased", _("本人去世")
    OTHER = "other", _("其他")


class DocumentKind(models.TextChoices):
    INCOME = "income", _("收入证明")
    MEDICAL = "medical", _("病历或诊断证明")
    DISABILITY = "disability", _("残疾证")
    DISASTER = "disaster", _("受灾证明")
    EDUCATION = "education", _("在读证明")
    UNEMPLOYMENT = "unemployment", _("失业证明")
    CONSENT = "consent", _("签字的同意书")
    OTHER = "other", _("其他")

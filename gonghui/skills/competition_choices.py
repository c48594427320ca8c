"""The words of 劳动和技能竞赛: kinds, statuses, stages, tie rules, prizes and the actions of the timeline."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class CompetitionKind(models.TextChoices):
    LABOUR = "labour", _("劳动竞赛")  # on a key project (重点工程/项目)
    SKILL = "skill", _("技能竞赛")  # by trade (工种)
    ANKANG = "ankang", _("安康杯竞赛")  # by team (班组)
    CONTEST = "contest", _("技术比武")


class CompetitionStatus(models.TextChoices):
    DRAFT = "draft", _("草拟")
    SUBMITTED = "submitted", _("立项待审批")
    RETURNED = "returned", _("立项退回修改")
    APPROVED = "approved", _("已立项")
    PUBLICISED = "publicised", _("结果公示中")
    FINAL = "final", _("结果已确定")
    CANCELLED = "cancelled", _("已撤销")


EDITABLE = (CompetitionStatus.DRAFT, CompetitionStatus.RETURNED)
# The statuses whose competitions count in figures: approved ones, whatever became of them since.
COUNTED = (CompetitionStatus.APPROVED, CompetitionStatus.PUBLICISED, CompetitionStatus.FINAL)


class StageKind(models.TextChoices):
    """In the order a competition runs them; a competition has any of them, in this order."""

    SELECTION = "selection", _("选拔赛")
    PRELIMINARY = "preliminary", _("初赛")
    SEMIFINAL = "semifinal", _("复赛")
    FINAL = "final", _("决赛")


STAGE_ORDER = {kind: i for i, kind in enumerate(StageKind.values)}


class StageStatus(models.TextChoices):
    OPEN = "open", _("进行中")
    CLOSED = "closed", _("已结束")


class TieRule(models.TextChoices):
    """How equal scores rank, as the competition's rules say."""

    SHARED = "shared", _("并列，后续名次顺延（1、1、3）")
    SHARED_DENSE = "shared_dense", _("并列，后续名次连续（1、1、2）")
    TIEBREAK = "tiebreak", _("按附加分决定（附加分仍相同则并列）")
    EARLIER = "earlier", _("按报名先后决定")


class PrizeGrade(models.TextChoices):
    SPECIAL = "special", _("特等奖")
    FIRST = "first", _("一等奖")
    SECOND = "second", _("二等奖")
    THIRD = "third", _("三等奖")
    MERIT = "merit", _("优秀奖")
    WINNER = "winner", _("优胜")  # 安康杯优胜企业/班组
    NONE = "none", _("无奖次（仅授予称号）")


# Titles a competition usually confers; an organiser may write another.
USUAL_TITLES = (_("技术能手"), _("技术标兵"), _("岗位能手"), _("创新能手"), _("安康杯优胜班组"), _("优秀组织单位"))


class ReportKind(models.TextChoices):
    STAGE_SUMMARY = "stage_summary", _("阶段总结")
    YEAR_COMMENDATION = "year_commendation", _("年终表扬")


class CompetitionAction(models.TextChoices):
    CREATE = "create", _("拟定竞赛方案")
    EDIT = "edit", _("修改竞赛方案")
    SUBMIT = "submit", _("报请立项")
    APPROVE = "approve", _("批准立项")
    RETURN = "return", _("退回立项申请")
    ENTER = "enter", _("登记参赛")
    WITHDRAW_ENTRY = "withdraw_entry", _("撤销参赛")
    SCORE = "score", _("登记成绩")
    ADVANCE = "advance", _("晋级下一阶段")
    AWARD = "award", _("评定奖项")
    PUBLISH = "publish", _("公示结果")
    RECALL = "recall", _("撤回公示")
    FINALISE = "finalise", _("确定结果")
    LINK_NOMINATION = "link_nomination", _("关联荣誉推荐")
    SUMMARISE = "summarise", _("阶段总结")
    COMMEND = "commend", _("年终表扬")
    CANCEL = "cancel", _("撤销竞赛")

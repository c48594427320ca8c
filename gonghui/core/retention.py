"""How long each kind of record is kept, as data: the one table the sweep (`retention_sweep`), the
settings and the console's 数据保存期限 page all read.

A rule names its records, what the law asks (`law`, said in the rule's own words), the shortest period
the deployment may set (`minimum_days`: the law's floor, or what the product needs to keep working),
the operator's setting (GONGHUI_RETAIN_*, in days) and the action: `purge` deletes the records,
`archive` keeps them for the statistics but minimises their personal fields and attachments and takes
them off the working lists (docs/decisions.md "Retention"). Each rule's `apply` is a dotted path to
`f(*, cutoff, batch, max_batches, dry_run) -> Applied` in the app that owns the records, imported only
when the sweep runs, so core depends on no app.

This module is read by config/settings.py, so it imports nothing that needs settings.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from config.env import env_int

PURGE, ARCHIVE = "purge", "archive"
# 网络安全法 第二十一条 asks for network logs "不少于六个月"; the longest six calendar months have 184 days.
SIX_MONTHS_DAYS = 184
# A century: longer than any record is worth keeping, and far from the years `now - timedelta(days)`
# cannot reach (a period of millions of days would stop every sweep with an OverflowError).
MAXIMUM_DAYS = 36_500
# Rows per batch (GONGHUI_RETENTION_BATCH, the command's --batch): one batch is one transaction, and a
# larger one would hold its locks over too many rows.
MAXIMUM_BATCH = 100_000


@dataclass(frozen=True)
class RetentionRule:
    key: str
    label: Any  # what the records are, in the reader's words
    law: Any  # what the law (or the product) asks of the period, shown on the console page
    setting: str  # the GONGHUI_RETAIN_* environment variable, in days
    default_days: int
    minimum_days: int
    action: str
    apply: str  # dotted path of the function applying the rule
    counted_from: Any = ""  # which date the period runs from


_AUDIT_LAW = _("《网络安全法》第二十一条：网络运营者应采取监测、记录网络运行状态、网络安全事件的技术措施，"
               "并按照规定留存相关的网络日志不少于六个月。")
_ACCESS_LAW = _("《网络安全法》第二十一条要求网络日志留存不少于六个月；查看完整身份证号、手机号的记录"
                "也是《个人信息保护法》第五十一条要求的安全措施的凭证，按同一下限保存。")

RULES: tuple[RetentionRule, ...] = (
    RetentionRule(
        key="audit_log", label=_("审计日志"), law=_AUDIT_LAW, setting="GONGHUI_RETAIN_AUDIT_DAYS",
        default_days=365, minimum_days=SIX_MONTHS_DAYS, action=PURGE,
        apply="gonghui.core.audit_retention.purge_audit_log", counted_from=_("签名检查点的时间")),
    RetentionRule(
        key="member_access_log", label=_("会员个人信息查看记录"), law=_ACCESS_LAW,
        setting="GONGHUI_RETAIN_ACCESS_LOG_DAYS", default_days=365, minimum_days=SIX_MONTHS_DAYS, action=PURGE,
        apply="gonghui.members.retention.purge_access_log", counted_from=_("查看时间")),
    RetentionRule(
        key="hardship_access_log", label=_("困难职工档案查看记录"), law=_ACCESS_LAW,
        setting="GONGHUI_RETAIN_ACCESS_LOG_DAYS", default_days=365, minimum_days=SIX_MONTHS_DAYS, action=PURGE,
        apply="gonghui.assistance.retention.purge_access_log", counted_from=_("查看时间")),
    RetentionRule(
        key="sms_codes", label=_("短信验证码"),
        law=_("无法定保存期限；验证码几分钟内失效，只因每日发送上限要数当天的条数而保留，至少保留2天。"),
        setting="GONGHUI_RETAIN_SMS_CODE_DAYS", default_days=7, minimum_days=2, action=PURGE,
        apply="gonghui.accounts.retention.purge_sms_codes", counted_from=_("发送时间")),
    RetentionRule(
        key="idempotency_keys", label=_("接口幂等键"),
        law=_("无法定保存期限；客户端在数小时内重试同一请求，至少保留1天。"),
        setting="GONGHUI_RETAIN_IDEMPOTENCY_DAYS", default_days=30, minimum_days=1, action=PURGE,
        apply="gonghui.core.retention_purges.purge_idempotency_keys", counted_from=_("创建时间")),
    RetentionRule(
        key="roster_files", label=_("入会名册原始文件"),
        law=_("《个人信息保护法》第十九条：保存期限应当为实现处理目的所必要的最短时间。名册入会完成后原文件"
              "（含身份证号）即无用处，保留一段时间以便核对。"),
        setting="GONGHUI_RETAIN_ROSTER_FILE_DAYS", default_days=30, minimum_days=1, action=PURGE,
        apply="gonghui.members.retention.purge_roster_files", counted_from=_("名册处理完毕时间")),
    RetentionRule(
        key="closed_cases", label=_("已归档的维权案件"),
        law=_("无统一法定期限；劳动争议申请仲裁的时效为一年（《劳动争议调解仲裁法》第二十七条），"
              "期间可能重办或调阅，至少保留1年。到期后保留统计字段，删除诉求人身份、联系方式、诉求内容和附件。"),
        setting="GONGHUI_RETAIN_CLOSED_CASE_DAYS", default_days=1095, minimum_days=365, action=ARCHIVE,
        apply="gonghui.cases.retention.archive_closed_cases", counted_from=_("归档时间")),
    RetentionRule(
        key="exited_hardship_files", label=_("监测期满或已返困的困难职工档案"),
        law=_("无统一法定期限；监测期满后一年内返困的家庭应能接续原档案，至少保留1年。已返困的档案由新档案接续，"
              "按同一期限保存。到期后保留统计字段，删除身份、联系方式、家庭成员身份、说明文字和材料。"),
        setting="GONGHUI_RETAIN_EXITED_HARDSHIP_DAYS", default_days=1095, minimum_days=365, action=ARCHIVE,
        apply="gonghui.assistance.retention.archive_exited_files", counted_from=_("监测期满或返困时间")),
    RetentionRule(
        key="unfiled_hardship_files", label=_("未通过或已撤销的困难职工档案"),
        law=_("无统一法定期限；未建档、未发放救助，保留只为答复申请人的询问和再次申请时参考，"
              "至少保留1年（困难职工每年摸底一次）。到期后保留统计字段，删除身份、联系方式、家庭成员身份、"
              "说明文字和材料。"),
        setting="GONGHUI_RETAIN_UNFILED_HARDSHIP_DAYS", default_days=730, minimum_days=365, action=ARCHIVE,
        apply="gonghui.assistance.retention.archive_unfiled_files", counted_from=_("未通过或撤销时间")),
    RetentionRule(
        key="export_files", label=_("后台导出文件"),
        law=_("《个人信息保护法》第十九条：保存期限应当为实现处理目的所必要的最短时间。导出文件只供导出人"
              "下载，页面承诺保留至少1天。到期后删除文件，导出记录保留。"),
        setting="GONGHUI_RETAIN_EXPORT_FILE_DAYS", default_days=1, minimum_days=1, action=PURGE,
        apply="gonghui.reports.retention.purge_export_files", counted_from=_("开始导出时间")),
)


@dataclass(frozen=True)
class Applied:
    """What one rule did (or, in a dry run, would do): records affected, whether more remain past the
    batch limit for the next run, and a short note in English for the operator (why nothing moved)."""

    count: int
    more: bool = False
    note: str = ""


Apply = Callable[..., Applied]


def retention_days_from_env(environ: Mapping[str, str] | None = None) -> dict[str, int]:
    """{setting: days} for every rule, refusing a value below the rule's minimum with the reason, or one
    beyond MAXIMUM_DAYS."""
    days: dict[str, int] = {}
    for rule in RULES:
        if rule.setting in days:
            continue
        floor = max(r.minimum_days for r in RULES if r.setting == rule.setting)
        why = ("the Cybersecurity Law (网络安全法) art. 21 requires logs to be kept for at least six months"
               if floor == SIX_MONTHS_DAYS else "a shorter period would break the product's own use of them")
        days[rule.setting] = env_int(rule.setting, rule.default_days, minimum=floor, maximum=MAXIMUM_DAYS,
                                     unit="days", why=why, environ=environ)
    return days


def rule_days(rule: RetentionRule) -> int:
    from django.conf import settings

    return int(settings.GONGHUI_RETAIN_DAYS[rule.setting])


def rule_by_key(key: str) -> RetentionRule:
    for rule in RULES:
        if rule.key == key:
            return rule
    raise KeyError(key)

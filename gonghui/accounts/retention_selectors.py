"""The console's 数据保存期限 page: every retention rule, its period and what its last run did."""

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit_retention import CHECKPOINT_MISMATCH, NO_CHECKPOINT_FILE, NO_OLD_CHECKPOINT, newest_cut
from gonghui.core.errors import PermissionDenied
from gonghui.core.retention import ARCHIVE, PURGE, RULES, RetentionRule, rule_days
from gonghui.core.retention_sweep import FAILED_NOTE, last_runs
from gonghui.orgs.scope import Scope, covers_all_roots

if TYPE_CHECKING:  # read only through core.audit_retention.newest_cut
    from gonghui.core.audit_models import AuditCut

NOTES = {
    NO_CHECKPOINT_FILE: _("未配置审计检查点文件（GONGHUI_AUDIT_CHECKPOINT_FILE），审计日志不清理。"),
    NO_OLD_CHECKPOINT: _("还没有早于保存期限的签名检查点，本次未清理审计日志。"),
    CHECKPOINT_MISMATCH: _("检查点与审计日志不符，已停止清理；请运行 audit_verify 检查。"),
}
ACTION_LABELS = {ARCHIVE: _("到期归档（保留统计字段，删除个人信息）"), PURGE: _("到期删除")}


def _note(run: dict[str, Any]) -> str:
    note = run.get("note") or ""
    if run.get("failed"):
        return str(_("上次执行出错（%(error)s），详情见服务器日志；其他规则照常执行。") % {
            "error": note.removeprefix(FAILED_NOTE).lstrip(": ")})
    return str(NOTES.get(note, note))


@dataclass(frozen=True)
class RuleRow:
    rule: RetentionRule
    days: int
    action_label: Any
    last_at: datetime | None
    last_count: int | None
    more: bool
    note: str


@dataclass(frozen=True)
class RetentionOverview:
    rows: list[RuleRow]
    cut: "AuditCut | None"  # where the audit log now starts


def retention_overview(*, scope: Scope) -> RetentionOverview:
    """Deployment-wide settings, so only for those whose scope covers the whole deployment."""
    if not covers_all_roots(scope):
        raise PermissionDenied
    runs = last_runs()
    rows = []
    for rule in RULES:
        run = runs.get(rule.key, {})
        rows.append(RuleRow(rule=rule, days=rule_days(rule), action_label=ACTION_LABELS[rule.action],
                            last_at=run.get("at"), last_count=run.get("count"), more=bool(run.get("more")),
                            note=_note(run)))
    return RetentionOverview(rows=rows, cut=newest_cut())

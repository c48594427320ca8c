"""The console's 数据保存期限 page: every retention rule, its period and what its last run did."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.audit_models import AuditCut
from gonghui.core.audit_retention import CHECKPOINT_MISMATCH, NO_CHECKPOINT_FILE, NO_OLD_CHECKPOINT
from gonghui.core.errors import PermissionDenied
from gonghui.core.retention import ARCHIVE, RULES, RetentionRule, rule_days
from gonghui.core.retention_sweep import last_runs
from gonghui.orgs.models import TradeUnion
from gonghui.orgs.scope import Scope

NOTES = {
    NO_CHECKPOINT_FILE: _("未配置审计检查点文件（GONGHUI_AUDIT_CHECKPOINT_FILE），审计日志不清理。"),
    NO_OLD_CHECKPOINT: _("还没有早于保存期限的签名检查点，本次未清理审计日志。"),
    CHECKPOINT_MISMATCH: _("检查点与审计日志不符，已停止清理；请运行 audit_verify 检查。"),
}
ACTION_LABELS = {ARCHIVE: _("到期归档（保留统计字段，删除个人信息）"), "purge": _("到期删除")}


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
    cut: AuditCut | None  # where the audit log now starts


def retention_overview(*, scope: Scope) -> RetentionOverview:
    """Deployment-wide settings, so only for those whose scope covers a root union."""
    roots = TradeUnion.objects.filter(parent__isnull=True).values_list("path", flat=True)
    if not any(scope.covers(path) for path in roots):
        raise PermissionDenied
    runs = last_runs()
    rows = []
    for rule in RULES:
        run = runs.get(rule.key, {})
        rows.append(RuleRow(rule=rule, days=rule_days(rule), action_label=ACTION_LABELS[rule.action],
                            last_at=run.get("at"), last_count=run.get("count"), more=bool(run.get("more")),
                            note=str(NOTES.get(run.get("note") or "", run.get("note") or ""))))
    return RetentionOverview(rows=rows, cut=AuditCut.objects.order_by("-seq").first())

"""What waits for the union that owns an employer: the radar's open alerts."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for
from gonghui.reports.risk.choices import AlertStatus
from gonghui.reports.risk.selectors import open_alert_count


def risk_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.EMPLOYER_EDIT)
    if scope.is_empty:
        return []
    return [todo("risk.alerts", _("劳动关系风险预警待处理"), open_alert_count(scope=scope), "web:risk_alerts",
                 urgent=True, status=AlertStatus.OPEN)]

"""What waits for a cadre in the 统计年报: returns of the year being filed that are filled in or
reopened and not yet signed off, counted as the status page lists them."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.core.todos import Todo, todo
from gonghui.orgs.scope import scope_for
from gonghui.reports.stats.selectors import reporting_year, unsigned_count


def stats_todos(*, user: Any) -> list[Todo]:
    scope = scope_for(user, Perm.STATS_REPORT)
    if scope.is_empty:
        return []
    year = reporting_year()
    return [todo("stats.unsigned", _("统计年报待签报"), unsigned_count(scope=scope, year=year), "web:stats_status",
                 urgent=False, year=str(year))]

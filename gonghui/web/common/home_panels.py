"""工作台 figures per role: what a cadre sees under the 待办 panel, decided by the permissions they
hold (accounts.roles), never by user names.

- Union cadres with statistics over a federation: the org-building figures of their subtree.
- A grassroots union: its own members, not "下级工会组织 0" and empty charts.
- Case workers without statistics (12351 agents, lawyers): today's calls and their cases.
- The three administrators (三员分立): their own work — accounts, locks, the audit trail.
"""

import datetime
from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from gonghui.accounts.selectors import audit_list, user_list
from gonghui.cases.choices import Status
from gonghui.cases.dashboard import case_figures
from gonghui.cases.selectors import case_queue
from gonghui.core.permissions import Perm
from gonghui.orgs.choices import Level
from gonghui.orgs.scope import scope_for, scope_for_any
from gonghui.orgs.selectors import tree_roots

RECENT_AUDIT = 8
MY_CASES = 8


def home_kind(request: HttpRequest) -> str:
    """Which figures the home page leads with: "org", "grassroots", "cases", "admin" or "none"."""
    perms = request.user.permissions()  # type: ignore[union-attr]
    if perms & {Perm.USER_MANAGE, Perm.GRANT_MANAGE, Perm.AUDIT_VIEW}:
        return "admin"  # the three administrators hold no business permission (exclusive roles)
    if Perm.STATS_VIEW in perms:
        root = tree_roots(scope=scope_for(request.user, Perm.STATS_VIEW)).order_by("depth").first()
        if root is None:
            return "none"
        return "grassroots" if root.level >= Level.GRASSROOTS else "org"
    if perms & {Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE}:
        return "cases"
    return "org"


def case_panel(request: HttpRequest) -> dict[str, Any]:
    """Today's calls and work orders, and the cases this user carries."""
    view = scope_for(request.user, Perm.CASE_VIEW)
    start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
    today = case_figures(scope=view, start=start, end=start + datetime.timedelta(days=1))
    mine = case_queue(scope=view, queue="todo", user=request.user)
    return {"today": today, "my_cases": list(mine[:MY_CASES]),
            "today_by_status": [(Status(s).label, n) for s, n in today.by_status.items() if n]}


def admin_panel(request: HttpRequest) -> dict[str, Any]:
    """The administrator's own figures: accounts in reach, locked ones, recent audit events."""
    perms = request.user.permissions()  # type: ignore[union-attr]
    panel: dict[str, Any] = {"accounts": None, "recent_audit": None}
    if perms & {Perm.USER_MANAGE, Perm.GRANT_MANAGE}:
        manage = scope_for_any(request.user, (Perm.USER_MANAGE, Perm.GRANT_MANAGE))
        panel["accounts"] = user_list(scope=manage, active=True).count()
        panel["locked"] = user_list(scope=manage, locked=True).count()
    if Perm.AUDIT_VIEW in perms:
        audit_scope = scope_for(request.user, Perm.AUDIT_VIEW)
        panel["recent_audit"] = list(audit_list(scope=audit_scope)[:RECENT_AUDIT])
        panel["audit_today"] = audit_list(scope=audit_scope, since=timezone.localdate()).count()
    return panel

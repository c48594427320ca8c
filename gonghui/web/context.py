from typing import Any

from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from gonghui.core.permissions import Perm
from gonghui.web.activities import urls as activities_urls
from gonghui.web.aid import urls as aid_urls
from gonghui.web.benefits import urls as benefits_urls
from gonghui.web.cases import urls as cases_urls
from gonghui.web.common.todos import badge_counts
from gonghui.web.contracts import urls as contracts_urls
from gonghui.web.democracy import urls as democracy_urls
from gonghui.web.hardship import urls as hardship_urls
from gonghui.web.honours import urls as honours_urls
from gonghui.web.jobs import urls as jobs_urls
from gonghui.web.mutualaid import urls as mutualaid_urls
from gonghui.web.positions import urls as positions_urls
from gonghui.web.reports import federation_urls as reports_federation_urls
from gonghui.web.reports import metrics_urls, stats_urls, work_report_urls
from gonghui.web.reports import urls as reports_urls
from gonghui.web.skills import urls as skills_urls

# (url name, label, icon, permission needed anywhere — or a test of the user —, active when the path starts with)
NavEntry = tuple[str | None, Any, str, Any, str]

ORG_NAV: list[NavEntry] = [
    ("web:org_tree", _("组织机构"), "⌂", Perm.ORG_VIEW, "/orgs/"),
    ("web:employer_list", _("用人单位"), "▤", Perm.ORG_VIEW, "/employers/$"),
    ("web:risk_listings", _("风险名单"), "⚠", Perm.ORG_VIEW, "/employers/risk/"),
    ("web:member_list", _("会员"), "☺", Perm.MEMBER_VIEW, "/members/$"),
    ("web:application_queue", _("入会审核"), "✓", Perm.MEMBER_REVIEW, "/members/applications/"),
    ("web:transfer_list", _("会籍接转"), "⇄", Perm.MEMBER_VIEW, "/members/transfers/"),
    ("web:federation_transfers", _("跨部署接转"), "⇆", Perm.MEMBER_VIEW, "/reports/federation/transfers/"),
]
SYSTEM_NAV: list[NavEntry] = [
    ("web:user_list", _("账号与授权"), "☰", (Perm.USER_MANAGE, Perm.GRANT_MANAGE), "/users/"),
    ("web:reset_list", _("密码重置"), "↻", (Perm.USER_MANAGE, Perm.GRANT_MANAGE), "/password-resets/"),
    ("web:workday_calendar", _("节假日日历"), "▦",
     (Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE, Perm.CALENDAR_MANAGE), "/calendar/"),
    ("web:audit_list", _("审计日志"), "✎", Perm.AUDIT_VIEW, "/audit/"),
    ("web:password_change", _("修改密码"), "⚿", None, "/account/password/"),
]
# The menu as a cadre thinks of the work: each group folds away (web/partials/nav.html), the one holding
# the current page open. A module's entries (and its headings) go into one group here, nowhere else.
NAV_GROUPS: list[tuple[str, Any, list[NavEntry]]] = [
    ("org", _("组织与会员"), ORG_NAV),
    ("rights", _("维权服务"), cases_urls.NAV),
    ("hardship", _("困难帮扶"), hardship_urls.NAV + aid_urls.NAV + mutualaid_urls.NAV),
    ("contracts", _("集体合同与民主管理"), contracts_urls.NAV + democracy_urls.NAV),
    ("merit", _("建功立业与荣誉"), honours_urls.NAV + skills_urls.NAV),
    ("positions", _("服务阵地与活动"), positions_urls.NAV + activities_urls.NAV),
    ("welfare", _("就业与普惠"), jobs_urls.NAV + benefits_urls.NAV),
    ("reports", _("统计与报表"),
     metrics_urls.NAV + reports_urls.NAV + stats_urls.NAV + work_report_urls.NAV + reports_federation_urls.NAV),
    ("system", _("系统"), SYSTEM_NAV),
]
HOME: NavEntry = ("web:home", _("工作台"), "◧", None, "/$")
NAV: list[NavEntry] = [HOME] + [entry for *_, entries in NAV_GROUPS for entry in entries]


def _active(path: str, prefix: str) -> bool:
    if prefix.endswith("$"):
        # "/members/$": the section's own pages, but not its sub-sections listed separately.
        base = prefix[:-1]
        return path == base or (base != "/" and path.startswith(base) and not any(
            path.startswith(p) for *_, p in NAV if p != prefix and p.startswith(base)))
    return path.startswith(prefix)


def _items(request: HttpRequest, entries: list[NavEntry], perms: set[Any], badges: dict[str, int] | None,
           group_label: Any) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for name, label, icon, needed, prefix in entries:
        if callable(needed):  # a page only some holders of a permission may open (the root's, say)
            if not needed(request.user):
                continue
        elif needed is not None:
            wanted = needed if isinstance(needed, tuple) else (needed,)
            if not perms.intersection(wanted):
                continue
        if name is None:
            # A module's heading that only repeats its group's name says nothing more.
            if str(label) != str(group_label):
                items.append({"heading": label})
            continue
        key = name.partition(":")[2]
        items.append({"url": reverse(name), "label": label, "icon": icon, "active": _active(request.path, prefix),
                      "key": key, "badge": badges.get(key) if badges is not None else None})
    # A heading left with no entry under it (its entries all need another permission) goes too.
    return [item for i, item in enumerate(items)
            if "heading" not in item or (i + 1 < len(items) and "heading" not in items[i + 1])]


def console(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    perms = user.permissions()  # type: ignore[union-attr]
    badges = badge_counts(request) if hasattr(request, "_gonghui_todos") else None
    groups = []
    for key, label, entries in NAV_GROUPS:
        items = _items(request, entries, perms, badges, label)
        links = [item for item in items if "url" in item]
        if not links:
            continue
        groups.append({"key": key, "label": label, "items": items, "open": any(item["active"] for item in links),
                       "badge": sum(item["badge"] or 0 for item in links) or None})
    # The home page has counted its to-dos already: its badges come inline; any other page fetches
    # them once it has shown (web.common.todos.todo_badges), the closed groups' sums with them.
    return {"nav_home": _items(request, [HOME], perms, badges, None)[0], "nav_groups": groups,
            "user_perms": perms, "todo_badges_lazy": badges is None}

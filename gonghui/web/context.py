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
from gonghui.web.reports import metrics_urls
from gonghui.web.skills import urls as skills_urls

# (url name, label, icon, permission needed anywhere, active when the path starts with)
NAV: list[tuple[str | None, Any, str, Any, str]] = [
    ("web:home", _("工作台"), "◧", None, "/$"),
    ("web:org_tree", _("组织机构"), "⌂", Perm.ORG_VIEW, "/orgs/"),
    ("web:employer_list", _("用人单位"), "▤", Perm.ORG_VIEW, "/employers/$"),
    ("web:risk_listings", _("风险名单"), "⚠", Perm.ORG_VIEW, "/employers/risk/"),
    ("web:member_list", _("会员"), "☺", Perm.MEMBER_VIEW, "/members/$"),
    ("web:application_queue", _("入会审核"), "✓", Perm.MEMBER_REVIEW, "/members/applications/"),
    ("web:transfer_list", _("会籍接转"), "⇄", Perm.MEMBER_VIEW, "/members/transfers/"),
    ("web:user_list", _("账号与授权"), "☰", (Perm.USER_MANAGE, Perm.GRANT_MANAGE), "/users/"),
    ("web:reset_list", _("密码重置"), "↻", (Perm.USER_MANAGE, Perm.GRANT_MANAGE), "/password-resets/"),
    ("web:workday_calendar", _("节假日日历"), "▦",
     (Perm.CASE_VIEW, Perm.CASE_INTAKE, Perm.CASE_HANDLE, Perm.CASE_SUPERVISE, Perm.CALENDAR_MANAGE), "/calendar/"),
    ("web:audit_list", _("审计日志"), "✎", Perm.AUDIT_VIEW, "/audit/"),
]
# 维权服务, then 困难帮扶 (the registry, aid programmes, mutual-aid insurance), each module owning its entries.
NAV += cases_urls.NAV + hardship_urls.NAV + aid_urls.NAV + mutualaid_urls.NAV + contracts_urls.NAV + democracy_urls.NAV
NAV += honours_urls.NAV
NAV += skills_urls.NAV
NAV += positions_urls.NAV
NAV += benefits_urls.NAV
NAV += activities_urls.NAV
NAV += jobs_urls.NAV
NAV += metrics_urls.NAV


def console(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    perms = user.permissions()  # type: ignore[union-attr]
    badges = badge_counts(request) if hasattr(request, "_gonghui_todos") else None
    items = []
    for name, label, icon, needed, prefix in NAV:
        if needed is not None:
            wanted = needed if isinstance(needed, tuple) else (needed,)
            if not perms.intersection(wanted):
                continue
        if name is None:
            items.append({"heading": label})
            continue
        if prefix.endswith("$"):
            # "/members/$": the section's own pages, but not its sub-sections listed separately.
            base = prefix[:-1]
            active = request.path == base or (base != "/" and request.path.startswith(base) and not any(
                request.path.startswith(p) for *_, p in NAV if p != prefix and p.startswith(base)))
        else:
            active = request.path.startswith(prefix)
        key = name.partition(":")[2]
        items.append({"url": reverse(name), "label": label, "icon": icon, "active": active, "key": key,
                      "badge": badges.get(key) if badges is not None else None})
    # The home page has counted its to-dos already: its badges come inline; any other page fetches
    # them once it has shown (web.common.todos.todo_badges).
    return {"nav_items": items, "user_perms": perms, "todo_badges_lazy": badges is None}

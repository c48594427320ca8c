from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext as _

from gonghui.core.permissions import Perm
from gonghui.members.selectors import member_counts_by_branch, member_figures
from gonghui.orgs.selectors import subtree_summary, tree_roots
from gonghui.web.common.home_panels import admin_panel, case_panel, home_kind
from gonghui.web.common.todos import todo_lines
from gonghui.web.common.views import scope


def home(request: HttpRequest) -> HttpResponse:
    # 待办 first: what waits for this user, from every domain; then the figures that fit the role.
    context: dict[str, Any] = {"todos": todo_lines(request), "kind": home_kind(request)}
    if context["kind"] == "cases":
        context.update(case_panel(request))
    elif context["kind"] == "admin":
        context.update(admin_panel(request))
    elif context["kind"] in ("org", "grassroots"):
        context.update(_org_panel(request, grassroots=context["kind"] == "grassroots"))
    return render(request, "web/home.html", context)


def _org_panel(request: HttpRequest, *, grassroots: bool) -> dict[str, Any]:
    view_scope = scope(request, Perm.ORG_VIEW)
    roots = list(tree_roots(scope=view_scope)[:5])
    summary = subtree_summary(scope=view_scope, union=roots[0]) if roots else None
    figures, branch_members = None, {}
    member_scope = scope(request, Perm.MEMBER_VIEW)
    if summary is not None and member_scope.covers(summary.union.path):
        figures = member_figures(scope=member_scope, union=summary.union, employees=summary.totals.employees)
        if not grassroots:
            branch_members = member_counts_by_branch(scope=member_scope, union=summary.union)
        for branch in summary.branches:
            branch.members = branch_members.get(branch.union.path, 0)  # type: ignore[attr-defined]
    charts = {}
    if summary is not None and not grassroots:
        branches = sorted(summary.branches, key=lambda b: -b.employers)[:15]
        charts["branches"] = {
            "labels": [b.union.name.replace("总工会", "") for b in branches],
            "series": [
                {"name": _("用人单位"), "unit": _("家"), "values": [b.employers for b in branches]},
                {"name": _("已建会单位"), "unit": _("家"), "values": [b.unionized for b in branches]},
                {"name": _("建会率"), "type": "line", "axis": 1, "values": [b.organizing_rate for b in branches]},
            ],
        }
        charts["levels"] = {"labels": [str(label) for label, _n in summary.by_level],
                            "values": [n for _label, n in summary.by_level]}
    return {"summary": summary, "roots": roots, "charts": charts, "figures": figures}

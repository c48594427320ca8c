"""The org tree browser, union detail, and every structural action on a union."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.core.permissions import Perm
from gonghui.orgs import selectors
from gonghui.orgs.services import (
    union_create,
    union_delete,
    union_dissolve,
    union_merge,
    union_move,
    union_update,
)
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import can, needs_any, not_found_as_404, paginate, scope
from gonghui.web.orgs.forms import DissolveForm, OrgPickForm, UnionForm


@needs_any(Perm.ORG_VIEW)
def org_tree(request: HttpRequest) -> HttpResponse:
    view_scope = scope(request, Perm.ORG_VIEW)
    query = request.GET.get("q", "").strip()
    results = list(selectors.union_search(scope=view_scope, query=query, limit=100)) if query else None
    roots = list(selectors.tree_roots(scope=view_scope))
    return render(request, "web/orgs/tree.html", {"roots": roots, "query": query, "results": results})


@not_found_as_404
def org_children(request: HttpRequest, pk: int) -> HttpResponse:
    view_scope = scope(request, Perm.ORG_VIEW)
    parent = selectors.union_get(scope=view_scope, pk=pk)
    children = selectors.union_children(scope=view_scope, parent=parent)[:500]
    return render(request, "web/orgs/_tree_children.html", {"nodes": children})


@not_found_as_404
def org_detail(request: HttpRequest, pk: int) -> HttpResponse:
    view_scope = scope(request, Perm.ORG_VIEW)
    union = selectors.union_get(scope=view_scope, pk=pk)
    tab = request.GET.get("tab", "children")
    show_ended = request.GET.get("ended") == "1"
    ctx = {
        "union": union,
        "tab": tab,
        "show_ended": show_ended,
        "ancestors": selectors.union_ancestors(scope=view_scope, union=union),
        "can_edit": union.is_active and can(request, Perm.ORG_EDIT, union.path),
        "can_structure": union.is_active and union.parent_id is not None
        and can(request, Perm.ORG_STRUCTURE, union.path),
        "can_employer": union.is_active and can(request, Perm.EMPLOYER_EDIT, union.path),
        # 集体登记入会 for this union, reached from its page (a county registering a union below it).
        "can_roster": union.is_active and can(request, Perm.MEMBER_EDIT, union.path),
    }
    if tab == "employers":
        ctx["page"] = paginate(request, selectors.employer_list(scope=view_scope, union=union,
                                                                query=request.GET.get("q", "")))
    else:
        ctx["page"] = paginate(request, selectors.union_children(scope=view_scope, parent=union,
                                                                 include_ended=show_ended))
    return render(request, "web/orgs/detail.html", ctx)


@not_found_as_404
def org_create(request: HttpRequest, parent_pk: int) -> HttpResponse:
    parent = selectors.union_get(scope=scope(request, Perm.ORG_EDIT), pk=parent_pk)
    form = UnionForm(request.POST or None, near=parent, initial={"level": min(parent.level + 1, 8)})
    if request.method == "POST" and form.is_valid():
        union = call_service(form, union_create, actor=request.user, parent=parent, **form.service_fields())
        if union is not None:
            messages.success(request, _("已新增工会组织：%(name)s") % {"name": union.name})
            return redirect("web:org_detail", union.pk)
    return render(request, "web/orgs/form.html", {"form": form, "parent": parent, "union": None})


@not_found_as_404
def org_edit(request: HttpRequest, pk: int) -> HttpResponse:
    union = selectors.union_get(scope=scope(request, Perm.ORG_EDIT), pk=pk)
    form = UnionForm(request.POST or None, near=union, editing=True,
                     initial=UnionForm.initial_for(union))
    if request.method == "POST" and form.is_valid():
        saved = call_service(form, union_update, actor=request.user, union=union,
                             version=form.cleaned_data.get("version") or union.version, **form.service_fields())
        if saved is not None:
            messages.success(request, _("已保存。"))
            return redirect("web:org_detail", union.pk)
    return render(request, "web/orgs/form.html", {"form": form, "parent": union.parent, "union": union})


def org_pick(request: HttpRequest) -> HttpResponse:
    """Candidates for a target union (move, merge, grant), limited to where the user may act."""
    permission = request.GET.get("perm", Perm.ORG_STRUCTURE)
    if permission not in {Perm.ORG_STRUCTURE, Perm.EMPLOYER_EDIT, Perm.GRANT_MANAGE, Perm.USER_MANAGE}:
        permission = Perm.ORG_STRUCTURE
    results = selectors.union_search(scope=scope(request, permission), query=request.GET.get("q", ""), limit=20)
    return render(request, "web/orgs/_pick_results.html",
                  {"results": [u for u in results if u.is_active], "name": "target"})


def _structure_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    union = selectors.union_get(scope=scope(request, Perm.ORG_STRUCTURE), pk=pk)
    form = OrgPickForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        target = selectors.union_get(scope=scope(request, Perm.ORG_STRUCTURE), pk=form.cleaned_data["target"])
        if action == "move":
            done = call_service(form, union_move, actor=request.user, union=union, new_parent=target)
            note = _("已将 %(name)s 移动到 %(target)s 之下。")
        else:
            done = call_service(form, union_merge, actor=request.user, source=union, target=target)
            note = _("已将 %(name)s 并入 %(target)s。")
        if done is not None:
            messages.success(request, note % {"name": union.name, "target": target.name})
            return redirect("web:org_detail", target.pk if action == "merge" else union.pk)
    return render(request, "web/orgs/pick_action.html", {"form": form, "union": union, "action": action})


@not_found_as_404
def org_move(request: HttpRequest, pk: int) -> HttpResponse:
    return _structure_action(request, pk, "move")


@not_found_as_404
def org_merge(request: HttpRequest, pk: int) -> HttpResponse:
    return _structure_action(request, pk, "merge")


@not_found_as_404
def org_dissolve(request: HttpRequest, pk: int) -> HttpResponse:
    union = selectors.union_get(scope=scope(request, Perm.ORG_STRUCTURE), pk=pk)
    form = DissolveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(form, union_dissolve, actor=request.user, union=union,
                            reason=form.cleaned_data["reason"], on=form.cleaned_data["on"])
        if done is not None:
            messages.success(request, _("已撤销：%(name)s") % {"name": union.name})
            return redirect("web:org_detail", union.pk)
    return render(request, "web/orgs/dissolve.html", {"form": form, "union": union})


@require_POST
@not_found_as_404
def org_delete(request: HttpRequest, pk: int) -> HttpResponse:
    union = selectors.union_get(scope=scope(request, Perm.ORG_STRUCTURE), pk=pk)
    form = OrgPickForm()
    parent_pk = union.parent_id
    call_service(form, union_delete, actor=request.user, union=union)
    if form.errors:
        for error in form.non_field_errors():
            messages.error(request, str(error))
        return redirect("web:org_detail", union.pk)
    messages.success(request, _("已删除：%(name)s") % {"name": union.name})
    return redirect("web:org_detail", parent_pk) if parent_pk else redirect("web:org_tree")



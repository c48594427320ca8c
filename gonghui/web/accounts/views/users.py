"""Cadre accounts and grants. Account work is the system administrator's, grants and unlocking the
security administrator's (三员分立); each action checks its own permission in the service."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts import selectors
from gonghui.accounts.roles import ROLES
from gonghui.accounts.services import grant_create, grant_revoke, user_create, user_set_active, user_unlock, user_update
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for_any
from gonghui.orgs.selectors import union_get
from gonghui.web.accounts.forms import GrantForm, ResetRequestForm, UserCreateForm, UserEditForm
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import can, needs_any, not_found_as_404, paginate, scope

MANAGE = (Perm.USER_MANAGE, Perm.GRANT_MANAGE)


@needs_any(*MANAGE)
def user_list(request: HttpRequest) -> HttpResponse:
    active = {"1": True, "0": False}.get(request.GET.get("active", ""))
    qs = selectors.user_list(scope=scope_for_any(request.user, MANAGE), query=request.GET.get("q", ""),
                             active=active, locked=request.GET.get("locked") == "1")
    return render(request, "web/users/list.html", {
        "page": paginate(request, qs), "can_create": bool(request.user.scope_roots(Perm.USER_MANAGE)),  # type: ignore[union-attr]
    })


@needs_any(Perm.USER_MANAGE)
def user_create_view(request: HttpRequest) -> HttpResponse:
    form = UserCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data.get("target"):
            form.add_error(None, _("请先搜索并选择账号所在工会。"))
        else:
            org = union_get(scope=scope(request, Perm.USER_MANAGE), pk=form.cleaned_data["target"])
            user = call_service(form, user_create, actor=request.user, username=form.cleaned_data["username"],
                                full_name=form.cleaned_data["full_name"], org=org,
                                password=form.cleaned_data["password"])
            if user is not None:
                messages.success(request, _("已创建账号 %(u)s，请由安全管理员授予角色。") % {"u": user.username})
                return redirect("web:user_detail", user.pk)
    return render(request, "web/users/form.html", {"form": form, "account": None})


@needs_any(*MANAGE)
@not_found_as_404
def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get(scope=scope_for_any(request.user, MANAGE), pk=pk)
    path = account.org.path
    return render(request, "web/users/detail.html", {
        "account": account,
        "grants": selectors.user_grants(user=account),
        "roles": ROLES,
        "grant_form": GrantForm(),
        "reset_form": ResetRequestForm(),
        "open_reset": selectors.reset_open_for(user=account),
        "can_manage": can(request, Perm.USER_MANAGE, path) and account.pk != request.user.pk,
        "can_grant": can(request, Perm.GRANT_MANAGE, path) and account.pk != request.user.pk,
    })


@needs_any(Perm.USER_MANAGE)
@not_found_as_404
def user_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get(scope=scope(request, Perm.USER_MANAGE), pk=pk)
    form = UserEditForm(request.POST or None, initial={"full_name": account.full_name})
    if request.method == "POST" and form.is_valid():
        org = account.org
        if form.cleaned_data.get("target"):
            org = union_get(scope=scope(request, Perm.USER_MANAGE), pk=form.cleaned_data["target"])
        if call_service(form, user_update, actor=request.user, user=account,
                        full_name=form.cleaned_data["full_name"], org=org) is not None:
            messages.success(request, _("已保存。"))
            return redirect("web:user_detail", account.pk)
    return render(request, "web/users/form.html", {"form": form, "account": account})


@require_POST
@needs_any(*MANAGE)
@not_found_as_404
def user_action(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    account = selectors.user_get(scope=scope_for_any(request.user, MANAGE), pk=pk)
    form = GrantForm(None)
    done = None
    if action in ("enable", "disable"):
        done = call_service(form, user_set_active, actor=request.user, user=account, active=action == "enable")
    elif action == "unlock":
        done = call_service(form, user_unlock, actor=request.user, user=account)
    if done is not None:
        messages.success(request, _("操作成功。"))
    else:
        for error in form.non_field_errors():
            messages.error(request, str(error))
    return redirect("web:user_detail", account.pk)


@require_POST
@needs_any(Perm.GRANT_MANAGE)
@not_found_as_404
def grant_add(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get(scope=scope(request, Perm.GRANT_MANAGE), pk=pk)
    form = GrantForm(request.POST)
    if form.is_valid():
        org = union_get(scope=scope(request, Perm.GRANT_MANAGE), pk=form.cleaned_data["target"])
        if call_service(form, grant_create, actor=request.user, user=account, role=form.cleaned_data["role"],
                        org=org) is not None:
            messages.success(request, _("已授权。"))
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))
    return redirect("web:user_detail", account.pk)


@require_POST
@needs_any(Perm.GRANT_MANAGE)
@not_found_as_404
def grant_remove(request: HttpRequest, pk: int) -> HttpResponse:
    grant = selectors.grant_get(scope=scope(request, Perm.GRANT_MANAGE), pk=pk)
    form = GrantForm()
    if call_service(form, grant_revoke, actor=request.user, grant=grant) is not None:
        messages.success(request, _("已收回授权。"))
    for error in form.non_field_errors():
        messages.error(request, str(error))
    return redirect("web:user_detail", grant.user_id)

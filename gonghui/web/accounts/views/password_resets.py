"""Password resets in the console: the request on the account page, the list and page of a reset,
approval by a security administrator, and the one page that shows a temporary password.

That page is only ever the answer to a POST (never a URL one could reload or find in a log), is
marked no-store, and the password is in no message, session or redirect.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from gonghui.accounts import resets, selectors
from gonghui.accounts.models import PasswordReset
from gonghui.accounts.workflow import ResetStatus
from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for_any
from gonghui.web.accounts.forms import ResetDecisionForm, ResetRequestForm
from gonghui.web.common.forms import call_service
from gonghui.web.common.views import can, needs_any, not_found_as_404, paginate, scope

MANAGE = (Perm.USER_MANAGE, Perm.GRANT_MANAGE)


def _flash(request: HttpRequest, form: Any) -> None:
    for errors in form.errors.values():
        for error in errors:
            messages.error(request, str(error))


def _secret_page(request: HttpRequest, reset: PasswordReset, secret: str) -> HttpResponse:
    response = render(request, "web/users/reset_secret.html", {"reset": reset, "account": reset.user,
                                                               "secret": secret})
    response["Referrer-Policy"] = "no-referrer"
    return response


@never_cache
@require_POST
@needs_any(Perm.USER_MANAGE)
@not_found_as_404
def reset_request_view(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.user_get(scope=scope(request, Perm.USER_MANAGE), pk=pk)
    form = ResetRequestForm(request.POST)
    if form.is_valid():
        done = call_service(form, resets.reset_request, actor=request.user, user=account,
                            reason=form.cleaned_data["reason"])
        if done is not None:
            reset, secret = done
            if secret is not None:
                return _secret_page(request, reset, secret)
            messages.success(request, _("该账号为特权账号，重置申请已提交，"
                                        "须由另一位安全管理员审批后才能签发临时密码。"))
            return redirect("web:reset_detail", reset.pk)
    _flash(request, form)
    return redirect("web:user_detail", account.pk)


@needs_any(*MANAGE)
def reset_list(request: HttpRequest) -> HttpResponse:
    show_all = request.GET.get("all") == "1"
    status = request.GET.get("status", "")
    status = status if status in ResetStatus.values else ""
    qs = selectors.reset_list(scope=scope_for_any(request.user, MANAGE), open_only=not show_all, status=status)
    return render(request, "web/users/resets.html", {"page": paginate(request, qs), "show_all": show_all})


@needs_any(*MANAGE)
@not_found_as_404
def reset_detail(request: HttpRequest, pk: int) -> HttpResponse:
    reset = selectors.reset_get(scope=scope_for_any(request.user, MANAGE), pk=pk)
    me = request.user.pk
    path = reset.user.org.path
    status = reset.status
    return render(request, "web/users/reset_detail.html", {
        "reset": reset, "events": selectors.reset_events(reset=reset), "form": ResetDecisionForm(),
        "can_decide": status == ResetStatus.PENDING and can(request, Perm.GRANT_MANAGE, path)
        and me not in (reset.requested_by_id, reset.user_id),
        "own_request": status == ResetStatus.PENDING and me == reset.requested_by_id,
        "can_issue": status == ResetStatus.APPROVED and me == reset.requested_by_id
        and can(request, Perm.USER_MANAGE, path),
        "can_cancel": status in (ResetStatus.PENDING, ResetStatus.APPROVED, ResetStatus.ISSUED)
        and (can(request, Perm.USER_MANAGE, path) or can(request, Perm.GRANT_MANAGE, path)),
    })


@never_cache
@require_POST
@needs_any(*MANAGE)
@not_found_as_404
def reset_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    reset = selectors.reset_get(scope=scope_for_any(request.user, MANAGE), pk=pk)
    form = ResetDecisionForm(request.POST)
    if action == "issue":
        done = call_service(form, resets.reset_issue, actor=request.user, reset=reset)
        if done is not None:
            return _secret_page(request, *done)
    elif action in ("approve", "refuse") and form.is_valid():
        service = resets.reset_approve if action == "approve" else resets.reset_refuse
        if call_service(form, service, actor=request.user, reset=reset, note=form.cleaned_data["note"]):
            messages.success(request, _("已批准，申请人可以签发临时密码。") if action == "approve" else _("已拒绝。"))
    elif action == "cancel" and call_service(form, resets.reset_cancel, actor=request.user, reset=reset) is not None:
        messages.success(request, _("已撤销。"))
    _flash(request, form)
    return redirect("web:reset_detail", reset.pk)

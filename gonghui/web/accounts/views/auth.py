"""Login (password, then TOTP when required), TOTP enrolment, logout, password change."""

from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from gonghui.accounts import login as auth
from gonghui.accounts.middleware import MUST_CHANGE_PASSWORD
from gonghui.accounts.models import User
from gonghui.accounts.resets import reset_complete
from gonghui.accounts.services import password_change
from gonghui.core import limits as text_limits
from gonghui.core.errors import DomainError
from gonghui.core.qr import qr_data_uri
from gonghui.core.request_context import client_ip
from gonghui.web.common.forms import BootstrapFormMixin, call_service

PENDING = "gonghui_pending_user"
NEXT = "gonghui_next"
# Set when the login used a reset's temporary password: the new password needs no old one.
FROM_RESET = "gonghui_from_reset"


class LoginForm(BootstrapFormMixin, forms.Form):
    username = forms.CharField(label=gettext_lazy("用户名"), max_length=150)
    password = forms.CharField(label=gettext_lazy("密码"), widget=forms.PasswordInput, max_length=128)


class CodeForm(BootstrapFormMixin, forms.Form):
    code = forms.CharField(label=gettext_lazy("动态验证码"), max_length=8,
                           widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "one-time-code"}))


class PasswordChangeForm(BootstrapFormMixin, forms.Form):
    old_password = forms.CharField(label=gettext_lazy("原密码"), max_length=text_limits.PASSWORD,
                                   widget=forms.PasswordInput)
    new_password = forms.CharField(label=gettext_lazy("新密码"), max_length=text_limits.PASSWORD,
                                   widget=forms.PasswordInput)
    confirm = forms.CharField(label=gettext_lazy("确认新密码"), max_length=text_limits.PASSWORD,
                              widget=forms.PasswordInput)

    def __init__(self, *args: Any, after_reset: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if after_reset:
            # The temporary password was good once and is spent: it cannot be asked for again.
            del self.fields["old_password"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("new_password") and data.get("new_password") != data.get("confirm"):
            self.add_error("confirm", _("两次输入的新密码不一致。"))
        return data


def _safe_next(request: HttpRequest, value: str | None) -> str:
    if value and url_has_allowed_host_and_scheme(value, {request.get_host()}, require_https=request.is_secure()):
        return value
    return "/"


def _finish(request: HttpRequest, user: User) -> HttpResponse:
    target = request.session.get(NEXT, "/")
    must_change = auth.login_succeeded(user=user, ip=client_ip(request))
    login(request, user, backend="django.contrib.auth.backends.ModelBackend")  # rotates the session key
    if must_change:
        request.session[MUST_CHANGE_PASSWORD] = True
        if request.session.get(FROM_RESET):
            messages.warning(request, _("您使用了管理员重置后签发的临时密码，请设置新密码后再使用系统。"))
        else:
            messages.warning(request, _("密码已过期或由管理员重置，请先修改密码。"))
        return redirect("web:password_change")
    return redirect(target)


def login_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("web:home")
    form = LoginForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = auth.login_password(username=form.cleaned_data["username"],
                                       password=form.cleaned_data["password"], ip=client_ip(request),
                                       allow_reset=True)
        except DomainError as exc:
            form.add_error(None, str(exc.message))
        else:
            request.session.cycle_key()
            request.session[NEXT] = _safe_next(request, request.GET.get("next"))
            if getattr(user, "redeemed_reset", None) is not None:
                request.session[FROM_RESET] = user.redeemed_reset.pk  # type: ignore[attr-defined]
            if user.totp_required:
                request.session[PENDING] = user.pk
                return redirect("web:login_totp" if user.totp_confirmed else "web:totp_enrol")
            return _finish(request, user)
    return render(request, "web/auth/login.html", {"form": form})


def _pending_user(request: HttpRequest) -> User | None:
    pk = request.session.get(PENDING)
    return User.objects.select_related("org").filter(pk=pk, is_active=True).first() if pk else None


def login_totp(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("web:login")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, auth.totp_verify, user=user, code=form.cleaned_data["code"], ip=client_ip(request))
        if not form.errors:
            del request.session[PENDING]
            return _finish(request, user)
    return render(request, "web/auth/totp.html", {"form": form})


def totp_enrol(request: HttpRequest) -> HttpResponse:
    user = _pending_user(request)
    if user is None:
        return redirect("web:login")
    if user.totp_confirmed:
        return redirect("web:login_totp")
    if request.method != "POST" or not user.totp_secret:
        auth.totp_begin_enrolment(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, auth.totp_confirm_enrolment, user=user, code=form.cleaned_data["code"],
                     ip=client_ip(request))
        if not form.errors:
            del request.session[PENDING]
            return _finish(request, user)
    uri = auth.totp_uri(user)
    qr = qr_data_uri(uri, scale=5)
    return render(request, "web/auth/totp_enrol.html", {"form": form, "qr": qr, "secret": user.totp_secret})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        auth.logout_recorded(user=request.user, ip=client_ip(request))  # type: ignore[arg-type]
    logout(request)
    messages.info(request, _("您已安全退出。"))
    return redirect("web:login")


def password_change_view(request: HttpRequest) -> HttpResponse:
    after_reset = bool(request.session.get(FROM_RESET))
    form = PasswordChangeForm(request.POST or None, after_reset=after_reset)
    if request.method == "POST" and form.is_valid():
        if after_reset:
            user = call_service(form, reset_complete, user=request.user,
                                new_password=form.cleaned_data["new_password"], ip=client_ip(request))
        else:
            user = call_service(form, password_change, user=request.user,
                                old_password=form.cleaned_data["old_password"],
                                new_password=form.cleaned_data["new_password"])
        if user is not None:
            # The new password hash ends the account's other sessions; this one is carried over.
            update_session_auth_hash(request, user)
            request.session.pop(MUST_CHANGE_PASSWORD, None)
            request.session.pop(FROM_RESET, None)
            messages.success(request, _("密码已修改。"))
            return redirect("web:home")
    return render(request, "web/auth/password_change.html", {"form": form, "after_reset": after_reset})

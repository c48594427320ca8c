"""Portal login: phone number, then the SMS code; logout."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.accounts.sms import Purpose, sms_send, sms_verify
from gonghui.core.errors import DomainError
from gonghui.core.idnumbers import mask_phone
from gonghui.core.request_context import client_ip
from gonghui.portal.common import session
from gonghui.portal.common.forms import CodeForm, PhoneForm, call_service


def login_phone(request: HttpRequest) -> HttpResponse:
    if "next" in request.GET:
        request.session[session.NEXT] = session.safe_next(request, request.GET["next"])
    if session.current_worker(request) is not None:
        return redirect(request.session.pop(session.NEXT, "/portal/"))
    form = PhoneForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        phone = form.cleaned_data["phone"]
        if call_service(form, sms_send, phone=phone, purpose=Purpose.PORTAL_LOGIN, ip=client_ip(request)):
            session.set_pending_phone(request, phone)
            return redirect("portal:login_code")
    return render(request, "portal/login.html", {"form": form})


def login_code(request: HttpRequest) -> HttpResponse:
    phone = session.pending_phone(request)
    if not phone:
        return redirect("portal:login")
    if request.method == "POST" and "resend" in request.POST:
        try:
            sms_send(phone=phone, purpose=Purpose.PORTAL_LOGIN, ip=client_ip(request))
        except DomainError as exc:
            messages.error(request, str(exc.message))
        else:
            messages.success(request, _("验证码已重新发送，请以最新一条短信为准。"))
        return redirect("portal:login_code")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        call_service(form, sms_verify, phone=phone, purpose=Purpose.PORTAL_LOGIN, code=form.cleaned_data["code"],
                     ip=client_ip(request))
        if not form.errors:
            return redirect(session.sign_in(request, phone))
    return render(request, "portal/login_code.html", {"form": form, "phone_masked": mask_phone(phone)})


@require_POST
def logout_view(request: HttpRequest) -> HttpResponse:
    session.sign_out(request)
    messages.info(request, _("您已安全退出。"))
    return redirect("portal:login")

"""荣誉评选公示 on the portal, open to anyone: the notices running now, one notice with its nominees'
public fields (name, employer, post, a summary of the deeds) and the working days left, and the
objection form. The objector proves the phone by the portal's SMS code (or is signed in already); the
objection is filed as a confidential 12351 case, whose number they follow in 查询进度."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.errors import DomainError, NotFound
from gonghui.core.request_context import client_ip
from gonghui.honours.record_selectors import PublicEntry, PublicNoticeView, public_notice_get, public_notice_list
from gonghui.honours.services import objection_file, objection_file_as_guest
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors
from gonghui.portal.common.guest import GuestPhoneForm, send_guest_code
from gonghui.portal.honours.forms import ObjectionForm

NOTICES_SHOWN = 50
# The case number of the objection just filed, for the confirmation page (a case number is not personal data).
FILED = "gonghui_portal_objection_case"


def _notice(pk: int) -> PublicNoticeView:
    try:
        return public_notice_get(pk=pk)
    except NotFound:
        raise Http404() from None


def _entry(view: PublicNoticeView, pk: int) -> PublicEntry:
    entry = next((e for e in view.entries if e.nomination_id == pk), None)
    if entry is None:
        raise Http404()
    return entry


def notice_list(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    notices = [public_notice_get(pk=n.pk, today=today) for n in public_notice_list(today=today)[:NOTICES_SHOWN]]
    return render(request, "portal/honours/list.html", {
        "notices": notices, "worker": session.current_worker(request)})


def notice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "portal/honours/notice.html", {
        "notice": _notice(pk), "worker": session.current_worker(request)})


def _file(request: HttpRequest, form: ObjectionForm, guest: GuestPhoneForm | None, entry: PublicEntry) -> str | None:
    """The case number on success; None with the service's refusal beside the field it names."""
    worker = session.current_worker(request)
    data = form.cleaned_data
    try:
        if worker is not None:
            objection = objection_file(worker=worker, nomination_pk=entry.nomination_id, text=data["text"],
                                       objector_name=data["objector_name"])
        else:
            assert guest is not None
            phone = guest.cleaned_data["phone"]
            objection = objection_file_as_guest(
                phone=phone, code=guest.cleaned_data.get("code", ""), nomination_pk=entry.nomination_id,
                text=data["text"], objector_name=data["objector_name"], ip=client_ip(request))
            # The code proved the phone as the portal login does: 查询进度 and the case page need no second one.
            session.sign_in(request, phone)
    except DomainError as exc:
        add_errors(exc, form, *([guest] if guest is not None else []))
        return None
    return objection.case.number


def objection_new(request: HttpRequest, pk: int, entry: int) -> HttpResponse:
    view = _notice(pk)
    nominee = _entry(view, entry)
    worker = session.current_worker(request)
    form = ObjectionForm(request.POST or None)
    guest = None if worker else GuestPhoneForm(request.POST or None)
    if request.method == "POST" and view.is_open:
        if guest is not None and "send_code" in request.POST:
            send_guest_code(request, guest)
            form = ObjectionForm(initial={k: request.POST.get(k, "") for k in ObjectionForm.base_fields})
        else:
            content_ok = form.is_valid()
            phone_ok = guest is None or guest.is_valid()
            if guest is not None and phone_ok and not guest.cleaned_data.get("code"):
                guest.add_error("code", _("请先获取并填写短信验证码。"))
                phone_ok = False
            if content_ok and phone_ok:
                number = _file(request, form, guest, nominee)
                if number is not None:
                    request.session[FILED] = number
                    return redirect(reverse("portal:honour_objection_done"))
    # After the close the page says so with the date, and what is sent is refused: nothing is filed.
    failed = request.method == "POST" and (not view.is_open or form.errors or (guest is not None and guest.errors))
    return render(request, "portal/honours/object.html", {
        "notice": view, "entry": nominee, "form": form, "guest": guest, "worker": worker,
    }, status=400 if failed else 200)


def objection_done(request: HttpRequest) -> HttpResponse:
    number = request.session.get(FILED)
    if not number:
        return redirect(reverse("portal:honour_notices"))
    return render(request, "portal/honours/objected.html", {
        "number": number, "worker": session.current_worker(request)})

"""工会活动 for a worker: the activities they may join, one activity with its sign-up button, 我的活动
with cancel before the deadline, and the check-in page the door QR code leads to."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.activities.choices import ActivityKind, SignUpStatus
from gonghui.activities.people import member_of
from gonghui.activities.selectors import my_signups, open_for_worker, portal_activity
from gonghui.activities.services import (
    AlreadyCheckedIn,
    checkin_token,
    signup_cancel,
    signup_check_in,
    signup_create,
    waiting_place,
)
from gonghui.core.errors import DomainError, NotFound
from gonghui.portal.activities.forms import NameForm
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors


@session.worker_required
def activity_list(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    kind = request.GET.get("kind", "")
    kind = kind if kind in ActivityKind.values else ""
    rows = list(open_for_worker(worker=worker, kind=kind)[:100])
    for row in rows:
        row.left = max(0, row.capacity - row.taken)  # type: ignore[attr-defined]
    return render(request, "portal/activities/list.html", {
        "rows": rows, "kind": kind, "kinds": ActivityKind.choices,
        "is_member": member_of(worker) is not None})


def _detail(request: HttpRequest, pk: int, form: NameForm | None = None, status: int = 200) -> HttpResponse:
    worker = session.worker_of(request)
    try:
        activity, mine = portal_activity(worker=worker, pk=pk)
    except NotFound:
        raise Http404() from None
    now = timezone.now()
    return render(request, "portal/activities/detail.html", {
        "activity": activity, "mine": mine, "place": waiting_place(mine) if mine else None,
        "full": getattr(activity, "taken", 0) >= activity.capacity or getattr(activity, "waiting", 0) > 0,
        "window_open": activity.status == "open" and activity.signup_opens_at <= now < activity.signup_closes_at,
        "not_yet": now < activity.signup_opens_at, "is_member": member_of(worker) is not None,
        "form": form or NameForm(), "may_cancel": mine is not None and mine.status in (
            SignUpStatus.SIGNED, SignUpStatus.WAITING) and now < activity.signup_closes_at}, status=status)


@session.worker_required
def activity_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _detail(request, pk)


@session.worker_required
@require_POST
def activity_sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    form = NameForm(request.POST)
    form.is_valid()
    try:
        signup = signup_create(worker=session.worker_of(request), activity_pk=pk,
                               name=form.cleaned_data.get("name", ""))
    except NotFound:
        raise Http404() from None
    except DomainError as exc:
        if exc.field == "name":
            add_errors(exc, form)
            return _detail(request, pk, form, status=400)
        messages.error(request, str(exc.message))
        return redirect("portal:activity", pk)
    if signup.status == SignUpStatus.WAITING:
        messages.warning(request, _("名额已满，您已进入候补名单第%(n)s位。有人取消时按顺序递补，递补成功会短信通知您。")
                         % {"n": waiting_place(signup)})
    else:
        messages.success(request, _("报名成功！请按时参加，入场时扫描现场二维码签到。"))
    return redirect("portal:activity", pk)


@session.worker_required
def my_activities(request: HttpRequest) -> HttpResponse:
    worker = session.worker_of(request)
    rows = list(my_signups(worker=worker)[:100])
    now = timezone.now()
    for row in rows:
        row.place = waiting_place(row)  # type: ignore[attr-defined]
        row.may_cancel = (row.status in (SignUpStatus.SIGNED, SignUpStatus.WAITING)  # type: ignore[attr-defined]
                          and row.activity.status in ("open", "closed") and now < row.activity.signup_closes_at)
    return render(request, "portal/activities/mine.html", {"rows": rows})


@session.worker_required
@require_POST
def signup_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        signup_cancel(worker=session.worker_of(request), signup_pk=pk)
    except NotFound:
        raise Http404() from None
    except DomainError as exc:
        messages.error(request, str(exc.message))
    else:
        messages.success(request, _("已取消报名。"))
    return redirect("portal:activities_mine")


@session.worker_required
def check_in(request: HttpRequest, pk: int, token: str) -> HttpResponse:
    """The page the door QR code opens: one tap to check in (a GET never writes)."""
    worker = session.worker_of(request)
    try:
        activity, mine = portal_activity(worker=worker, pk=pk)
    except NotFound:
        activity, mine = None, None
    form = NameForm(request.POST) if request.method == "POST" else NameForm()
    outcome, error = "", ""
    if activity is not None and request.method == "POST":
        form.is_valid()
        try:
            mine = signup_check_in(worker=worker, activity_pk=pk, token=token, name=form.cleaned_data.get("name", ""))
            outcome = "done"
        except AlreadyCheckedIn as exc:
            outcome, error = "again", str(exc.message)
        except DomainError as exc:
            if exc.field == "name":
                add_errors(exc, form)
            else:
                error = str(exc.message)
    elif activity is not None and token != checkin_token(activity):
        error = _("签到码无效或已更换，请扫描活动现场的最新签到码。")
    return render(request, "portal/activities/checkin.html", {
        "activity": activity, "mine": mine, "form": form, "outcome": outcome, "error": error,
        "is_member": member_of(worker) is not None}, status=404 if activity is None else 200)

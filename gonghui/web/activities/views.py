"""工会活动 in the console: the list, the form, one activity with its sign-up and waiting lists and its
steps, the printable door code, and the figures."""

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from gonghui.activities.choices import ActivityStatus, SignUpStatus
from gonghui.activities.figures import activity_figures
from gonghui.activities.models import Activity
from gonghui.activities.selectors import activity_events, activity_get, activity_list, signup_get, signup_list
from gonghui.activities.services import (
    activity_cancel,
    activity_create,
    activity_edit,
    activity_finish,
    activity_publish,
    activity_rotate_checkin,
    checkin_token,
    signup_check_in_by_staff,
)
from gonghui.core.permissions import Perm
from gonghui.core.qr import qr_data_uri
from gonghui.core.replica import read_only
from gonghui.orgs.scope import scope_for
from gonghui.orgs.selectors import regions_near
from gonghui.web.activities.forms import ActivityFilterForm, ActivityForm, CancelForm, FiguresForm
from gonghui.web.common.forms import call_service, call_service_or_message
from gonghui.web.common.unions import home_union, union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate

VIEW, MANAGE = Perm.ACTIVITY_VIEW, Perm.ACTIVITY_MANAGE
PERMS = (VIEW, MANAGE)
TABS = (("places", _("已报名")), ("waiting", _("候补")), ("all", _("全部")))


@needs_any(*PERMS)
def activity_list_page(request: HttpRequest) -> HttpResponse:
    form = ActivityFilterForm(request.GET or None)
    f = form.values()
    rows = activity_list(scope=scope_for(request.user, VIEW), kind=f.get("kind", ""), status=f.get("status", ""),
                         q=f.get("q", ""), show=f.get("show", ""))
    return render(request, "activities/list.html", {
        "form": form, "page": paginate(request, rows, 30), "show": f.get("show", ""),
        "may_create": not scope_for(request.user, MANAGE).is_empty})


def _form(request: HttpRequest, activity: Activity | None = None) -> ActivityForm:
    unions = union_choices(request, MANAGE)
    near = activity.organiser if activity is not None else home_union(request, MANAGE)
    keep = activity.region_id if activity is not None else None
    regions = [(r.adcode, f"{r.name}（{r.adcode}）") for r in regions_near(union=near, keep=keep)]
    if activity is not None:
        if activity.organiser_id not in {pk for pk, _label in unions}:
            unions = [(activity.organiser_id, activity.organiser.name), *unions]
        local = timezone.localtime
        initial = {"organiser": activity.organiser_id, "kind": activity.kind, "title": activity.title,
                   "description": activity.description, "audience": activity.audience,
                   "audience_union": activity.audience_union_id, "capacity": activity.capacity,
                   "signup_opens_at": local(activity.signup_opens_at),
                   "signup_closes_at": local(activity.signup_closes_at),
                   "starts_at": local(activity.starts_at), "ends_at": local(activity.ends_at), "fee": activity.fee,
                   "region": activity.region_id, "address": activity.address}
    else:
        initial = {"organiser": unions[0][0] if unions else None, "fee": 0}
    return ActivityForm(request.POST or None, unions=unions, regions=regions, initial=initial)


@needs_any(MANAGE)
@not_found_as_404
def activity_create_page(request: HttpRequest) -> HttpResponse:
    form = _form(request)
    if request.method == "POST" and form.is_valid():
        organiser = union_from_choice(request, MANAGE, form.cleaned_data["organiser"])
        activity = call_service(form, activity_create, actor=request.user, organiser=organiser,
                                data=form.data_for_service())
        if activity is not None:
            messages.success(request, _("活动已保存为草稿，核对后请发布。"))
            return redirect("web:activity", activity.pk)
    return render(request, "activities/form.html", {"form": form, "activity": None},
                  status=400 if form.is_bound and form.errors else 200)


@needs_any(MANAGE)
@not_found_as_404
def activity_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_get(scope=scope_for(request.user, MANAGE), pk=pk)
    form = _form(request, activity)
    form.fields["organiser"].disabled = True
    if request.method == "POST" and form.is_valid() and call_service(
            form, activity_edit, actor=request.user, activity=activity, data=form.data_for_service()) is not None:
        messages.success(request, _("活动已修改。"))
        return redirect("web:activity", activity.pk)
    return render(request, "activities/form.html", {"form": form, "activity": activity},
                  status=400 if form.is_bound and form.errors else 200)


@needs_any(*PERMS)
@not_found_as_404
def activity_page(request: HttpRequest, pk: int) -> HttpResponse:
    activity = activity_get(scope=scope_for(request.user, VIEW), pk=pk)
    tab = request.GET.get("tab", "places")
    status = {"places": "", "waiting": SignUpStatus.WAITING}.get(tab, "")
    rows = signup_list(activity=activity, status=status)
    if tab == "places":
        rows = rows.exclude(status__in=(SignUpStatus.WAITING, SignUpStatus.CANCELLED))
    return render(request, "activities/detail.html", {
        "activity": activity, "tab": tab, "tabs": TABS, "page": paginate(request, rows, 50),
        "may_manage": scope_for(request.user, MANAGE).covers(activity.org_path),
        "events": list(activity_events(activity)[:30]), "cancel_form": CancelForm(), "S": ActivityStatus,
        "ended": activity.ends_at <= timezone.now(), "export_query": f"activity={activity.pk}"})


STEPS: dict[str, Any] = {
    "publish": (activity_publish, _("活动已发布，会员可以报名了。")),
    "finish": (activity_finish, _("活动已结束，未签到的已记为未到。")),
    "rotate": (activity_rotate_checkin, _("已更换签到码，请重新打印现场签到码。")),
}


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def activity_act(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    activity = activity_get(scope=scope_for(request.user, VIEW), pk=pk)
    if step == "cancel":
        form = CancelForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("请填写取消原因。"))
        elif call_service_or_message(request, activity_cancel, actor=request.user, activity=activity,
                                     reason=form.cleaned_data["reason"]) is not None:
            messages.success(request, _("活动已取消，已短信告知已报名和候补的人。"))
    elif step in STEPS:
        service, done = STEPS[step]
        if call_service_or_message(request, service, actor=request.user, activity=activity) is not None:
            messages.success(request, done)
    return redirect("web:activity", activity.pk)


@needs_any(MANAGE)
@not_found_as_404
@require_POST
def signup_check_in_view(request: HttpRequest, pk: int) -> HttpResponse:
    signup = signup_get(scope=scope_for(request.user, VIEW), pk=pk)
    if call_service_or_message(request, signup_check_in_by_staff, actor=request.user, signup=signup) is not None:
        messages.success(request, _("%(name)s已签到。") % {"name": signup.name})
    return redirect(reverse("web:activity", args=[signup.activity_id]) + "?tab=all")


def checkin_url(request: HttpRequest, activity: Activity) -> str:
    # Printed codes must carry the public address even when the console runs on an internal host.
    base = settings.GONGHUI_PORTAL_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    return base + reverse("portal:activity_checkin", args=[activity.pk, checkin_token(activity)])


@needs_any(*PERMS)
@not_found_as_404
def activity_door_page(request: HttpRequest, pk: int) -> HttpResponse:
    """An A4 poster for the door: the activity, a big QR code and how to check in."""
    activity = activity_get(scope=scope_for(request.user, VIEW), pk=pk)
    url = checkin_url(request, activity)
    return render(request, "activities/door.html", {"activity": activity, "qr": qr_data_uri(url, scale=14),
                                                    "link": url})


@needs_any(*PERMS)
@read_only
def activity_figures_page(request: HttpRequest) -> HttpResponse:
    unions = union_choices(request, VIEW)
    form = FiguresForm(request.GET or None, unions=unions)
    f = form.values()
    root = None
    if f.get("root"):
        root = union_from_choice(request, VIEW, f["root"])
    elif unions:
        root = home_union(request, VIEW)
    figures = None
    if root is not None:
        figures = activity_figures(scope=scope_for(request.user, VIEW), root=root, start=f.get("start"),
                                   end=f.get("end"), kind=f.get("kind", ""))
    return render(request, "activities/figures.html", {"form": form, "root": root, "figures": figures,
                                                       "start": f.get("start"), "end": f.get("end")})

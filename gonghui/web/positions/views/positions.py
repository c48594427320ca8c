"""服务阵地 in the console: the list with its filters, registering and editing a position, its page
(hours, services, 年检, visits by month, photos, QR code, timeline) with the steps the viewer may take."""

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from gonghui.core.errors import DomainError
from gonghui.orgs.selectors import employer_get
from gonghui.positions.choices import TRANSITIONS, PositionAction, PositionStatus
from gonghui.positions.geo.display import map_config
from gonghui.positions.geo.gcj02 import wgs_to_gcj
from gonghui.positions.hours import format_minutes, parse_time, parse_week_text, spans_text, week_text
from gonghui.positions.models import ServicePosition
from gonghui.positions.selectors import (
    position_events,
    position_exceptions,
    position_get,
    position_hours,
    position_is_open,
    position_list,
    visits_by_month,
)
from gonghui.positions.services.positions import (
    position_create,
    position_edit,
    position_inspect,
    position_photo_add,
    position_set_exception,
    position_set_hours,
    position_set_status,
)
from gonghui.web.common.forms import add_refusal, call_service
from gonghui.web.common.unions import union_choices, union_from_choice
from gonghui.web.common.views import needs_any, not_found_as_404, paginate
from gonghui.web.positions import forms as f
from gonghui.web.positions.views.common import (
    MANAGE,
    PERMS,
    area_in_scope,
    checkin_qr_svg,
    checkin_url,
    employer_choices,
    kind_choices,
    manage_scope,
    service_choices,
    studio_choices,
    view_scope,
)

STATUS_STEPS = {PositionAction.SUSPEND: PositionStatus.SUSPENDED, PositionAction.REOPEN: PositionStatus.OPEN,
                PositionAction.CLOSE: PositionStatus.CLOSED}
STEPS: dict[str, tuple[type[forms.Form], Any, Any]] = {
    "hours": (f.HoursForm, _("设置开放时间"), _("已保存开放时间。")),
    "exception": (f.ExceptionForm, _("特殊日期"), _("已保存特殊日期安排。")),
    "inspect": (f.InspectForm, _("登记年检"), _("已登记年检。")),
    "photo": (f.PhotoForm, _("上传照片"), _("已上传照片。")),
    "suspend": (f.StatusForm, _("暂停开放"), _("服务阵地已暂停。")),
    "reopen": (f.StatusForm, _("恢复开放"), _("服务阵地已恢复开放。")),
    "close": (f.StatusForm, _("关闭"), _("服务阵地已关闭。")),
}


@needs_any(*PERMS)
def position_list_page(request: HttpRequest) -> HttpResponse:
    form = f.PositionFilterForm(request.GET or None, kinds=kind_choices(), services=service_choices())
    d = form.cleaned_data if form.is_valid() else {}
    division = area_in_scope(request, d["division"]) if d.get("division") else ""
    rows = position_list(scope=view_scope(request), kind=d.get("kind", ""), status=d.get("status", ""),
                         service=d.get("service", ""), division=division, idle=bool(d.get("idle")),
                         query=d.get("q", ""))
    query = request.GET.copy()
    for name in ("view", "page"):
        query.pop(name, None)
    return render(request, "positions/list.html", {
        "form": form, "page": paginate(request, rows, per_page=30), "today": timezone.localdate(),
        "can_manage": not manage_scope(request).is_empty, "show_map": request.GET.get("view") == "map",
        "list_query": query.urlencode(), "map": map_config()})


def _form(request: HttpRequest, data: Any = None, initial: dict[str, Any] | None = None) -> f.PositionForm:
    return f.PositionForm(data, initial=initial, kinds=kind_choices(), services=service_choices(),
                          unions=union_choices(request, MANAGE), employers=employer_choices(request),
                          studios=studio_choices(request))


def _values(request: HttpRequest, form: f.PositionForm) -> dict[str, Any] | None:
    d = dict(form.cleaned_data)
    if d.get("host_employer"):
        d["host_employer"] = call_service(form, employer_get, scope=manage_scope(request), pk=d["host_employer"])
        if d["host_employer"] is None:
            return None
    return d


@needs_any(MANAGE)
def position_new_page(request: HttpRequest) -> HttpResponse:
    form = _form(request, request.POST or None, {"opened_on": timezone.localdate(), "datum": "gcj02",
                                                 "kind": "station"})
    if request.method == "POST" and form.is_valid():
        d = _values(request, form)
        owner = d and call_service(form, union_from_choice, request=request, permission=MANAGE, pk=d["owner"])
        done = owner and call_service(form, position_create, actor=request.user, owner=owner, data=d)
        if done:
            messages.success(request, _("已登记服务阵地。请设置开放时间。"))
            return redirect("web:positions_detail", done.pk)
    return render(request, "positions/form.html", {"form": form, "title": _("登记服务阵地")},
                  status=400 if form.errors else 200)


@needs_any(MANAGE)
@not_found_as_404
def position_edit_page(request: HttpRequest, pk: int) -> HttpResponse:
    position = position_get(scope=manage_scope(request), pk=pk)
    g_lat, g_lng = wgs_to_gcj(float(position.lat), float(position.lng))
    initial = {**{k: getattr(position, k) for k in (
        "name", "place_name", "address", "contact_name", "contact_phone", "facilities", "area_m2", "star_level",
        "rating_level", "rating_year", "opened_on", "version")},
        "kind": position.kind_id, "owner": position.owner_id, "host_employer": position.host_employer_id,
        "studio": position.studio_id,
        "region": position.region_id, "lat": f"{g_lat:.6f}", "lng": f"{g_lng:.6f}", "datum": "gcj02",
        "services": [s.code for s in position.services.all()]}
    form = _form(request, request.POST or None, initial)
    form.fields["owner"].disabled = True
    if request.method == "POST" and form.is_valid():
        d = _values(request, form)
        if d is not None:
            d.pop("owner")
            version = d.pop("version")
            done = call_service(form, position_edit, actor=request.user, position=position, data=d, version=version)
            if done:
                messages.success(request, _("已保存。"))
                return redirect("web:positions_detail", pk)
    return render(request, "positions/form.html", {"form": form, "title": _("修改服务阵地"), "position": position},
                  status=400 if form.errors else 200)


def _steps(position: ServicePosition, may_manage: bool) -> list[str]:
    if not may_manage or position.status == PositionStatus.CLOSED:
        return []
    moves = [a for a, to in STATUS_STEPS.items() if to in TRANSITIONS[position.status]]
    return ["hours", "exception", "inspect", "photo", *moves]


def _blank(position: ServicePosition, action: str) -> forms.Form:
    today = timezone.localdate()
    initial = {"version": position.version, "day": today, "inspected_on": today, "year": today.year,
               "hours": spans_text(position_hours(position))}
    return STEPS[action][0](initial=initial, auto_id=f"id_{action}_%s")


def render_position(request: HttpRequest, position: ServicePosition, failed: tuple[str, forms.Form] | None = None
                    ) -> HttpResponse:
    actions = _steps(position, manage_scope(request).covers(position.org_path))
    steps = [(a, STEPS[a][1], failed[1] if failed and failed[0] == a else _blank(position, a)) for a in actions]
    g_lat, g_lng = wgs_to_gcj(float(position.lat), float(position.lng))
    months = visits_by_month(position=position, months=12)
    return render(request, "positions/detail.html", {
        "p": position, "steps": steps, "open_action": failed[0] if failed else "", "gcj": (g_lat, g_lng),
        "week": week_text(position_hours(position)), "is_open": position_is_open(position),
        "exceptions": [(e, format_minutes(e.opens) if e.opens is not None else "",
                        format_minutes(e.closes) if e.closes is not None else "")
                       for e in position_exceptions(position, since=timezone.localdate())],
        "services": list(position.services.all()), "inspections": list(position.inspections.all()),
        "photos": list(position.photos.all()), "months": months, "month_max": max([n for _m, n in months] or [0]),
        "events": list(position_events(position=position)), "qr": checkin_qr_svg(request, position, scale=4),
        "checkin_link": checkin_url(request, position)}, status=400 if failed else 200)


@needs_any(*PERMS)
@not_found_as_404
def position_page(request: HttpRequest, pk: int) -> HttpResponse:
    return render_position(request, position_get(scope=view_scope(request), pk=pk))


def _do(request: HttpRequest, position: ServicePosition, action: str, form: forms.Form) -> Any:
    d, user = form.cleaned_data, request.user
    if action == "hours":
        try:
            spans = parse_week_text(d["hours"])
        except DomainError as exc:
            add_refusal(form, exc)
            return None
        return call_service(form, position_set_hours, actor=user, position=position, spans=spans,
                            version=d["version"])
    if action == "exception":
        try:
            opens = None if d["closed"] or d["remove"] else parse_time(d["opens"], field="opens")
            closes = None if d["closed"] or d["remove"] else parse_time(d["closes"], field="closes", end=True)
        except DomainError as exc:
            add_refusal(form, exc)
            return None
        call_service(form, position_set_exception, actor=user, position=position, day=d["day"], closed=d["closed"],
                     opens=opens, closes=closes, note=d["note"], remove=d["remove"])
        return not form.errors
    if action == "inspect":
        return call_service(form, position_inspect, actor=user, position=position, year=d["year"],
                            inspected_on=d["inspected_on"], result=d["result"], findings=d["findings"],
                            rectify_by=d["rectify_by"], inspector=d["inspector"])
    if action == "photo":
        return call_service(form, position_photo_add, actor=user, position=position, upload=d["file"],
                            caption=d["caption"])
    return call_service(form, position_set_status, actor=user, position=position, action=action,
                        reason=d["reason"], version=d["version"])


@require_POST
@needs_any(MANAGE)
@not_found_as_404
def position_act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in STEPS:
        raise Http404
    position = position_get(scope=view_scope(request), pk=pk)
    form = STEPS[action][0](request.POST, request.FILES, auto_id=f"id_{action}_%s")
    if form.is_valid() and _do(request, position, action, form):
        messages.success(request, STEPS[action][2])
        return redirect("web:positions_detail", pk)
    return render_position(request, position, (action, form))


@needs_any(*PERMS)
@not_found_as_404
def position_qr_print(request: HttpRequest, pk: int) -> HttpResponse:
    """An A5 card to put at the door: the position's name, its QR code and how to check in."""
    position = position_get(scope=view_scope(request), pk=pk)
    return render(request, "positions/qr_print.html", {
        "p": position, "qr": checkin_qr_svg(request, position, scale=12), "link": checkin_url(request, position)})

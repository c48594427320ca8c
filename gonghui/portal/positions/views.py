"""附近的服务站点 and 扫码签到 on the portal, open to anyone.

Near me: the browser's geolocation (WGS-84, as the W3C API gives it) fills the form, or the worker picks
a district and its centroid stands in. The route link opens AMap's URI API (uri.amap.com, which hands
over to the AMap app when installed and is a web map otherwise) with the GCJ-02 point AMap expects.
Check-in: the QR code's signed token; a signed-in worker checks in at once, a guest proves the phone
with the portal's SMS code."""

from dataclasses import dataclass
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from gonghui.core.errors import DomainError, NotFound
from gonghui.core.middleware import uses_geolocation
from gonghui.core.request_context import client_ip
from gonghui.orgs.selectors import region_labels
from gonghui.portal.common import session
from gonghui.portal.common.forms import add_errors
from gonghui.portal.common.guest import GuestPhoneForm, send_guest_code
from gonghui.portal.positions.forms import CheckInForm, NearForm
from gonghui.positions.geo.display import map_config, shown
from gonghui.positions.geo.gcj02 import gcj_to_wgs
from gonghui.positions.geo.places import county_centroid
from gonghui.positions.geo.route import route_url
from gonghui.positions.hours import week_text
from gonghui.positions.models import ServicePosition
from gonghui.positions.selectors import (
    Nearby,
    districts_with_positions,
    kinds,
    nearest_open,
    position_hours,
    position_is_open,
)
from gonghui.positions.services.visits import position_of_token, visit_check_in, visit_check_in_as_guest

DEFAULT_KIND = "station"
SHOWN = 10
CHECKED_IN = "gonghui_portal_position_checked_in"


@dataclass(frozen=True)
class Row:
    near: Nearby
    distance: str
    route: str


def _distance(metres: float) -> str:
    return _("%(n)d米") % {"n": round(metres / 10) * 10} if metres < 1000 else _("%(n).1f公里") % {"n": metres / 1000}


@uses_geolocation
def nearby(request: HttpRequest) -> HttpResponse:
    kind_rows = [(k.code, k.short_name or k.name) for k in kinds()]
    kind = request.GET.get("kind") or DEFAULT_KIND
    codes = districts_with_positions(kind=kind) if kind in dict(kind_rows) else []
    labels = region_labels(codes)
    form = NearForm(request.GET or None, initial={"kind": DEFAULT_KIND}, kinds=kind_rows,
                    districts=[(c, labels.get(c, c)) for c in codes])
    rows: list[Row] = []
    where = ""
    drawn: dict[str, Any] = {}
    asked = form.is_bound and form.is_valid()
    if asked:
        d = form.cleaned_data
        point = None
        if d.get("lat") is not None and d.get("lng") is not None:
            point, where = (d["lat"], d["lng"]), _("您的位置")
        elif d.get("district"):
            centroid = county_centroid(d["district"])
            if centroid is not None:
                point, where = gcj_to_wgs(centroid.lat, centroid.lng), labels.get(d["district"], "")
        if point is not None:
            found = nearest_open(kind=d["kind"], lat=point[0], lng=point[1], limit=SHOWN, include_closed=True)
            rows = [Row(n, _distance(n.distance_m), route_url(n.position)) for n in found]
            drawn = _map_points(rows, point)
        else:
            asked = False
    return render(request, "portal/positions/nearby.html", {
        "form": form, "rows": rows, "asked": asked, "where": where, "worker": session.current_worker(request),
        "map_points": drawn, "map": map_config()})


def _map_points(rows: list[Row], here: tuple[float, float]) -> dict[str, Any]:
    """The list's stations and the asked point, as the map above the list draws them."""
    points = []
    for row in rows:
        lat, lng = shown(row.near.position.lat, row.near.position.lng)
        points.append({"name": row.near.position.name, "lat": lat, "lng": lng, "distance": row.distance,
                       "url": row.route})
    lat, lng = shown(*here)
    return {"points": points, "here": {"lat": lat, "lng": lng}}


def _position(token: str) -> ServicePosition:
    try:
        return position_of_token(token)
    except NotFound:
        raise Http404() from None


def checkin(request: HttpRequest, token: str) -> HttpResponse:
    position = _position(token)
    worker = session.current_worker(request)
    services = [(s.code, s.name) for s in position.services.all()]
    form = CheckInForm(request.POST or None, services=services)
    guest = None if worker else GuestPhoneForm(request.POST or None)
    if request.method == "POST":
        if guest is not None and "send_code" in request.POST:
            send_guest_code(request, guest)
            form = CheckInForm(initial={k: request.POST.get(k, "") for k in CheckInForm.base_fields},
                               services=services)
        else:
            content_ok = form.is_valid()
            phone_ok = guest is None or guest.is_valid()
            if guest is not None and phone_ok and not guest.cleaned_data.get("code"):
                guest.add_error("code", _("请先获取并填写短信验证码。"))
                phone_ok = False
            if content_ok and phone_ok:
                d = form.cleaned_data
                kw = {"token": token, "service": d["service"], "rating": d["rating"], "note": d["note"]}
                try:
                    if worker is not None:
                        visit_check_in(worker=worker, **kw)
                    else:
                        assert guest is not None
                        phone = guest.cleaned_data["phone"]
                        visit_check_in_as_guest(phone=phone, code=guest.cleaned_data.get("code", ""),
                                                ip=client_ip(request), **kw)
                        session.sign_in(request, phone)
                except DomainError as exc:
                    add_errors(exc, form, *([guest] if guest is not None else []))
                else:
                    request.session[CHECKED_IN] = position.pk
                    return redirect("portal:positions_checked_in", token)
    failed = request.method == "POST" and "send_code" not in request.POST and (
        form.errors or (guest is not None and guest.errors))
    return render(request, "portal/positions/checkin.html", {
        "p": position, "form": form, "guest": guest, "worker": worker, "is_open": position_is_open(position),
        "week": week_text(position_hours(position)), "route": route_url(position)}, status=400 if failed else 200)


def checked_in(request: HttpRequest, token: str) -> HttpResponse:
    position = _position(token)
    if request.session.get(CHECKED_IN) != position.pk:
        return redirect("portal:positions_checkin", token)
    return render(request, "portal/positions/checked_in.html", {
        "p": position, "today": timezone.localdate(), "worker": session.current_worker(request)})

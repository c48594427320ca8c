"""What every 服务阵地 endpoint shares: the caller's scopes, the error statuses it lists, the loaders
(another union's position answers like a missing one) and the shapes a position leaves in."""

from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Path

from gonghui.api.common.errors import READ_ERRORS, WRITE_ERRORS
from gonghui.api.common.schemas import MAX_ID, ErrorOut
from gonghui.core.audit import actor_shown
from gonghui.core.errors import NotFound, PermissionDenied
from gonghui.core.permissions import Perm
from gonghui.orgs.models import Employer
from gonghui.orgs.scope import Scope, scope_for
from gonghui.orgs.selectors import employer_get
from gonghui.positions import selectors
from gonghui.positions.geo.gcj02 import wgs_to_gcj
from gonghui.positions.hours import format_minutes
from gonghui.positions.models import ServicePosition
from gonghui.positions.services.visits import checkin_token

PathId = Annotated[int, Path(ge=1, le=MAX_ID)]
READ: dict[Any, Any] = {READ_ERRORS | {400, 403}: ErrorOut}
WRITE: dict[Any, Any] = {WRITE_ERRORS: ErrorOut}
# The services' field names → the keys a client sends.
RENAMED = {"host_employer": "host_employer_id", "studio": "studio_id", "owner": "union_id", "exception": "day"}


def view_scope(request: HttpRequest) -> Scope:
    return scope_for(request.user, Perm.POSITION_VIEW)


def list_scope(request: HttpRequest) -> Scope:
    """A list for someone who holds the permission nowhere is a refusal, not an empty page."""
    scope = view_scope(request)
    if scope.is_empty:
        raise PermissionDenied()
    return scope


def load_position(request: HttpRequest, pk: int) -> ServicePosition:
    return selectors.position_get(scope=view_scope(request), pk=pk)


def load_employer(request: HttpRequest, pk: int | None) -> Employer | None:
    if pk is None:
        return None
    try:
        return employer_get(scope=view_scope(request), pk=pk)
    except NotFound:
        raise NotFound(field="host_employer_id") from None


def position_out(p: ServicePosition) -> dict[str, Any]:
    return {"id": p.pk, "name": p.name, "kind": {"code": p.kind_id, "name": p.kind.name}, "status": p.status,
            "status_label": str(p.get_status_display()), "owner": {"id": p.owner_id, "name": p.owner.name},
            "region": p.region_id, "region_name": p.region.name, "address": p.address, "place_name": p.place_name,
            "lat": str(p.lat), "lng": str(p.lng), "star_level": p.star_level, "opened_on": p.opened_on,
            "last_visit_on": p.last_visit_on, "version": p.version}


def checkin_url(request: HttpRequest, p: ServicePosition) -> str:
    # What the printed code carries: the public portal address even when the API runs on an internal host.
    base = settings.GONGHUI_PORTAL_BASE_URL or request.build_absolute_uri("/").rstrip("/")
    return base + reverse("portal:positions_checkin", args=[checkin_token(p)])


def position_detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    p = load_position(request, pk)
    g_lat, g_lng = wgs_to_gcj(float(p.lat), float(p.lng))
    host = p.host_employer
    return {
        **position_out(p), "host_employer": {"id": host.pk, "name": host.name} if host is not None else None,
        "studio": {"id": p.studio.pk, "name": p.studio.name} if p.studio is not None else None,
        "gcj02_lat": f"{g_lat:.6f}", "gcj02_lng": f"{g_lng:.6f}", "contact_name": p.contact_name,
        "contact_phone": p.contact_phone, "facilities": p.facilities, "area_m2": p.area_m2,
        "services": [{"code": s.code, "name": s.name} for s in p.services.all()],
        "rating_level": p.rating_level, "rating_year": p.rating_year, "open_now": selectors.position_is_open(p),
        "hours": [{"weekday": s.weekday, "opens": format_minutes(s.opens), "closes": format_minutes(s.closes)}
                  for s in selectors.position_hours(p)],
        "exceptions": [{"day": e.day, "closed": e.closed, "note": e.note,
                        "opens": format_minutes(e.opens) if e.opens is not None else None,
                        "closes": format_minutes(e.closes) if e.closes is not None else None}
                       for e in selectors.position_exceptions(p, since=timezone.localdate())],
        "inspections": [{"id": i.pk, "year": i.year, "inspected_on": i.inspected_on, "result": i.result,
                         "result_label": str(i.get_result_display()), "findings": i.findings,
                         "rectify_by": i.rectify_by, "inspector": i.inspector} for i in p.inspections.all()],
        "photos": [{"id": ph.pk, "name": ph.name, "caption": ph.caption, "content_type": ph.content_type,
                    "size": ph.size} for ph in p.photos.all()],
        "checkin_url": checkin_url(request, p),
        "events": [{"action": e.action, "action_label": str(e.get_action_display()), "old_status": e.old_status,
                    "new_status": e.new_status, "actor": actor_shown(e.actor_label), "note": e.note, "at": e.at}
                   for e in selectors.position_events(position=p)],
    }

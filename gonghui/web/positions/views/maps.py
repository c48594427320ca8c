"""15分钟服务圈 and the maps of the console: the gap list with the rows behind its figures, and the JSON
the maps draw (the filtered position list; the stations with their walking circles and the counties
with a gap), each scoped as the page it belongs to."""

from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _

from gonghui.core.permissions import Perm
from gonghui.orgs.scope import scope_for
from gonghui.positions.coverage import (
    GAP_NONE,
    GAP_THIN,
    STATION_KINDS,
    WALK_RADIUS_M,
    WORKERS_PER_STATION,
    area_employers,
    coverage,
    flatten,
    prefix_of,
    station_points,
)
from gonghui.positions.geo.display import map_config, shown
from gonghui.positions.geo.gcj02 import gcj_to_wgs
from gonghui.positions.geo.places import county_centroid
from gonghui.positions.selectors import position_list
from gonghui.web.common.views import needs_any
from gonghui.web.positions import forms as f
from gonghui.web.positions.views.common import PERMS, area_in_scope, kind_choices, service_choices, view_scope

# The map draws at most this many markers; the list beside it pages through all of them.
MAP_LIMIT = 5_000
SORTS = ("", "workers", "stations", "per_station", "code")
# The map's mark for a county whose own totals are covered but some of whose towns are not.
GAP_TOWNS = "towns"


def _division(request: HttpRequest) -> str:
    return area_in_scope(request, request.GET.get("division", ""))


@needs_any(*PERMS)
def positions_map_json(request: HttpRequest) -> JsonResponse:
    """The list page's filtered rows as map points (drawn coordinates), at most MAP_LIMIT."""
    form = f.PositionFilterForm(request.GET or None, kinds=kind_choices(), services=service_choices())
    d = form.cleaned_data if form.is_valid() else {}
    division = area_in_scope(request, d["division"]) if d.get("division") else ""
    rows = position_list(scope=view_scope(request), kind=d.get("kind", ""), status=d.get("status", ""),
                         service=d.get("service", ""), division=division, idle=bool(d.get("idle")),
                         query=d.get("q", ""))
    total = rows.count()
    points = []
    for pk, name, kind, status, lat, lng in rows.values_list("pk", "name", "kind__name", "status", "lat",
                                                             "lng")[:MAP_LIMIT]:
        y, x = shown(lat, lng)
        points.append({"id": pk, "name": name, "kind": kind, "status": status, "lat": y, "lng": x,
                       "url": reverse("web:positions_detail", args=[pk])})
    note = _("地图显示前 %(n)s 处，列表列出全部。") % {"n": MAP_LIMIT} if total > MAP_LIMIT else ""
    return JsonResponse({"total": total, "shown": len(points), "points": points, "note": note})


@needs_any(*PERMS)
def coverage_page(request: HttpRequest) -> HttpResponse:
    division = _division(request)
    sort = request.GET.get("sort", "")
    sort = sort if sort in SORTS else ""
    counties = coverage(scope=view_scope(request), division=division)
    return render(request, "positions/coverage.html", {
        "rows": flatten(counties, sort=sort), "sort": sort, "division": division,
        "radius": WALK_RADIUS_M, "norm": WORKERS_PER_STATION, "station_kind": STATION_KINDS[0],
        "totals": {"workers": sum(c.workers for c in counties), "stations": sum(c.stations for c in counties),
                   "gaps": sum(c.gap in (GAP_NONE, GAP_THIN) for c in counties),
                   "town_gaps": sum(t.gap in (GAP_NONE, GAP_THIN) for c in counties for t in c.towns)},
        "map": map_config(), "may_open_area": _sees_employers(request)})


def _sees_employers(request: HttpRequest) -> bool:
    # The rows behind a figure name employers and unions: org.view data, not the positions' own.
    return not scope_for(request.user, Perm.ORG_VIEW).is_empty


@needs_any(*PERMS)
def coverage_area_page(request: HttpRequest, code: str) -> HttpResponse:
    """The rows behind an area's workers figure: the employers (or, with no employer on file, the unions)
    of its outdoor and 新就业形态 workers, with how many each."""
    if not _sees_employers(request):
        raise PermissionDenied
    rows = area_employers(scope=view_scope(request), division=area_in_scope(request, code)) if prefix_of(code) else []
    return render(request, "positions/coverage_area.html", {
        "code": code, "rows": rows, "total": sum(r[2] for r in rows), "station_kind": STATION_KINDS[0]})


@needs_any(*PERMS)
def coverage_map_json(request: HttpRequest) -> JsonResponse:
    """The coverage layer: each open station with its walking circle, and each county with a gap at its
    centroid (we hold no boundaries), both as drawn coordinates."""
    scope = view_scope(request)
    division = _division(request)
    stations = []
    for pk, name, lat, lng, idle in station_points(scope=scope, division=division, limit=MAP_LIMIT):
        y, x = shown(lat, lng)
        stations.append({"id": pk, "name": name, "lat": y, "lng": x, "idle": idle,
                         "url": reverse("web:positions_detail", args=[pk])})
    gaps = []
    for county in coverage(scope=scope, division=division):
        centre = county_centroid(county.code)
        # Towns have no coordinates: a gap town is marked on its county, which is marked even when the
        # county's own totals look covered (its station may stand in another town).
        towns = [{"code": t.code, "name": t.name, "gap": t.gap, "label": str(t.gap_label), "workers": t.workers,
                  "url": reverse("web:positions_coverage_area", args=[t.code])}
                 for t in county.towns if t.gap in (GAP_NONE, GAP_THIN)]
        own_gap = county.gap in (GAP_NONE, GAP_THIN)
        if not (own_gap or towns) or centre is None:
            continue
        y, x = shown(*gcj_to_wgs(centre.lat, centre.lng))
        label = county.gap_label if own_gap else _("%(n)s个乡镇（街道）存在缺口") % {"n": len(towns)}
        # The marker's accessible name holds the figure it shows (the county's workers).
        said = _("%(area)s：%(label)s，户外及新就业形态职工 %(n)s 人") % {
            "area": county.name, "label": label, "n": county.workers}
        gaps.append({"code": county.code, "name": county.name, "gap": county.gap if own_gap else GAP_TOWNS,
                     "label": str(label), "said": said, "workers": county.workers, "stations": county.stations,
                     "lat": y, "lng": x,
                     "url": reverse("web:positions_coverage_area", args=[county.code]), "towns": towns})
    return JsonResponse({"radius_m": WALK_RADIUS_M, "stations": stations, "gaps": gaps})

"""15分钟服务圈: for each county and town of an area, the outdoor and 新就业形态 workers registered there
against the open 户外劳动者服务站点 (工会驿站) standing there, so a federation sees where to build next.

What we hold decides what the figures can mean (docs/decisions.md, "15分钟服务圈"):
- a worker's place is the division of their workplace (the employer's 行政区划), or, with no employer on
  file (most riders and drivers join through a union, not an employer), the division of their union;
  a place known only to the county is counted at the county, in `town_unknown`, never guessed to a town;
- a station's place is its stated division; its walking circle (WALK_RADIUS_M) is drawn on the map, since
  we hold no worker coordinates finer than the town and cannot say which worker lies inside which circle;
- a gap is an area with workers and no open station (`none`), or more than WORKERS_PER_STATION per
  station (`thin`); an area with stations and no registered worker is `idle` (possibly serving people
  we do not register, so it is shown, not judged).

Counts are two grouped queries (workers by place, stations by place) whatever the number of members.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import BooleanField, CharField, Count, ExpressionWrapper, Q, QuerySet
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from gonghui.core.errors import NotFound
from gonghui.members.choices import LIVE_STATUSES, EmploymentForm
from gonghui.members.models import Member
from gonghui.orgs.models import Region, TradeUnion
from gonghui.orgs.scope import Scope
from gonghui.positions.choices import PositionStatus
from gonghui.positions.models import ServicePosition
from gonghui.positions.selectors import idle_q

# About 15 minutes on foot at 4 km/h; the circle drawn round each station on the coverage map.
WALK_RADIUS_M = 1_000
# 户外劳动者服务站点 / 工会驿站: the kinds whose coverage is measured.
STATION_KINDS = ("station",)
# More workers per open station than this and the area is listed as thin.
WORKERS_PER_STATION = 500

GAP_NONE, GAP_THIN, GAP_IDLE, GAP_OK = "none", "thin", "idle", "ok"
GAP_LABELS = {GAP_NONE: _("有职工无站点"), GAP_THIN: _("站点不足"), GAP_IDLE: _("有站点无登记职工"),
              GAP_OK: _("已覆盖")}
GAP_ORDER = {GAP_NONE: 0, GAP_THIN: 1, GAP_IDLE: 2, GAP_OK: 3}


def workers_q() -> Q:
    """新就业形态 workers (any group: riders, couriers, drivers …) and any member with a 新就业形态 group."""
    return Q(status__in=LIVE_STATUSES) & (Q(employment_form=EmploymentForm.NEW_FORM) | ~Q(new_form_group=""))


@dataclass
class Area:
    code: str
    name: str
    level: int  # Region.RegionLevel: 3 county, 4 town
    workers: int = 0
    # County rows only: the workers whose place is known to the county and not to a town.
    town_unknown: int = 0
    stations: int = 0
    idle_stations: int = 0
    towns: list["Area"] = field(default_factory=list)

    @property
    def per_station(self) -> int | None:
        return round(self.workers / self.stations) if self.stations else None

    @property
    def gap(self) -> str:
        if self.workers and not self.stations:
            return GAP_NONE
        if self.stations and self.workers > self.stations * WORKERS_PER_STATION:
            return GAP_THIN
        if self.stations and not self.workers:
            return GAP_IDLE
        return GAP_OK

    @property
    def gap_label(self) -> Any:
        return GAP_LABELS[self.gap]


def prefix_of(division: str) -> str:
    """A province (51xxxx → 51), city (5101xx → 5101), county (6) or town (9) code as a place prefix."""
    if len(division) == 6 and division.isdigit():
        return division[:2] if division.endswith("0000") else division[:4] if division.endswith("00") else division
    return division if division.isdigit() and len(division) == 9 else ""


def division_in_scope(*, scope: Scope, division: str) -> bool:
    """Whether an area asked for by code is the viewer's: it holds a union or a position in scope, or lies
    inside the area of one of the viewer's top unions. Another county answers as any out-of-scope read: not found."""
    prefix = prefix_of(division)
    if not prefix or scope.everything:
        return bool(prefix)
    unions = TradeUnion.objects.visible_to(scope)
    if (unions.filter(region__adcode__startswith=prefix).exists()
            or ServicePosition.objects.visible_to(scope).filter(region__adcode__startswith=prefix).exists()):
        return True
    tops = unions.filter(path__in=scope.roots).exclude(region_id=None).values_list("region_id", flat=True)
    return any(prefix.startswith(prefix_of(code) or code) for code in tops)


def area_filter(*, scope: Scope, division: str) -> str:
    """The area a list, map or export is narrowed to: "" when what was given is not a division code
    (the whole scope); another county's code is NotFound, as every out-of-scope read, never an empty
    list or sheet."""
    if not prefix_of(division):
        return ""
    if not division_in_scope(scope=scope, division=division):
        raise NotFound()
    return division


def _workers(scope: Scope, prefix: str) -> QuerySet[Any]:
    rows = (Member.objects.visible_to(scope).filter(workers_q())
            .annotate(place=Coalesce("employer__region_id", "union__region_id", output_field=CharField())))
    if prefix:
        rows = rows.filter(place__startswith=prefix)
    return rows


def _stations(scope: Scope, prefix: str) -> QuerySet[ServicePosition]:
    rows = ServicePosition.objects.visible_to(scope).filter(kind_id__in=STATION_KINDS, status=PositionStatus.OPEN)
    if len(prefix) == 9:
        return rows.filter(region_id=prefix)
    return rows.filter(county_code__startswith=prefix) if prefix else rows


def coverage(*, scope: Scope, division: str = "", today: datetime.date | None = None) -> list[Area]:
    """The counties of the area (the scope's whole subtree, or within `division`), each with its towns,
    gaps first (none, thin, idle), then by workers, most first."""
    prefix = prefix_of(division)
    today = today or timezone.localdate()
    workers: dict[str, int] = defaultdict(int)
    for place, n in _workers(scope, prefix).values_list("place").annotate(n=Count("pk")).order_by():
        if place:
            workers[place] += n
    stations: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for place, n, idle in (_stations(scope, prefix).values_list("region_id").order_by()
                           .annotate(n=Count("pk"), idle=Count("pk", filter=idle_q(today)))):
        stations[place][0] += n
        stations[place][1] += idle
    places = set(workers) | set(stations)
    counties = {p[:6] for p in places if len(p) >= 6}
    names = dict(Region.objects.filter(adcode__in=counties | {p for p in places if len(p) == 9})
                 .values_list("adcode", "name"))
    out: dict[str, Area] = {c: Area(c, names.get(c, c), Region.RegionLevel.COUNTY) for c in counties}
    towns: dict[str, Area] = {}
    for place in places:
        if len(place) < 6:
            continue
        county = out[place[:6]]
        n, (s, idle) = workers.get(place, 0), stations.get(place, (0, 0))
        county.workers += n
        county.stations += s
        county.idle_stations += idle
        if len(place) == 9:
            town = towns.setdefault(place, Area(place, names.get(place, place), Region.RegionLevel.TOWN))
            town.workers, town.stations, town.idle_stations = n, s, idle
            county.towns.append(town)
        else:
            county.town_unknown += n
    for county in out.values():
        county.towns.sort(key=_order)
    return sorted(out.values(), key=_order)


def _order(area: Area) -> tuple[int, int, str]:
    return GAP_ORDER[area.gap], -area.workers, area.code


def flatten(counties: list[Area], *, sort: str = "") -> list[Area]:
    """Counties and towns as one list, each county followed by its towns; `sort` reorders the counties
    (and the towns within each) by workers, stations or per_station, descending."""
    key = {"workers": lambda a: (-a.workers, a.code), "stations": lambda a: (-a.stations, a.code),
           "per_station": lambda a: (-(a.per_station or 0), a.code), "code": lambda a: (a.code,)}.get(sort)
    ordered = sorted(counties, key=key) if key else counties
    out: list[Area] = []
    for county in ordered:
        out.append(county)
        out += sorted(county.towns, key=key) if key else county.towns
    return out


def area_employers(*, scope: Scope, division: str) -> list[tuple[Any, str, int]]:
    """The rows behind a workers figure: (employer or None, its name, workers) in the area, most first;
    None is the workers with no employer on file, placed by their union."""
    prefix = prefix_of(division)
    if not prefix:
        return []
    rows = (_workers(scope, prefix).values_list("employer_id", "employer__name", "union__name").order_by()
            .annotate(n=Count("pk")))
    grouped: dict[Any, list[Any]] = {}
    for employer_id, employer_name, union_name, n in rows:
        key = employer_id or ("union", union_name)
        entry = grouped.setdefault(key, [employer_id, employer_name or union_name, 0])
        entry[2] += n
    return sorted((tuple(v) for v in grouped.values()), key=lambda r: (-r[2], str(r[1])))  # type: ignore[misc]


def station_points(*, scope: Scope, division: str = "", limit: int = 5000) -> list[tuple[int, str, float, float, bool]]:
    """(id, name, lat, lng, idle) of the open stations of the area, for the coverage map's circles."""
    idle = ExpressionWrapper(idle_q(timezone.localdate()), output_field=BooleanField())
    rows = _stations(scope, prefix_of(division)).annotate(is_idle=idle)
    return [(pk, name, float(lat), float(lng), bool(i)) for pk, name, lat, lng, i in
            rows.values_list("pk", "name", "lat", "lng", "is_idle").order_by("pk")[:limit]]

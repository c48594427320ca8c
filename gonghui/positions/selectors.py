"""Reads of 服务阵地: the scoped list with its filters, one position with its hours, inspections,
photos and visits by month, the idle ones (no check-in for 60 days), and "near me" for the portal."""

import datetime
import math
from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncMonth
from django.utils import timezone

from gonghui.core.errors import NotFound
from gonghui.orgs.scope import Scope, get_visible
from gonghui.positions.choices import PositionStatus
from gonghui.positions.geo.distance import bbox, haversine_m
from gonghui.positions.hours import LOCAL, DayException, Span, open_at
from gonghui.positions.models import (
    PositionDayException,
    PositionEvent,
    PositionHours,
    PositionKind,
    PositionPhoto,
    PositionService,
    PositionVisit,
    ServicePosition,
)

IDLE_DAYS = 60
# Near me grows its box from 1 km, doubling, up to this radius; beyond it a station is no longer "near".
NEAR_START_M = 1_000.0
NEAR_MAX_M = 128_000.0


def kinds() -> QuerySet[PositionKind]:
    return PositionKind.objects.filter(active=True)


def services() -> QuerySet[PositionService]:
    return PositionService.objects.filter(active=True)


def idle_q(today: datetime.date) -> Q:
    """Open, in service for at least 60 days, and no check-in within them."""
    since = today - datetime.timedelta(days=IDLE_DAYS)
    return Q(status=PositionStatus.OPEN, opened_on__lte=since) & (
        Q(last_visit_on__isnull=True) | Q(last_visit_on__lt=since))


def position_list(*, scope: Scope, kind: str = "", status: str = "", service: str = "", division: str = "",
                  idle: bool = False, query: str = "", today: datetime.date | None = None
                  ) -> QuerySet[ServicePosition]:
    rows = ServicePosition.objects.visible_to(scope).select_related("kind", "owner", "region")
    if kind:
        rows = rows.filter(kind_id=kind)
    if status:
        rows = rows.filter(status=status)
    if service:
        rows = rows.filter(services__code=service)
    if len(division) == 9:
        rows = rows.filter(region_id=division)
    elif len(division) == 6:
        # A province (51), city (5101) or county (510104) code, by the stored county code.
        prefix = division[:2] if division.endswith("0000") else division[:4] if division.endswith("00") else division
        rows = rows.filter(county_code__startswith=prefix)
    if idle:
        rows = rows.filter(idle_q(today or timezone.localdate()))
    if query:
        rows = rows.filter(Q(name__contains=query) | Q(address__contains=query) | Q(place_name__contains=query))
    return rows.order_by("org_path", "name", "pk")


def position_get(*, scope: Scope, pk: Any) -> ServicePosition:
    return get_visible(ServicePosition.objects.select_related("kind", "owner", "region", "host_employer", "studio"),
                       scope, pk=pk)


def idle_count(*, scope: Scope, today: datetime.date | None = None) -> int:
    return ServicePosition.objects.visible_to(scope).filter(idle_q(today or timezone.localdate())).count()


def position_hours(position: ServicePosition) -> list[Span]:
    return [Span(h.weekday, h.opens, h.closes) for h in position.hours.all()]


def position_exceptions(position: ServicePosition, *, since: datetime.date | None = None) -> list[PositionDayException]:
    rows = position.exceptions.all()
    return list(rows.filter(day__gte=since) if since else rows)


def position_is_open(position: ServicePosition, at: datetime.datetime | None = None) -> bool:
    at = at or timezone.now()
    day = at.astimezone(LOCAL).date()
    exceptions = {e.day: DayException(e.day, e.closed, e.opens, e.closes)
                  for e in position.exceptions.filter(day__in=[day, day - datetime.timedelta(days=1)])}
    return position.status == PositionStatus.OPEN and open_at(position_hours(position), exceptions, at)


def position_events(*, position: ServicePosition) -> QuerySet[PositionEvent]:
    return position.events.all()


def visits_by_month(*, position: ServicePosition, months: int = 24,
                    today: datetime.date | None = None) -> list[tuple[datetime.date, int]]:
    """服务人次 per calendar month, newest first, the months with none included."""
    today = today or timezone.localdate()
    first = today.replace(day=1)
    start = first
    for _ in range(months - 1):
        start = (start - datetime.timedelta(days=1)).replace(day=1)
    counts = {row["month"]: row["n"] for row in PositionVisit.objects.filter(position=position, day__gte=start)
              .annotate(month=TruncMonth("day")).values("month").annotate(n=Count("pk"))}
    out, month = [], first
    while month >= start:
        out.append((month, counts.get(month, 0)))
        month = (month - datetime.timedelta(days=1)).replace(day=1)
    return out


def visit_list(*, scope: Scope, position: ServicePosition | None = None) -> QuerySet[PositionVisit]:
    rows = PositionVisit.objects.visible_to(scope).select_related("service")
    return rows.filter(position=position) if position is not None else rows


@dataclass(frozen=True)
class Nearby:
    position: ServicePosition
    distance_m: float
    is_open: bool


def _open_ids(ids: list[int], at: datetime.datetime) -> set[int]:
    """Which of `ids` are open at `at`: their hours and that day's and the day before's exceptions, two
    queries whatever the number."""
    day = at.astimezone(LOCAL).date()
    spans: dict[int, list[Span]] = defaultdict(list)
    for h in PositionHours.objects.filter(position_id__in=ids).values_list("position_id", "weekday", "opens",
                                                                           "closes"):
        spans[h[0]].append(Span(h[1], h[2], h[3]))
    exceptions: dict[int, dict[datetime.date, DayException]] = defaultdict(dict)
    for e in PositionDayException.objects.filter(position_id__in=ids,
                                                 day__in=[day, day - datetime.timedelta(days=1)]):
        exceptions[e.position_id][e.day] = DayException(e.day, e.closed, e.opens, e.closes)
    return {pk for pk in ids if open_at(spans[pk], exceptions[pk], at)}


def nearest_open(*, kind: str, lat: float, lng: float, at: datetime.datetime | None = None, limit: int = 10,
                 include_closed: bool = False) -> list[Nearby]:
    """The `limit` nearest open positions of a kind around a WGS-84 point, nearest first. Public (what a
    worker sees on the portal), so it reads no scope and only open positions.

    Served from the index `position_bbox` (kind, status, lat, lng): a box around the point, grown (by
    the density seen so far) until it holds `limit` positions that are open within the box's inscribed
    circle (any farther one lies outside that circle, so the answer is exact), then exact haversine
    distances. With
    `include_closed`, positions open in status but shut at this hour are listed too (已打烊)."""
    at = at or timezone.now()
    radius = NEAR_START_M
    seen: dict[int, tuple[float, float]] = {}
    distance: dict[int, float] = {}
    open_now: set[int] = set()
    checked: set[int] = set()
    while True:
        south, north, west, east = bbox(lat, lng, radius)
        rows = (ServicePosition.objects.filter(kind_id=kind, status=PositionStatus.OPEN, lat__range=(south, north),
                                               lng__range=(west, east)).values_list("pk", "lat", "lng"))
        for pk, p_lat, p_lng in rows:
            if pk not in seen:
                seen[pk] = (float(p_lat), float(p_lng))
                distance[pk] = haversine_m(lat, lng, *seen[pk])
        inside = sorted((pk for pk in seen if distance[pk] <= radius), key=distance.__getitem__)
        # The hours are read only once the circle holds enough candidates, and only for those inside it:
        # a box that must still grow costs one indexed query, not three.
        if len(inside) >= limit or radius >= NEAR_MAX_M:
            new = [pk for pk in inside if pk not in checked]
            if new:
                open_now |= _open_ids(new, at)
                checked.update(new)
        wanted = [pk for pk in inside if include_closed or pk in open_now or pk not in checked]
        if radius >= NEAR_MAX_M or (len(wanted) >= limit and all(pk in checked for pk in wanted[:limit])):
            chosen = [pk for pk in wanted if pk in checked][:limit]
            break
        # Grow by the density seen so far (positions per area ~ r²), at least doubling when the circle
        # is empty; any growth keeps the answer exact, a good guess saves round trips.
        factor = 2.0 if not wanted else min(4.0, max(1.4, 1.2 * math.sqrt(limit / len(wanted))))
        radius = min(NEAR_MAX_M, radius * factor)
    found = {p.pk: p for p in ServicePosition.objects.select_related("kind").filter(pk__in=chosen)}
    return [Nearby(found[pk], distance[pk], pk in open_now) for pk in chosen if pk in found]


def position_photo(*, position: ServicePosition, pk: Any) -> PositionPhoto:
    try:
        return position.photos.get(pk=pk)
    except (PositionPhoto.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None


def districts_with_positions(*, kind: str) -> list[str]:
    """The county codes where open positions of a kind stand, for the portal's district picker; served
    by the (county_code, kind) index."""
    return sorted(ServicePosition.objects.filter(kind_id=kind, status=PositionStatus.OPEN)
                  .values_list("county_code", flat=True).distinct())


def public_position(*, pk: Any) -> ServicePosition:
    """A position as the portal shows it to anyone (its public fields): any status, since a suspended
    station's page says so."""
    try:
        return ServicePosition.objects.select_related("kind", "region").get(pk=pk)
    except (ServicePosition.DoesNotExist, ValueError, TypeError):
        raise NotFound() from None
